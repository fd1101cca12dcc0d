/**
 * The notes database without PouchDB's `deleted,id` index, and the range reads that used it.
 *
 * Why: pouchdb-adapter-indexeddb keeps two unique indexes on its document store: `seq`, which
 * the change feed (and so replication) reads, and `deleted,id`, which only `allDocs` over a
 * range of ids reads, to skip removed documents. Every write pays for both. In Chromium each
 * index is one more entry written (and checked for uniqueness) per document, and an import of
 * 10,000 notes took about 0.6 s longer with this one than without it, in alternating runs
 * (npm run bench -- notes; issue 14). Removed documents are few in Dossier's database (a
 * tombstone is left only when the trash is emptied), so a range read loses little by reading
 * the document store itself and skipping them.
 *
 * So, for the notes databases only (`_pouch_…-notes`):
 * - the index is never created, and a database that has it loses it the next time it is opened
 *   (the adapter opens every database with a new version, so each open can change the schema);
 * - `allDocs` over a range (`startkey`, `endkey`, `key`, with `skip`, `limit`, `descending`,
 *   `inclusive_end`, `include_docs`, `conflicts`, `update_seq`) reads the document store in id
 *   order and leaves out removed documents, giving what the adapter gave. `allDocs` with
 *   `keys` never used the index and is left to the adapter.
 */
import { collectConflicts } from 'pouchdb-merge';

/** The prefix PouchDB's IndexedDB adapter gives its databases' names. */
export const POUCH_IDB_PREFIX = '_pouch_';

/** The adapter's document store (where notes are, read and written). */
export const DOC_STORE = 'docs';

/** The index this module does without. */
const DELETED_INDEX = 'deleted,id';

/** What a notes database's name ends with (`openNotesDatabase` names it). */
export const NOTES_SUFFIX = '-notes';

/** True for the IndexedDB name of a notes database. */
export function isNotesDatabase(name: string): boolean {
  return name.startsWith(POUCH_IDB_PREFIX) && name.endsWith(NOTES_SUFFIX);
}

/**
 * Makes notes databases go without the `deleted,id` index: `createIndex` skips it, and every
 * open that upgrades one drops it. Patches the prototypes once; returns whether it did.
 */
export function withoutDeletedIndex(
  factory: IDBFactory | undefined = globalThis.IDBFactory?.prototype,
  stores: IDBObjectStore | undefined = globalThis.IDBObjectStore?.prototype,
): boolean {
  if (!factory || !stores) return false;
  const marked = factory as IDBFactory & { __dossierLean?: boolean };
  if (marked.__dossierLean) return false;
  const createIndex = stores.createIndex;
  Object.defineProperty(stores, '__dossierCreateIndex', { value: createIndex });
  stores.createIndex = function (
    this: IDBObjectStore,
    name: string,
    keyPath: string | string[],
    options?: IDBIndexParameters,
  ) {
    if (name === DELETED_INDEX && this.name === DOC_STORE) {
      if (isNotesDatabase(this.transaction.db.name)) return undefined as unknown as IDBIndex;
    }
    return createIndex.call(this, name, keyPath, options);
  };
  const open = factory.open;
  factory.open = function (this: IDBFactory, name: string, version?: number) {
    const request = open.call(this, name, version);
    if (isNotesDatabase(name)) {
      // Registered before the adapter sets `onupgradeneeded`, so this runs first: the adapter
      // then finds the index gone and, since it is one of its own, leaves the schema as it is.
      request.addEventListener('upgradeneeded', () => {
        const upgrade = request.transaction;
        if (!upgrade?.objectStoreNames.contains(DOC_STORE)) return;
        const docs = upgrade.objectStore(DOC_STORE);
        if (docs.indexNames.contains(DELETED_INDEX)) docs.deleteIndex(DELETED_INDEX);
      });
    }
    return request;
  } as IDBFactory['open'];
  marked.__dossierLean = true;
  return true;
}

withoutDeletedIndex();

/**
 * Test hook: gives `store` the index as the adapter created it before this module, bypassing
 * `withoutDeletedIndex`, so a test can open a notes database made by an earlier Dossier.
 */
export function addDeletedIndexAsBefore(store: IDBObjectStore): void {
  const original = (store as unknown as { __dossierCreateIndex?: IDBObjectStore['createIndex'] })
    .__dossierCreateIndex;
  (original ?? store.createIndex).call(store, DELETED_INDEX, ['deleted', 'id'], { unique: true });
}

/** A document as the adapter stores it: what a range read looks at. */
interface StoredDoc {
  id: string;
  rev: string;
  deleted: number;
  revs: Record<string, { data: Record<string, unknown> }>;
  rev_tree: unknown;
}

/** The options of `allDocs` a range read answers (PouchDB core has filled in `skip`). */
interface RangeOptions {
  startkey?: string;
  endkey?: string;
  key?: string;
  skip?: number;
  limit?: number;
  descending?: boolean;
  inclusive_end?: boolean;
  include_docs?: boolean;
  conflicts?: boolean;
  attachments?: boolean;
  update_seq?: boolean;
  keys?: unknown;
}

/** One row of `allDocs`. */
interface Row {
  id: string;
  key: string;
  value: { rev: string };
  doc?: Record<string, unknown>;
}

/** What `allDocs` answers. */
interface RangeResult {
  total_rows: number;
  offset: number;
  rows: Row[];
  update_seq?: number;
}

type Callback = (error: unknown, result?: RangeResult) => void;

/** The adapter's internals a range read uses. */
interface RangeReader {
  type?: () => string;
  _allDocs?: (opts: RangeOptions, callback: Callback) => void;
  _info?: (
    callback: (error: unknown, info?: { doc_count: number; update_seq: number }) => void,
  ) => void;
  _openTransactionSafely?: (
    stores: string[],
    mode: 'readonly',
    callback: (error: unknown, txn?: IDBTransaction) => void,
  ) => void;
}

/** Documents read per request when going through a range in order. */
export const RANGE_BATCH = 200;

/**
 * Makes `db`'s `allDocs` over a range read the document store instead of the `deleted,id`
 * index (see the top of this module). Returns whether it changed the database (only the
 * IndexedDB adapter has these internals).
 */
export function rangesWithoutDeletedIndex(db: object): boolean {
  const api = db as RangeReader;
  const original = api._allDocs;
  const info = api._info;
  const open = api._openTransactionSafely;
  if (api.type?.() !== 'indexeddb' || !original || !info || !open) return false;
  api._allDocs = function (this: unknown, opts, callback) {
    if ('keys' in opts || opts.limit === 0) {
      original.call(this, opts, callback);
      return;
    }
    if (opts.attachments) {
      callback(new Error('Dossier reads no attachments over a range of documents.'));
      return;
    }
    info.call(api, (error, meta) => {
      if (error || !meta) {
        callback(error);
        return;
      }
      // The offset as the adapter gives it: 0, or `skip` for a range that is empty.
      const done = (rows: Row[], offset = 0) =>
        callback(null, {
          total_rows: meta.doc_count,
          offset,
          rows,
          ...(opts.update_seq ? { update_seq: meta.update_seq } : {}),
        });
      const range = rangeOf(opts);
      if (range === null) {
        done([], opts.skip ?? 0);
        return;
      }
      open.call(api, [DOC_STORE], 'readonly', (failure, txn) => {
        if (failure || !txn) {
          callback(failure);
          return;
        }
        readRange(txn.objectStore(DOC_STORE), range, opts, done, callback);
      });
    });
  };
  return true;
}

/** The key range `opts` asks for, as the adapter bounds it; null when it is empty. */
function rangeOf(opts: RangeOptions): IDBKeyRange | null {
  try {
    if ('key' in opts) return IDBKeyRange.only(opts.key as string);
    const inclusiveEnd = opts.inclusive_end !== false;
    if (opts.descending) {
      const start = 'startkey' in opts ? (opts.startkey as string) : '\uffff';
      const end = 'endkey' in opts ? (opts.endkey as string) : '';
      return IDBKeyRange.bound(end, start, !inclusiveEnd, false);
    }
    const start = 'startkey' in opts ? (opts.startkey as string) : '';
    const end = 'endkey' in opts ? (opts.endkey as string) : '\uffff';
    return IDBKeyRange.bound(start, end, false, !inclusiveEnd);
  } catch (error) {
    // A start after the end: no document, as the adapter answers it.
    if ((error as { name?: string } | null)?.name === 'DataError') return null;
    throw error;
  }
}

/**
 * Reads the live documents of `range` in `store`, in id order (reversed for `descending`),
 * after `skip` of them and at most `limit`: in batches of `RANGE_BATCH` going up, with a
 * cursor going down (`getAll` has no direction).
 */
function readRange(
  store: IDBObjectStore,
  range: IDBKeyRange,
  opts: RangeOptions,
  done: (rows: Row[]) => void,
  fail: (error: unknown) => void,
): void {
  const rows: Row[] = [];
  let skip = opts.skip ?? 0;
  // A limit below 1 is no limit to the adapter (a limit of 0 is left to the adapter itself).
  const limit =
    typeof opts.limit === 'number' && opts.limit > 0 ? opts.limit : Number.POSITIVE_INFINITY;
  /** Takes one stored record; false once `limit` rows are in. */
  const take = (record: StoredDoc): boolean => {
    if (record.deleted) return true;
    if (skip > 0) {
      skip -= 1;
      return true;
    }
    rows.push(rowOf(record, opts));
    return rows.length < limit;
  };
  if (opts.descending) {
    const request = store.openCursor(range, 'prev');
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (cursor && take(cursor.value as StoredDoc)) cursor.continue();
      else done(rows);
    };
    return;
  }
  const next = (from: IDBKeyRange) => {
    const request = store.getAll(from, RANGE_BATCH);
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const batch = request.result as StoredDoc[];
      for (const record of batch) if (!take(record)) return done(rows);
      const last = batch[batch.length - 1];
      if (batch.length < RANGE_BATCH || !last) return done(rows);
      next(IDBKeyRange.bound(last.id, range.upper, true, range.upperOpen));
    };
  };
  next(range);
}

/** The row of one stored document, with its body when `include_docs` asks for it. */
function rowOf(record: StoredDoc, opts: RangeOptions): Row {
  const row: Row = { id: record.id, key: record.id, value: { rev: record.rev } };
  if (!opts.include_docs) return row;
  const doc = record.revs[record.rev]?.data ?? {};
  doc._id = record.id;
  doc._rev = record.rev;
  if (opts.conflicts) {
    const conflicts = collectConflicts(record);
    if (conflicts.length > 0) doc._conflicts = conflicts;
  }
  row.doc = doc;
  return row;
}
