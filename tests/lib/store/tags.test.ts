/** Tags everywhere: counts for autocomplete, rename and merge in one transaction. */
import { describe, expect, it, vi } from 'vitest';
import {
  allTags,
  deleteAnnotation,
  getAnnotation,
  listByTag,
  listTrash,
  mergeTags,
  renameTag,
  StoreError,
  saveAnnotation,
  undoDelete,
} from '../../../lib/store';
import { connections, fillTheDiskAt, makeAnnotation, pageNumber } from './fixtures';

const openDb = connections();

const NOW = new Date('2026-04-01T09:00:00.000Z');

describe('tags', () => {
  it('lists every tag with its number of notes, most used first, for autocomplete', async () => {
    const db = await openDb();
    await saveAnnotation(db, makeAnnotation({ tags: ['energy', 'EU'] }));
    await saveAnnotation(db, makeAnnotation({ tags: ['energy'] }));
    await saveAnnotation(db, makeAnnotation({ tags: ['security', '#energy'] }));
    await saveAnnotation(db, makeAnnotation({ tags: [] }));
    expect(await allTags(db)).toEqual([
      { tag: 'energy', count: 3 },
      { tag: 'EU', count: 1 },
      { tag: 'security', count: 1 },
    ]);
  });

  it('renames a tag on every note, including notes in the trash', async () => {
    const db = await openDb();
    const a = makeAnnotation({ tags: ['oil', 'EU'] });
    const b = makeAnnotation({ tags: ['oil'] });
    const c = makeAnnotation({ tags: ['security'] });
    const trashed = makeAnnotation({ tags: ['oil'] });
    for (const note of [a, b, c, trashed]) await saveAnnotation(db, note);
    await deleteAnnotation(db, trashed.id);

    expect(await renameTag(db, 'oil', 'Oil and gas', { now: NOW })).toEqual({
      annotations: 2,
      trashed: 1,
    });
    expect(await listByTag(db, 'oil')).toEqual([]);
    expect((await listByTag(db, 'Oil and gas')).map((n) => n.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect((await getAnnotation(db, a.id))?.tags).toEqual(['Oil and gas', 'EU']);
    expect(await getAnnotation(db, c.id)).toEqual(c);
    expect((await undoDelete(db, trashed.id))?.tags).toEqual(['Oil and gas']);
    expect(await allTags(db)).toEqual([
      { tag: 'Oil and gas', count: 3 },
      { tag: 'EU', count: 1 },
      { tag: 'security', count: 1 },
    ]);
  });

  it('marks renamed notes as edited now, so a stale tab cannot undo the rename', async () => {
    const db = await openDb();
    const note = makeAnnotation({ tags: ['oil'], updated: '2026-01-01T00:00:00.000Z' });
    await saveAnnotation(db, note);
    await renameTag(db, 'oil', 'energy', { now: NOW });
    expect((await getAnnotation(db, note.id))?.updated).toBe(NOW.toISOString());
    const staleEdit = { ...note, note: 'typed in an old tab', updated: '2026-03-01T00:00:00.000Z' };
    expect((await saveAnnotation(db, staleEdit)).status).toBe('conflict');
  });

  it('merges several tags into one, keeping one copy on notes that had both', async () => {
    const db = await openDb();
    const both = makeAnnotation({ tags: ['gas', 'LNG', 'EU'] });
    const one = makeAnnotation({ tags: ['LNG'] });
    const target = makeAnnotation({ tags: ['natural gas'] });
    for (const note of [both, one, target]) await saveAnnotation(db, note);

    expect(await mergeTags(db, ['gas', 'LNG'], 'natural gas', { now: NOW })).toEqual({
      annotations: 2,
      trashed: 0,
    });
    expect((await getAnnotation(db, both.id))?.tags).toEqual(['natural gas', 'EU']);
    expect((await getAnnotation(db, one.id))?.tags).toEqual(['natural gas']);
    expect(await getAnnotation(db, target.id)).toEqual(target);
    expect(await allTags(db)).toEqual([
      { tag: 'natural gas', count: 3 },
      { tag: 'EU', count: 1 },
    ]);
  });

  it('refuses to rename a tag to nothing', async () => {
    const db = await openDb();
    const note = makeAnnotation({ tags: ['oil'] });
    await saveAnnotation(db, note);
    await expect(renameTag(db, 'oil', ' # ')).rejects.toBeInstanceOf(StoreError);
    expect(await getAnnotation(db, note.id)).toEqual(note);
  });

  it('renames everywhere or nowhere: a failed write leaves every note as it was', async () => {
    const db = await openDb();
    const notes = [1, 2, 3, 4].map((n) => makeAnnotation({ tags: ['oil'], page: pageNumber(n) }));
    for (const note of notes) await saveAnnotation(db, note);
    fillTheDiskAt(3);
    await expect(renameTag(db, 'oil', 'energy')).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await listByTag(db, 'energy')).toEqual([]);
    expect(await listByTag(db, 'oil')).toHaveLength(4);
    expect(await listTrash(db)).toEqual([]);
  });
});
