/** tag merge/rename touching the right notes. */
import { describe, expect, it } from 'vitest';
import { allTags, getAnnotation, mergeTags, saveAnnotation } from '../../../lib/store';
import { connections, makeAnnotation } from './fixtures';

const openDb = connections();
const NOW = new Date('2026-04-01T09:00:00.000Z');

describe('merging tags', () => {
  it('merging two tags that differ only in case replaces both', async () => {
    const db = await openDb();
    const a = makeAnnotation({ tags: ['Energy'] });
    const b = makeAnnotation({ tags: ['energy'] });
    await saveAnnotation(db, a);
    await saveAnnotation(db, b);
    // The tag manager lists both, as two tags, and offers both as merge sources.
    expect((await allTags(db)).map((t) => t.tag).sort()).toEqual(['Energy', 'energy']);
    await mergeTags(db, ['Energy', 'energy'], 'power', { now: NOW });
    expect((await getAnnotation(db, a.id))?.tags).toEqual(['power']);
    expect((await getAnnotation(db, b.id))?.tags).toEqual(['power']);
  });

  it('a merge never stamps a note with an older `updated` than it had', async () => {
    const db = await openDb();
    // Edited a moment "after" the merge's clock (an edit stamped by stampAfter, or a clock
    // that moved back), then merged.
    const a = makeAnnotation({ tags: ['oil'], updated: '2026-04-01T09:00:00.500Z' });
    await saveAnnotation(db, a);
    await mergeTags(db, ['oil'], 'gas', { now: NOW });
    const stored = await getAnnotation(db, a.id);
    expect(stored?.tags).toEqual(['gas']);
    expect(Date.parse(stored?.updated ?? '')).toBeGreaterThan(Date.parse(a.updated));
  });
});

describe('merge stamping and the conflict rule', () => {
  it('after a merge, a stale copy of the note (pre-merge tags) cannot overwrite it', async () => {
    const db = await openDb();
    const a = makeAnnotation({ tags: ['oil'], updated: '2026-04-01T09:00:00.500Z' });
    await saveAnnotation(db, a);
    await mergeTags(db, ['oil'], 'gas', { now: NOW });
    // A stale writer (an import of an older backup, a tab holding the old note) saves the
    // note as it was before the merge: the conflict rule should refuse it.
    const result = await saveAnnotation(db, a);
    expect(result.status).toBe('conflict');
    expect((await getAnnotation(db, a.id))?.tags).toEqual(['gas']);
  });
});
