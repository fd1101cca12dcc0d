/** Fan-out from the change feed (lib/notes/feed.ts): what each open view is sent. */
import { describe, expect, it } from 'vitest';
import { changesOf, RELOAD_ABOVE } from '../../../lib/notes/feed';
import { makeAnnotation } from '../store/fixtures';

describe('fan-out of stored changes', () => {
  it('sends each change to the views of its page', () => {
    const note = makeAnnotation();
    expect(
      changesOf([
        { kind: 'upsert', url: note.page.url, note },
        { kind: 'delete', url: note.page.url, id: 'gone' },
      ]),
    ).toEqual([
      [note.page.url, { kind: 'upsert', annotation: note }],
      [note.page.url, { kind: 'delete', id: 'gone', url: note.page.url }],
    ]);
  });

  it('asks every view to reload after a large batch (an import) instead of one message a note', () => {
    const events = Array.from({ length: RELOAD_ABOVE + 1 }, () => {
      const note = makeAnnotation();
      return { kind: 'upsert' as const, url: note.page.url, note };
    });
    expect(changesOf(events)).toEqual([['*', { kind: 'reload' }]]);
  });

  it('asks every view to reload once when the store says many notes changed at once', () => {
    const note = makeAnnotation();
    expect(changesOf([{ kind: 'upsert', url: note.page.url, note }, { kind: 'reload' }])).toEqual([
      ['*', { kind: 'reload' }],
    ]);
  });
});
