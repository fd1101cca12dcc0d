/**
 * Every migration since the first release, one `if (oldVersion < N)` step each, run inside the
 * versionchange transaction. A released step never moves: it carries its own constants and
 * builds its records itself, so a later change to how the live code lays out notes (for
 * example `PART_SIZE` in pages.ts) cannot change what upgrading an old database produces. Each
 * step is tested by upgrading a fixture of the version before it (tests/lib/store/schema.test.ts).
 */
import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Annotation, TrashedAnnotation } from '../annotation';
import { groupByPage } from '../annotation/order';
import { asideId } from './aside';
import { StoreError } from './errors';
import { normaliseTags } from './normalise';
import { type NoteBody, type NotesDatabase, noteDocId } from './pouch';
import type { DossierSchema, PagePart } from './schema';

/**
 * The most notes one v3 record holds, as released. Why records of a page's notes: Chromium
 * pays about 0.13 ms per record written, whatever its size, so importing 10,000 notes over 500
 * pages took 2.3 s as 10,000 records and 0.3 s as 500 (measured with the benchmark's notes).
 */
export const V3_PART_SIZE = 25;

/** v3 step: a page's notes as records `[url, 0]`, `[url, 1]`, … of `V3_PART_SIZE` notes. */
function v3Parts(notes: readonly Annotation[]): PagePart[] {
  return [...groupByPage(notes)].flatMap(([url, group]) => {
    const parts: PagePart[] = [];
    for (let start = 0; start < group.length; start += V3_PART_SIZE) {
      const slice = group.slice(start, start + V3_PART_SIZE);
      parts.push({
        url,
        part: parts.length,
        notes: slice,
        ids: slice.map((note) => note.id),
        tags: [...new Set(slice.flatMap((note) => note.tags))],
      });
    }
    return parts;
  });
}

/**
 * Runs every migration step from `oldVersion` up to `newVersion`, inside the versionchange
 * transaction (so a failing step aborts the whole upgrade and the old database stays intact).
 * Only IndexedDB requests are awaited here; nothing else may run inside the transaction.
 * The steps before v3 name a store the current schema no longer has, so they work on the
 * untyped view of the database.
 */
export async function upgradeDossierDb(
  db: IDBPDatabase<DossierSchema>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<DossierSchema, StoreNames<DossierSchema>[], 'versionchange'>,
): Promise<void> {
  const legacyDb = db as unknown as IDBPDatabase;
  const legacyTx = tx as unknown as LegacyTx;
  if (oldVersion < 1 && newVersion >= 1) {
    const annotations = legacyDb.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('by-page', 'page.url');
    annotations.createIndex('by-updated', 'updated');
  }
  if (oldVersion < 2 && newVersion >= 2) {
    const trash = legacyDb.createObjectStore('trash', { keyPath: 'annotation.id' });
    trash.createIndex('by-deleted', 'deletedAt');
    const annotations = legacyTx.objectStore('annotations');
    annotations.createIndex('by-tag', 'tags', { multiEntry: true });
    // Written before tags were normalised on save: make them canonical so the new index has
    // one key per tag. Runs after the index exists, so the index is built from clean values.
    await normaliseStoredTags(annotations);
  }
  if (oldVersion < 3 && newVersion >= 3) {
    const pages = legacyDb.createObjectStore('pages', { keyPath: ['url', 'part'] });
    pages.createIndex('by-note', 'ids', { multiEntry: true, unique: true });
    pages.createIndex('by-tag', 'tags', { multiEntry: true });
    const notes = (await legacyTx.objectStore('annotations').getAll()) as Annotation[];
    await Promise.all(v3Parts(notes).map((part) => pages.put(part)));
    legacyDb.deleteObjectStore('annotations');
  }
  if (oldVersion < 4 && newVersion >= 4) {
    // The library, additive. Names written out here, not imported: this step must create
    // what v4 created, whatever later code calls these stores.
    const library = legacyDb.createObjectStore('library-pages', { keyPath: 'url' });
    library.createIndex('by-last-read', 'lastRead');
    legacyDb.createObjectStore('library-choices', { keyPath: 'id' });
    legacyDb.createObjectStore('library-settings', { keyPath: 'key' });
  }
  if (oldVersion < 5 && newVersion >= 5) {
    // The people summary and the saved search, additive and empty: they are derived data,
    // built from the pages by the current code when first needed (lib/library/summary.ts),
    // never by this step, so this step stays what v5 released.
    const forms = legacyDb.createObjectStore('library-forms', { keyPath: 'key' });
    forms.createIndex('by-bucket', 'bucket');
    const people = legacyDb.createObjectStore('library-people', { keyPath: 'id' });
    people.createIndex('by-bucket', 'buckets', { multiEntry: true });
    people.createIndex('by-rank', 'rank');
    legacyDb.createObjectStore('library-search', { keyPath: 'key' });
  }
  if (oldVersion < 6 && newVersion >= 6) {
    // Notes and the trash now live in PouchDB. open.ts runs this step on an existing database
    // only after every note and trash entry was copied there and read back
    // (`moveNotesToPouch`); on a new install the stores are empty.
    for (const name of ['pages', 'trash']) {
      if (legacyDb.objectStoreNames.contains(name)) legacyDb.deleteObjectStore(name);
    }
  }
  if (oldVersion < 7 && newVersion >= 7) {
    // The resolver's forms by surname bucket. Only derived data is dropped: the forms, and the
    // summary's version setting, so the current code rebuilds the people from the pages
    // (lib/library/summary.ts) rather than take people without their forms as current.
    legacyDb.deleteObjectStore('library-forms');
    legacyDb.createObjectStore('library-buckets', { keyPath: 'bucket' });
    legacyTx.objectStore('library-people').deleteIndex('by-bucket');
    await legacyTx.objectStore('library-settings').delete('people-summary');
  }
  if (oldVersion < 8 && newVersion >= 8) {
    // A bucket's forms kept in its people's records, keyed by bucket. Only derived data
    // is dropped: the buckets, the people (made again under the new key) and the summary's
    // version setting, so the current code rebuilds the people from the pages.
    legacyDb.deleteObjectStore('library-buckets');
    legacyDb.deleteObjectStore('library-people');
    legacyDb.createObjectStore('library-people', { keyPath: 'key' }).createIndex('by-rank', 'rank');
    await legacyTx.objectStore('library-settings').delete('people-summary');
  }
}

/**
 * Copies every note (`pages`) and trash entry of a v3–v5 database into PouchDB, one document
 * each, and reads them back; resolves only when all are there. Safe to run again after a crash
 * half-way: document ids are deterministic, so a document already copied is found (a revision
 * conflict) rather than written twice. A trash entry with the id of a live note on the same
 * page (possible in v3–v5, where the two were apart) is kept under a derived id.
 */
export async function moveNotesToPouch(idb: IDBPDatabase, notes: NotesDatabase): Promise<number> {
  const names = ['pages', 'trash'].filter((n) => idb.objectStoreNames.contains(n));
  if (names.length === 0) return 0;
  const tx = idb.transaction(names, 'readonly');
  const [parts, trash] = await Promise.all([
    names.includes('pages') ? (tx.objectStore('pages').getAll() as Promise<PagePart[]>) : [],
    names.includes('trash')
      ? (tx.objectStore('trash').getAll() as Promise<TrashedAnnotation[]>)
      : [],
  ]);
  await tx.done;
  const docs = new Map<string, NoteBody>();
  for (const part of parts) {
    for (const note of part.notes) {
      docs.set(noteDocId(note.page.url, note.id), { type: 'note', note });
    }
  }
  for (const entry of trash) {
    let note = entry.annotation;
    if (docs.has(noteDocId(note.page.url, note.id))) note = { ...note, id: asideId(note) };
    const id = noteDocId(note.page.url, note.id);
    if (!docs.has(id)) {
      docs.set(id, { type: 'note', note, trashed: { deletedAt: entry.deletedAt } });
    }
  }
  const ids = [...docs.keys()];
  for (let start = 0; start < ids.length; start += 2000) {
    const slice = ids.slice(start, start + 2000);
    const results = await notes.bulkDocs(
      slice.map((_id) => ({ _id, ...(docs.get(_id) as NoteBody) })),
    );
    const failed = results.find((r) => 'error' in r && r.error && r.status !== 409);
    if (failed) throw new StoreError('upgrade', undefined, { cause: failed });
  }
  // Read back: every document must be there, live (the drop that follows cannot be undone).
  const check = await notes.allDocs({ keys: ids });
  const missing = check.rows.filter(
    (row) => 'error' in row || (row as { value?: { deleted?: boolean } }).value?.deleted,
  );
  if (missing.length > 0) {
    throw new StoreError('upgrade', undefined, {
      cause: new Error(`${missing.length} notes missing`),
    });
  }
  return ids.length;
}

/** The versionchange transaction seen without the current schema's types. */
type LegacyTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** v2 step: rewrite every record whose tags are not canonical (or are not an array at all). */
async function normaliseStoredTags(
  annotations: IDBPObjectStore<unknown, string[], 'annotations', 'versionchange'>,
): Promise<void> {
  let cursor = await annotations.openCursor();
  while (cursor) {
    const record = cursor.value as Annotation;
    const raw: unknown = record.tags;
    const tags = normaliseTags(Array.isArray(raw) ? raw : []);
    if (!Array.isArray(raw) || tags.length !== raw.length || tags.some((t, i) => t !== raw[i])) {
      await cursor.update({ ...record, tags });
    }
    cursor = await cursor.continue();
  }
}
