/**
 * The notes database: PouchDB over IndexedDB, the one source of truth for the replicated
 * records (notes with their tags, and the trash). Why PouchDB: it keeps every record with its
 * revision tree, so CouchDB's replication protocol (lib/sync) can carry notes between devices
 * and teammates, and concurrent edits become `_conflicts` instead of one silently winning.
 *
 * DOCUMENT LAYOUT (the contract with lib/sync and the CouchDB set-up; change it only with both):
 * - one document per note, `_id` = `note:<page key>:<note id>`, where the page key is
 *   `encodeURIComponent(page.url)`. The key holds no ':' (it is encoded), so the range
 *   `note:<page key>:` … `note:<page key>:\ufff0` is exactly one page's notes, even when one
 *   page's address is a prefix of another's;
 * - body `{ type: 'note', note: Annotation, author?, trashed? }`: `note` is the annotation as
 *   the rest of Dossier knows it; `author` is the sync user who wrote it (absent: this reader,
 *   on this device before signing in); `trashed: { deletedAt }` marks a note in the trash (so
 *   the trash replicates like the notes), with `otherVersionOf` when it is the losing side of
 *   a conflict kept for the reader (lib/store/conflicts.ts);
 * - purging the trash is a real remove (a tombstone), which replicates as a delete.
 *
 * Stored as the adapter stores documents, less its `deleted,id` index, which only range reads
 * used and which made every write slower (lib/store/ranges.ts).
 *
 * Tests use the same adapter over fake-indexeddb; `useNotesDatabaseOptions` is their one
 * injection point (a fresh name prefix per test, since the adapter caches open databases by
 * name).
 */
import IndexedDbAdapter from 'pouchdb-adapter-indexeddb/lib/index.es.js';
import PouchDB, { type Database, type Existing } from 'pouchdb-core/lib/index.es.js';
import { changesHandler } from 'pouchdb-utils';
import type { Annotation } from '../annotation';
import { toStoreError } from './errors';
import { DOC_STORE, NOTES_SUFFIX, POUCH_IDB_PREFIX, rangesWithoutDeletedIndex } from './ranges';

PouchDB.plugin(IndexedDbAdapter);

/**
 * Makes every read-write transaction on PouchDB's IndexedDB databases ask for `strict`
 * durability, as Dossier's own writes always did (issue 19: acknowledge only durable writes).
 * The adapter opens its transactions without options, and Chromium's default lets a write be
 * acknowledged before it reaches the disk, so a power cut right after "saved" could lose it.
 * Only transactions of `_pouch_…` databases that name no options of their own are changed.
 * Returns whether the prototype was patched (once per prototype).
 */
export function strictPouchWrites(
  proto: { transaction: (...args: never[]) => unknown } | undefined = globalThis.IDBDatabase
    ?.prototype,
): boolean {
  if (!proto) return false;
  const marked = proto as { __dossierStrict?: boolean };
  if (marked.__dossierStrict) return false;
  const original = proto.transaction as (
    this: { name: string },
    stores: string | string[],
    mode?: string,
    options?: object,
  ) => unknown;
  proto.transaction = function (
    this: { name: string },
    stores: string | string[],
    mode?: string,
    options?: object,
  ) {
    if (mode === 'readwrite' && options === undefined && this.name.startsWith(POUCH_IDB_PREFIX)) {
      return original.call(this, stores, mode, { durability: 'strict' });
    }
    return original.call(this, stores, mode, options);
  } as never;
  marked.__dossierStrict = true;
  return true;
}

strictPouchWrites();

/** What one note document holds besides `_id` and `_rev`. */
export interface NoteBody {
  type: 'note';
  note: Annotation;
  /** The sync user who wrote it; absent: this reader, local. */
  author?: string;
  /** Set when the note is in the trash. */
  trashed?: {
    deletedAt: string;
    /** The note id this is a losing version of (a conflict kept for the reader). */
    otherVersionOf?: string;
    /**
     * Set on an other version that the reader's "Restore this version" replaced (trash.ts
     * `restoreVersion`): a choice, not a conflict, so no device raises a notice for it.
     */
    replaced?: boolean;
  };
}

/** A note document as read back. */
export type NoteDoc = Existing<NoteBody>;

/** The notes database handle. */
export type NotesDatabase = Database<NoteBody>;

/** Options tests may set: which adapter, and a prefix so each test gets its own databases. */
let databaseOptions: { prefix?: string; adapter?: string } = {};

/** Test injection point: every notes database opened from now on uses these options. */
export function useNotesDatabaseOptions(options: { prefix?: string; adapter?: string }): void {
  databaseOptions = options;
}

/** Opens (creating if needed) the notes database named after the Dossier database `name`. */
export function openNotesDatabase(name: string): NotesDatabase {
  const db = new PouchDB<NoteBody>(`${name}${NOTES_SUFFIX}`, {
    adapter: databaseOptions.adapter ?? 'indexeddb',
    ...(databaseOptions.prefix ? { prefix: databaseOptions.prefix } : {}),
    // Old revisions' bodies are not kept (the revision tree is): a note edited a thousand
    // times would otherwise keep a thousand bodies.
    auto_compaction: true,
  });
  batchRevisionTrees(db);
  batchExistingReads(db);
  rangesWithoutDeletedIndex(db);
  cancellableLiveFeeds(db);
  return db;
}

/** Each live feed's options object → how to stop its reader (see `cancellableLiveFeeds`). */
const liveReaders = new WeakMap<object, () => void>();
/** Live feeds cancelled before the adapter registered their reader. */
const cancelledEarly = new WeakSet<object>();

/**
 * Records, for each live feed the IndexedDB adapter registers, how to remove it again
 * (`changesHandler` is the adapter's registry of live feeds; one patch of its prototype). A
 * feed cancelled before it was registered is never registered. Returns whether it patched.
 */
function recordLiveReaders(proto: changesHandler | undefined = changesHandler?.prototype): boolean {
  if (!proto) return false;
  const marked = proto as changesHandler & { __dossierCancellable?: boolean };
  if (marked.__dossierCancellable) return false;
  const add = proto.addListener;
  proto.addListener = function (this: changesHandler, dbName, id, db, opts) {
    if (cancelledEarly.has(opts)) return;
    add.call(this, dbName, id, db, opts);
    liveReaders.set(opts, () => this.removeListener(dbName, id));
  };
  marked.__dossierCancellable = true;
  return true;
}

recordLiveReaders();

/**
 * Makes cancelling a live change feed stop it for good. Why: the IndexedDB adapter opens the
 * feed after an asynchronous set-up, so the handle that would unregister it never reaches
 * PouchDB, and `cancel()` only silences the feed: it stays registered and reads every later
 * change again, with its documents, after every write. The feed (lib/store/feed.ts) steps aside
 * for each large write (quiet.ts) by cancelling and starting again, so each import left one
 * more such reader behind, and during an import of 10,000 notes the one left from the worker's
 * start read each 2,000-note chunk back between the writes (about 0.4 s). Returns whether the
 * database was changed (only the IndexedDB adapter needs it).
 */
export function cancellableLiveFeeds(db: object): boolean {
  const api = db as { _changes?: (opts: { continuous?: boolean }) => unknown; type?: () => string };
  const open = api._changes;
  if (typeof open !== 'function' || api.type?.() !== 'indexeddb') return false;
  api._changes = function (this: unknown, opts) {
    const handle = open.call(this, opts);
    if (handle !== undefined || !opts.continuous) return handle;
    return {
      cancel() {
        const stop = liveReaders.get(opts);
        if (stop) {
          liveReaders.delete(opts);
          stop();
        } else cancelledEarly.add(opts);
      },
    };
  };
  return true;
}

/** The IndexedDB adapter's internals that `batchRevisionTrees` replaces and uses. */
interface RevisionTreeReader {
  _getRevisionTree?: (id: string, callback: (error: unknown, tree?: unknown) => void) => void;
  _openTransactionSafely?: (
    stores: string[],
    mode: 'readonly',
    callback: (error: unknown, txn?: IDBTransaction) => void,
  ) => void;
}

/** The error PouchDB's `revsDiff` takes for "no such document" (pouchdb-errors' MISSING_DOC). */
function missingDoc(): Error {
  return Object.assign(new Error('missing'), {
    status: 404,
    name: 'not_found',
    error: true,
    reason: 'missing',
  });
}

/**
 * Makes the revision trees PouchDB asks for in one go (`revsDiff`, which replication calls for
 * every batch it pulls) one read-only transaction instead of one transaction per document.
 * Why: the IndexedDB adapter opens a transaction for each document's tree, and in Chromium each
 * transaction is a round trip to the browser process; a first replication of 10,000 notes
 * opened 10,000 of them. Trees asked for in the same task are read together (`revsDiff` asks
 * for all of a batch's at once); each caller gets what the adapter would have given it.
 * Returns whether the database was changed (only the IndexedDB adapter has these internals).
 */
export function batchRevisionTrees(db: object): boolean {
  const api = db as RevisionTreeReader;
  const open = api._openTransactionSafely?.bind(api);
  if (typeof api._getRevisionTree !== 'function' || !open) return false;
  type Ask = [id: string, callback: (error: unknown, tree?: unknown) => void];
  let asked: Ask[] | null = null;
  const readAll = () => {
    const asks = asked ?? [];
    asked = null;
    open([DOC_STORE], 'readonly', (error, txn) => {
      if (error || !txn) {
        for (const [, callback] of asks) callback(error ?? missingDoc());
        return;
      }
      const store = txn.objectStore(DOC_STORE);
      for (const [id, callback] of asks) {
        const request = store.get(id);
        request.onsuccess = () => {
          const record = request.result as { rev_tree?: unknown } | undefined;
          if (record) callback(null, record.rev_tree);
          else callback(missingDoc());
        };
        request.onerror = () => callback(request.error);
      }
    });
  };
  api._getRevisionTree = (id, callback) => {
    if (asked === null) {
      asked = [];
      queueMicrotask(readAll);
    }
    asked.push([id, callback]);
  };
  return true;
}

/** Below this many reads asked together, `batchExistingReads` leaves each read as it is. */
const BATCH_READS_FROM = 32;

/** A read `batchExistingReads` answers for the adapter: what the adapter sets and reads. */
interface HeldRead {
  onsuccess: ((event: { target: { result: unknown } }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/**
 * Makes the reads that start every write of many documents (the adapter reads each document
 * before writing it, to merge revision trees) cost one request for the documents that are not
 * stored yet. Why: in Chromium each read is a round trip to the browser process, and an import
 * of 10,000 new notes, or a first replication, made 10,000 of them only to learn that none
 * existed (about 0.6 s of the import, npm run bench -- notes). The reads asked together are
 * answered by one `getAllKeys` over the range from the least to the greatest id, in the same
 * read-write transaction (so nothing can change in between): a document in that list is read
 * as before, and any other one is known to be missing. When the range holds many more
 * documents than were asked for, each is read as before. Returns whether the database was
 * changed (only the IndexedDB adapter has `_openTransactionSafely`).
 */
export function batchExistingReads(db: object): boolean {
  const api = db as {
    _openTransactionSafely?: (
      stores: string[],
      mode: string,
      callback: (error: unknown, txn?: IDBTransaction) => void,
    ) => void;
    type?: () => string;
  };
  const open = api._openTransactionSafely;
  if (typeof open !== 'function' || api.type?.() !== 'indexeddb') return false;
  api._openTransactionSafely = function (this: unknown, stores, mode, callback) {
    if (mode !== 'readwrite') return open.call(this, stores, mode, callback);
    return open.call(this, stores, mode, (error, txn) =>
      callback(error, txn ? withBatchedReads(txn) : txn),
    );
  };
  return true;
}

/** A document as the IndexedDB adapter stores it: the parts `storedOnce` looks at. */
interface StoredDoc {
  rev?: unknown;
  revs?: Record<string, { data?: unknown } | undefined>;
  data?: unknown;
}

/**
 * The record the IndexedDB adapter is about to store, with its body stored once. Why: the
 * adapter keeps each document's body in `revs[rev].data` and, for its own indexes on fields
 * (pouchdb-find's, which Dossier does not use), a copy in `data` in which every null and
 * boolean is rewritten as a number. It makes that copy whenever the first fields it looks at
 * hold one, as a note's page does when it has no byline or no date (every PDF's note), so such
 * a note was stored twice and an import of 10,000 of them took about 5% longer. Nothing of the
 * adapter's reads `data` but those indexes (`get`, `allDocs` and the change feed read
 * `revs[rev].data`), and none is made without a design document declaring one. A record whose
 * `data` already is its body, or that has no body for its revision, is left as it is.
 */
export function storedOnce<T>(record: T): T {
  const doc = record as StoredDoc | null;
  if (typeof doc !== 'object' || doc === null || typeof doc.rev !== 'string') return record;
  const body = doc.revs?.[doc.rev]?.data;
  if (body !== undefined && doc.data !== undefined && doc.data !== body) doc.data = body;
  return record;
}

/**
 * Whether key `a` sorts before key `b` in IndexedDB. Two strings (every document id) compare
 * by their UTF-16 code units, as JavaScript's `<` compares them, without a call into the
 * browser for each pair; any other key goes to `indexedDB.cmp`.
 */
export function keyBefore(a: IDBValidKey, b: IDBValidKey): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  return indexedDB.cmp(a, b) < 0;
}

/**
 * `txn` with its document store's `get` batched (see `batchExistingReads`), and each record it
 * puts with its body stored once (`storedOnce`).
 */
function withBatchedReads(txn: IDBTransaction): IDBTransaction {
  let docs: IDBObjectStore | undefined;
  let asked: [id: IDBValidKey, read: HeldRead][] | null = null;
  const answer = (read: HeldRead, request: IDBRequest) => {
    request.onsuccess = () => read.onsuccess?.({ target: { result: request.result } });
    request.onerror = (event) => read.onerror?.(event);
  };
  const flush = (store: IDBObjectStore) => {
    const reads = asked ?? [];
    asked = null;
    const first = reads[0];
    if (!first || reads.length < BATCH_READS_FROM) {
      for (const [id, read] of reads) answer(read, store.get(id));
      return;
    }
    // The smallest and largest id, in IndexedDB's order, in one pass (sorting 10,000 ids with
    // `indexedDB.cmp` took about 50 ms, and one pass of it 30).
    let [low] = first;
    let high = low;
    for (const [id] of reads) {
      if (keyBefore(id, low)) low = id;
      else if (keyBefore(high, id)) high = id;
    }
    const limit = reads.length * 4;
    const keys = store.getAllKeys(IDBKeyRange.bound(low, high), limit);
    keys.onerror = (event) => {
      for (const [, read] of reads) read.onerror?.(event);
    };
    keys.onsuccess = () => {
      const stored = keys.result;
      if (stored.length >= limit) {
        for (const [id, read] of reads) answer(read, store.get(id));
        return;
      }
      const present = new Set(stored.map(String));
      for (const [id, read] of reads) {
        if (present.has(String(id))) answer(read, store.get(id));
        else read.onsuccess?.({ target: { result: undefined } });
      }
    };
  };
  // The store's methods, bound once (an import calls `put` 10,000 times).
  const bound = new Map<PropertyKey, unknown>();
  const batchedStore = (store: IDBObjectStore): IDBObjectStore =>
    new Proxy(store, {
      get(target, key) {
        if (key === 'get') {
          return (id: IDBValidKey) => {
            const read: HeldRead = { onsuccess: null, onerror: null };
            if (asked === null) {
              asked = [];
              queueMicrotask(() => flush(target));
            }
            asked.push([id, read]);
            return read;
          };
        }
        if (key === 'put') {
          return (record: unknown, ...storeKey: [IDBValidKey?]) =>
            target.put(storedOnce(record), ...storeKey);
        }
        const value = Reflect.get(target, key, target);
        if (typeof value !== 'function') return value;
        if (!bound.has(key)) bound.set(key, value.bind(target));
        return bound.get(key);
      },
    });
  return new Proxy(txn, {
    get(target, key) {
      if (key === 'objectStore') {
        return (name: string) => {
          const store = target.objectStore(name);
          if (name !== DOC_STORE) return store;
          docs ??= batchedStore(store);
          return docs;
        };
      }
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, key, value) {
      return Reflect.set(target, key, value, target);
    },
  });
}

/** The delimiter-free key of a page address in document ids. */
export function pageKey(url: string): string {
  return encodeURIComponent(url);
}

/** The document id of a note. */
export function noteDocId(url: string, id: string): string {
  return `note:${pageKey(url)}:${id}`;
}

/** The document id range holding exactly one page's notes (for `allDocs`). */
export function pageDocRange(url: string): { startkey: string; endkey: string } {
  const prefix = `note:${pageKey(url)}:`;
  return { startkey: prefix, endkey: `${prefix}\ufff0` };
}

/** Every note document's id range. */
export const ALL_NOTES = { startkey: 'note:', endkey: 'note:\ufff0' } as const;

/** A note document id taken apart, or undefined for another kind of document. */
export function parseNoteDocId(docId: string): { url: string; id: string } | undefined {
  if (!docId.startsWith('note:')) return undefined;
  const end = docId.indexOf(':', 5);
  if (end < 0) return undefined;
  try {
    return { url: decodeURIComponent(docId.slice(5, end)), id: docId.slice(end + 1) };
  } catch {
    return undefined;
  }
}

/** True when a document read from the database is one of Dossier's notes. */
export function isNoteDoc(doc: unknown): doc is NoteDoc {
  const d = doc as Partial<NoteDoc> | null | undefined;
  return (
    typeof d === 'object' &&
    d !== null &&
    d.type === 'note' &&
    typeof d.note === 'object' &&
    d.note !== null &&
    typeof d._id === 'string' &&
    d._id.startsWith('note:')
  );
}

/** Every note document in an id range (one page, or all), live and trashed. */
export async function readDocs(
  db: NotesDatabase,
  range: { startkey: string; endkey: string } = ALL_NOTES,
): Promise<NoteDoc[]> {
  const result = await db
    .allDocs({ ...range, include_docs: true })
    .catch((error: unknown) => Promise.reject(toStoreError(error)));
  const docs: NoteDoc[] = [];
  for (const row of result.rows) {
    if (isNoteDoc(row.doc)) docs.push(row.doc);
  }
  return docs;
}

/** The body of a note document without PouchDB's own fields, as it is written again. */
export function bodyOf(doc: NoteBody): NoteBody {
  return {
    type: 'note',
    note: doc.note,
    ...(doc.author !== undefined ? { author: doc.author } : {}),
    ...(doc.trashed !== undefined ? { trashed: doc.trashed } : {}),
  };
}
