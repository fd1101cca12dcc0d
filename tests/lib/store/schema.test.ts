/**
 * Migrations: each test builds a database exactly as the previous version left it, with raw
 * idb calls (not our upgrade code), fills it, and opens it with the current code.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  allTags,
  countAnnotations,
  DB_NAME,
  DB_VERSION,
  type DossierDB,
  deleteAnnotation,
  exportAll,
  getAnnotation,
  listAll,
  listByPage,
  listByTag,
  listTrash,
  mergeTags,
  noteDocId,
  openDossierDb,
  parseNoteDocId,
  StoreError,
  saveAnnotation,
  undoDelete,
} from '../../../lib/store';
import { makeAnnotation, OTHER_PAGE, pageNumber } from './fixtures';

/** The library's stores (v4, the people summary's of v5), sorted. */
const LIBRARY_STORES = [
  'library-choices',
  'library-pages',
  'library-people',
  'library-search',
  'library-settings',
];

const open: DossierDB[] = [];
async function openDb(options?: Parameters<typeof openDossierDb>[0]): Promise<DossierDB> {
  const db = await openDossierDb(options);
  open.push(db);
  return db;
}
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** What version 1 of Dossier created: one store, page and update-time indexes, no trash. */
async function createV1Fixture(records: unknown[]): Promise<void> {
  const v1 = await openDB(DB_NAME, 1, {
    upgrade(db) {
      const store = db.createObjectStore('annotations', { keyPath: 'id' });
      store.createIndex('by-page', 'page.url');
      store.createIndex('by-updated', 'updated');
    },
  });
  const tx = v1.transaction('annotations', 'readwrite');
  for (const record of records) await tx.store.put(record);
  await tx.done;
  v1.close();
}

/**
 * What version 2 of Dossier left: one record per note with page, update-time and multi-entry
 * tag indexes, and the trash.
 */
async function createV2Fixture(records: unknown[], trash: unknown[] = []): Promise<void> {
  const v2 = await openDB(DB_NAME, 2, {
    upgrade(db) {
      const store = db.createObjectStore('annotations', { keyPath: 'id' });
      store.createIndex('by-page', 'page.url');
      store.createIndex('by-updated', 'updated');
      store.createIndex('by-tag', 'tags', { multiEntry: true });
      db.createObjectStore('trash', { keyPath: 'annotation.id' }).createIndex(
        'by-deleted',
        'deletedAt',
      );
    },
  });
  const tx = v2.transaction(['annotations', 'trash'], 'readwrite');
  for (const record of records) await tx.objectStore('annotations').put(record);
  for (const entry of trash) await tx.objectStore('trash').put(entry);
  await tx.done;
  v2.close();
}

describe('schema', () => {
  it('is at version 8: the library in IndexedDB, notes in PouchDB', async () => {
    const db = await openDb();
    expect(DB_VERSION).toBe(8);
    expect(db.idb.version).toBe(8);
    expect([...db.idb.objectStoreNames].sort()).toEqual(LIBRARY_STORES);
  });

  it('keeps one document per note, with an id that starts with its page, and the trash in it', async () => {
    const db = await openDb();
    const a = makeAnnotation({ tags: ['energy'] });
    const b = makeAnnotation({ page: OTHER_PAGE });
    for (const note of [a, b]) await saveAnnotation(db, note);
    await deleteAnnotation(db, b.id, { now: new Date('2026-02-01T00:00:00.000Z') });
    const docs = await db.notes.allDocs({ include_docs: true });
    expect(docs.rows.map((r) => r.id).sort()).toEqual(
      [noteDocId(a.page.url, a.id), noteDocId(b.page.url, b.id)].sort(),
    );
    expect(noteDocId(a.page.url, a.id)).toBe(`note:${encodeURIComponent(a.page.url)}:${a.id}`);
    const stored = docs.rows.map(({ doc }) => doc && { ...doc, _rev: undefined });
    expect(stored).toEqual(
      expect.arrayContaining([
        { _id: noteDocId(a.page.url, a.id), _rev: undefined, type: 'note', note: a },
        {
          _id: noteDocId(b.page.url, b.id),
          _rev: undefined,
          type: 'note',
          note: b,
          trashed: { deletedAt: '2026-02-01T00:00:00.000Z' },
        },
      ]),
    );
    expect(parseNoteDocId(noteDocId('https://x.example/a:b?c=1#d', 'id:1'))).toEqual({
      url: 'https://x.example/a:b?c=1#d',
      id: 'id:1',
    });
  });

  it('v1 (new install): creates the annotations store at version 1', async () => {
    const db = (await openDb({ version: 1 })).idb as unknown as IDBPDatabase;
    expect([...db.objectStoreNames]).toEqual(['annotations']);
    const note = makeAnnotation();
    await db.put('annotations', note);
    expect(await db.getFromIndex('annotations', 'by-page', note.page.url)).toEqual(note);
  });
});

function pos(start: number): Annotation['position'] {
  return { type: 'TextPositionSelector', start, end: start + 5 };
}

describe('migration v2 → v3', () => {
  it('moves every note into its page, and the queries find them as before', async () => {
    const notes = [
      makeAnnotation({ tags: ['energy'], position: pos(30), updated: '2026-01-03T00:00:00.000Z' }),
      makeAnnotation({ tags: ['energy', 'EU'], position: pos(10) }),
      makeAnnotation({ page: OTHER_PAGE, tags: ['EU'], updated: '2026-01-02T00:00:00.000Z' }),
      ...[1, 2, 3].map((n) => makeAnnotation({ page: pageNumber(n) })),
    ];
    const trashed = {
      annotation: makeAnnotation({ note: 'deleted' }),
      deletedAt: '2026-01-05T00:00:00.000Z',
    };
    await createV2Fixture(notes, [trashed]);

    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    expect([...db.idb.objectStoreNames].sort()).toEqual(LIBRARY_STORES);
    for (const note of notes) expect(await getAnnotation(db, note.id)).toEqual(note);
    expect((await listByPage(db, notes[0]!.page.url)).map((n) => n.id)).toEqual([
      notes[1]!.id,
      notes[0]!.id,
    ]);
    expect(await countAnnotations(db)).toBe(6);
    expect(await countAnnotations(db, { url: OTHER_PAGE.url })).toBe(1);
    expect((await listByTag(db, 'EU')).map((n) => n.id).sort()).toEqual(
      [notes[1]!.id, notes[2]!.id].sort(),
    );
    expect((await listAll(db, { limit: 2 })).map((n) => n.id)).toEqual([
      notes[0]!.id,
      notes[2]!.id,
    ]);
    expect(await listTrash(db)).toEqual([trashed]);
    expect((await exportAll(db)).annotations).toEqual(
      [...notes].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
  });

  // The step is frozen: it must keep producing what it produced when v3 was released, whatever
  // the live PART_SIZE becomes.
  const RELEASED_V3_PART_SIZE = 25;

  it('splits a page with more than 25 notes into records of 25, the part size v3 was released with', async () => {
    const page = pageNumber(9);
    const many = Array.from({ length: RELEASED_V3_PART_SIZE + 10 }, () => makeAnnotation({ page }));
    await createV2Fixture(many);
    // Opened at v5, the last version with notes in IndexedDB, to see what the v3 step wrote.
    const db = await openDb({ version: 5 });
    const parts = (await (db.idb as unknown as IDBPDatabase).getAll('pages')) as {
      url: string;
      notes: Annotation[];
    }[];
    expect(parts.map((p) => [p.url, p.notes.length])).toEqual([
      [page.url, RELEASED_V3_PART_SIZE],
      [page.url, 10],
    ]);
    db.close();
    const current = await openDb();
    expect(await countAnnotations(current)).toBe(RELEASED_V3_PART_SIZE + 10);
    expect(new Set((await listByPage(current, page.url)).map((n) => n.id)).size).toBe(
      RELEASED_V3_PART_SIZE + 10,
    );
  });

  it('keeps the notes editable: save, delete, undo and tag merges work after the move', async () => {
    const note = makeAnnotation({ tags: ['oil'] });
    await createV2Fixture([note, makeAnnotation({ page: OTHER_PAGE, tags: ['oil'] })]);
    const db = await openDb();
    const edited = { ...note, note: 'edited', updated: '2026-02-01T00:00:00.000Z' };
    expect(await saveAnnotation(db, edited)).toEqual({ status: 'updated', annotation: edited });
    await mergeTags(db, ['oil'], 'energy', { now: new Date('2026-03-01T00:00:00.000Z') });
    expect(await allTags(db)).toEqual([{ tag: 'energy', count: 2 }]);
    await deleteAnnotation(db, note.id);
    expect(await getAnnotation(db, note.id)).toBeUndefined();
    expect((await undoDelete(db, note.id))?.note).toBe('edited');
  });

  it('leaves the version-2 database intact when the move fails', async () => {
    const note = makeAnnotation();
    // A damaged version-2 database that already has a `pages` store: the v3 step cannot
    // create it, the upgrade is rolled back and the notes stay where they were.
    const v2 = await openDB(DB_NAME, 2, {
      upgrade(db) {
        db.createObjectStore('annotations', { keyPath: 'id' });
        db.createObjectStore('trash', { keyPath: 'annotation.id' });
        db.createObjectStore('pages');
      },
    });
    await v2.put('annotations', note);
    v2.close();

    const failure = openDossierDb();
    await expect(failure).rejects.toMatchObject({ code: 'upgrade' });
    const after = await openDB(DB_NAME);
    expect(after.version).toBe(2);
    expect(await after.get('annotations', note.id)).toEqual(note);
    after.close();
  });
});

describe('migration from v1', () => {
  it('keeps every note from a version-1 database', async () => {
    const notes = [makeAnnotation({ tags: ['energy'] }), makeAnnotation({ note: 'second' })];
    await createV1Fixture(notes);

    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    for (const note of notes) expect(await getAnnotation(db, note.id)).toEqual(note);
    expect((await listByPage(db, notes[0]!.page.url)).map((n) => n.id)).toEqual(
      notes.map((n) => n.id),
    );
  });

  it('normalises tags written by version 1 and indexes them by tag', async () => {
    const messy = makeAnnotation({ tags: [' #Energy ', 'energy', 'EU  policy', ''] });
    const noTags = { ...makeAnnotation(), tags: undefined } as unknown as Annotation;
    const clean = makeAnnotation({ tags: ['EU policy'] });
    await createV1Fixture([messy, noTags, clean]);

    const db = await openDb();
    expect((await getAnnotation(db, messy.id))?.tags).toEqual(['Energy', 'EU policy']);
    expect((await getAnnotation(db, noTags.id))?.tags).toEqual([]);
    expect(await getAnnotation(db, clean.id)).toEqual(clean);
    expect((await listByTag(db, 'EU policy')).map((n) => n.id).sort()).toEqual(
      [messy.id, clean.id].sort(),
    );
    expect(await allTags(db)).toEqual([
      { tag: 'EU policy', count: 2 },
      { tag: 'Energy', count: 1 },
    ]);
  });

  it('adds the trash, so notes from version 1 can be deleted and restored', async () => {
    const note = makeAnnotation();
    await createV1Fixture([note]);
    const db = await openDb();
    await deleteAnnotation(db, note.id);
    expect(await getAnnotation(db, note.id)).toBeUndefined();
    expect(await undoDelete(db, note.id)).toEqual(note);
  });

  it('leaves the version-1 database intact when the upgrade fails', async () => {
    const note = makeAnnotation();
    // A damaged version-1 database that already has a `trash` store: the v2 step cannot
    // create it, the upgrade is rolled back, and the reader is told in plain words.
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        const store = db.createObjectStore('annotations', { keyPath: 'id' });
        store.createIndex('by-page', 'page.url');
        store.createIndex('by-updated', 'updated');
        db.createObjectStore('trash');
      },
    });
    await v1.put('annotations', note);
    v1.close();

    const failure = openDossierDb();
    await expect(failure).rejects.toBeInstanceOf(StoreError);
    await expect(failure).rejects.toMatchObject({ code: 'upgrade' });
    await expect(failure).rejects.toThrow(/left them exactly as they were/);
    const after = await openDB(DB_NAME);
    expect(after.version).toBe(1);
    expect(await after.get('annotations', note.id)).toEqual(note);
    after.close();
  });
});

describe('opening errors', () => {
  it('explains a database written by a newer Dossier instead of failing silently', async () => {
    const future = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('annotations', { keyPath: 'id' });
      },
    });
    future.close();
    const failure = openDossierDb();
    await expect(failure).rejects.toMatchObject({ name: 'StoreError', code: 'version' });
    await expect(failure).rejects.toThrow(/newer version of Dossier/);
  });

  it('gives up with a clear message when an old connection blocks the upgrade', async () => {
    // An old Dossier context that never closes its version-1 connection.
    const stubborn = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('annotations', { keyPath: 'id' }).createIndex('by-page', 'page.url');
      },
    });
    const failure = openDossierDb({ blockedTimeoutMs: 20 });
    await expect(failure).rejects.toMatchObject({ code: 'blocked' });
    await expect(failure).rejects.toThrow(/another Dossier window or tab/);
    stubborn.close();
  });

  it('closes its own connection when a newer version needs to upgrade', async () => {
    const reasons: string[] = [];
    const db = await openDb({ onClose: (reason) => reasons.push(reason) });
    await saveAnnotation(db, makeAnnotation());
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(reasons).toEqual(['versionchange']);
    newer.close();
  });
});
