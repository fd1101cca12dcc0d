/**
 * Migrations: each test builds a database exactly as the previous version left it, with raw
 * idb calls (not our upgrade code), fills it, and opens it with the current code.
 */
import { openDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  allTags,
  DB_NAME,
  DB_VERSION,
  type DossierDB,
  deleteAnnotation,
  getAnnotation,
  listByPage,
  listByTag,
  openDossierDb,
  StoreError,
  saveAnnotation,
  undoDelete,
} from '../../../lib/store';
import { makeAnnotation } from './fixtures';

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

describe('schema', () => {
  it('is at version 2 with the stores and indexes the queries rely on', async () => {
    const db = await openDb();
    expect(DB_VERSION).toBe(2);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['annotations', 'trash']);
    const tx = db.transaction(['annotations', 'trash']);
    const annotations = tx.objectStore('annotations');
    expect([...annotations.indexNames].sort()).toEqual(['by-page', 'by-tag', 'by-updated']);
    expect(annotations.index('by-tag').multiEntry).toBe(true);
    expect(annotations.index('by-page').keyPath).toBe('page.url');
    expect(tx.objectStore('trash').keyPath).toBe('annotation.id');
    await tx.done;
  });

  it('v1 (new install): creates the annotations store at version 1', async () => {
    const db = await openDb({ version: 1 });
    expect([...db.objectStoreNames]).toEqual(['annotations']);
    const note = makeAnnotation();
    await db.put('annotations', note);
    expect(await db.getFromIndex('annotations', 'by-page', note.page.url)).toEqual(note);
  });
});

describe('migration v1 → v2', () => {
  it('keeps every note from a version-1 database', async () => {
    const notes = [makeAnnotation({ tags: ['energy'] }), makeAnnotation({ note: 'second' })];
    await createV1Fixture(notes);

    const db = await openDb();
    expect(db.version).toBe(2);
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
