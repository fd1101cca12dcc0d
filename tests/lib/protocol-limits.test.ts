/**
 * Issue 19 item 7: the messages accept a note exactly at the shared limit
 * (lib/annotation/limits `NOTE_MAX_CHARS`) and refuse one character more, on create and edit,
 * so the page, the popup and the background agree on one number.
 */
import { describe, expect, it } from 'vitest';
import { NOTE_MAX_CHARS } from '../../lib/annotation/limits';
import { thousands } from '../../lib/format';
import { parseMessage } from '../../lib/protocol';

const create = (note: string) => ({
  type: 'notes/create',
  payload: {
    annotation: {
      page: { url: 'https://example.org/a', title: 'A', site: 'example.org' },
      quote: { type: 'TextQuoteSelector', exact: 'the pipeline', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 12 },
      note,
      tags: [],
      colour: 'yellow',
    },
  },
});

const update = (note: string) => ({ type: 'notes/update', payload: { id: 'n1', patch: { note } } });

describe('the note limit in the messages', () => {
  it.each([
    ['notes/create', create],
    ['notes/update', update],
  ] as const)('%s accepts a note at the limit and refuses one character more', (_, make) => {
    const types = ['notes/create', 'notes/update'] as const;
    expect(parseMessage(make('x'.repeat(NOTE_MAX_CHARS)), types).ok).toBe(true);
    const over = parseMessage(make('x'.repeat(NOTE_MAX_CHARS + 1)), types);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.error).toContain(`at most ${thousands(NOTE_MAX_CHARS)} characters`);
  });
});
