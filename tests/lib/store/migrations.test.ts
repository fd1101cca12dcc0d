/**
 * The move of notes and trash from IndexedDB (v3–v5) into PouchDB (v6): every note and trash
 * entry kept, the old stores dropped only after the copy is read back, and a move interrupted
 * half-way done again without duplicating anything.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import {
  countAnnotations,
  DB_NAME,
  DB_VERSION,
  exportAll,
  getAnnotation,
  listByPage,
  listTrash,
  noteDocId,
  openDossierDb,
} from '../../../lib/store';
import { moveNotesToPouch } from '../../../lib/store/migrations';
import { openNotesDatabase } from '../../../lib/store/pouch';
import {
  connections,
  createV3Fixture,
  fillTheDiskAt,
  makeAnnotation,
  OTHER_PAGE,
  pageNumber,
} from './fixtures';

const openDb = connections();

/** A v3 store: 60 notes over three pages (one page in three records), and two trash entries. */
function v3Contents() {
  const notes = [
    ...Array.from({ length: 55 }, () => makeAnnotation({ tags: ['energy'] })),
    makeAnnotation({ page: OTHER_PAGE, note: 'on the other page' }),
    ...[1, 2, 3, 4].map((n) => makeAnnotation({ page: pageNumber(n) })),
  ];
  const trash = [
    { annotation: makeAnnotation({ note: 'deleted' }), deletedAt: '2026-01-05T00:00:00.000Z' },
    // v3 kept the trash apart, so an id could be live and in the trash at once.
    { annotation: { ...notes[0]!, note: 'older text' }, deletedAt: '2026-01-04T00:00:00.000Z' },
  ];
  return { notes, trash };
}

describe('migration v3 → v6 (notes into PouchDB)', () => {
  it('keeps every note and trash entry, and drops the old stores', async () => {
    const { notes, trash } = v3Contents();
    await createV3Fixture(notes, trash);
    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    expect([...db.idb.objectStoreNames]).not.toContain('pages');
    expect([...db.idb.objectStoreNames]).not.toContain('trash');
    for (const note of notes) expect(await getAnnotation(db, note.id)).toEqual(note);
    expect(await countAnnotations(db)).toBe(notes.length);
    expect(await listByPage(db, OTHER_PAGE.url)).toEqual([notes[55]]);
    const kept = await listTrash(db);
    expect(kept).toHaveLength(2);
    expect(kept[0]).toEqual(trash[0]);
    expect(kept[1]).toMatchObject({
      annotation: { note: 'older text', page: notes[0]!.page },
      deletedAt: trash[1]!.deletedAt,
    });
    expect(kept[1]?.annotation.id).not.toBe(notes[0]!.id);
  });

  it('copies again without duplicating when the browser stopped before the old stores went', async () => {
    const { notes, trash } = v3Contents();
    await createV3Fixture(notes, trash);
    // The first start copied half the notes and stopped (a crash, the worker killed).
    const half = openNotesDatabase(DB_NAME);
    await half.bulkDocs(
      notes.slice(0, 30).map((note) => ({
        _id: noteDocId(note.page.url, note.id),
        type: 'note' as const,
        note,
      })),
    );
    await half.close();
    // The second start copied everything and stopped before dropping the old stores.
    const v5 = (await openDossierDb({ version: 5 })).idb as unknown as IDBPDatabase;
    const copy = openNotesDatabase(DB_NAME);
    await moveNotesToPouch(v5, copy);
    v5.close();
    await copy.close();

    const db = await openDb();
    const all = await exportAll(db);
    expect(all.annotations).toHaveLength(notes.length);
    expect(all.trash).toHaveLength(trash.length);
    expect((await db.notes.allDocs({})).rows).toHaveLength(notes.length + trash.length);
  });

  it('leaves the old stores in place when the copy cannot be written', async () => {
    const { notes, trash } = v3Contents();
    await createV3Fixture(notes, trash);
    fillTheDiskAt(1);
    await expect(openDossierDb()).rejects.toMatchObject({ code: 'upgrade' });
    const after = await openDB(DB_NAME);
    expect(after.version).toBeLessThan(DB_VERSION);
    expect(await after.count('trash')).toBe(trash.length);
    expect((await after.getAll('pages')).flatMap((p) => p.notes)).toHaveLength(notes.length);
    after.close();
  });
});
