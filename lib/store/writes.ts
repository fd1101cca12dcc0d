/**
 * Writing note documents, with the store's promises kept over PouchDB: a write resolves only
 * once it is in IndexedDB (PouchDB answers after its transaction completes), failures become
 * `StoreError`s in plain words, and a write of many documents is all or nothing.
 *
 * Why a rollback: PouchDB's `bulkDocs` is not atomic. The IndexedDB adapter writes one call in
 * one transaction, so a full disk aborts the whole call, but a document can fail alone (a
 * revision conflict when replication wrote it meanwhile), and a write of more than
 * `WRITE_CHUNK` documents or `WRITE_CHUNK_CHARS` of text goes in several calls so no transaction
 * grows without bound. So every document's previous version is known before writing; if
 * anything fails, the documents already written are put back as they were (new ones purged,
 * changed ones rewritten) before the error is thrown.
 */
import type { ToWrite } from 'pouchdb-core/lib/index.es.js';
import { StoreError, toStoreError } from './errors';
import type { NoteIndex } from './note-index';
import { bodyOf, type NoteBody, type NoteDoc, type NotesDatabase } from './pouch';
import { QUIET_ABOVE, writeQuietly } from './quiet';

/** One document to write: its next body (or removal) and what is stored now (if anything). */
export interface DocWrite {
  _id: string;
  /** The new body, or null to remove the document (a tombstone that replicates). */
  next: NoteBody | null;
  /** The stored document this replaces; undefined for a new one. */
  previous?: NoteDoc;
}

/**
 * Documents per `bulkDocs` call at most: one IndexedDB transaction each, and each ends with a
 * flush to disk (`strict`). An import of 10,000 notes is one transaction; five of 2,000 took
 * about 8% longer (npm run bench -- notes).
 */
export const WRITE_CHUNK = 10_000;

/**
 * Characters of text per `bulkDocs` call at most (the strings of its bodies, by `plainSize`),
 * so that a backup of long notes still goes in transactions of a few tens of megabytes.
 */
export const WRITE_CHUNK_CHARS = 16 * 1024 * 1024;

/** What a body that is not plain data is taken to weigh (such a body is rare: a date, say). */
const UNSIZED_BODY_CHARS = 4096;

/** The storage the quota check reads; tests pass their own. */
type Estimate = () => Promise<{ quota?: number; usage?: number }>;

/** Writes below this much free space that abort are taken for a full disk. */
const NEARLY_FULL = 64 * 1024 * 1024;

/**
 * Turns a PouchDB failure into a `StoreError`. The IndexedDB adapter reports a transaction the
 * browser aborted (a full disk, mostly) as "transaction was aborted" without the cause, so the
 * storage estimate decides whether to tell the reader their disk is full.
 */
export async function toWriteError(
  error: unknown,
  estimate: Estimate | undefined = globalThis.navigator?.storage?.estimate?.bind(
    globalThis.navigator.storage,
  ),
): Promise<StoreError> {
  if (error instanceof StoreError) return error;
  const e = error as { name?: unknown; message?: unknown; status?: unknown } | null;
  const text = `${String(e?.name ?? '')} ${String(e?.message ?? '')}`;
  if (/quota/i.test(text)) return new StoreError('quota', undefined, { cause: error });
  if (/DataCloneError|could not be cloned/i.test(text)) {
    return new StoreError('invalid', undefined, { cause: error });
  }
  if (e?.status === 409) return new StoreError('aborted', undefined, { cause: error });
  const reason = String((e as { reason?: unknown } | null)?.reason ?? '');
  if (/aborted/i.test(`${text} ${reason}`)) {
    try {
      const { quota, usage } = (await estimate?.()) ?? {};
      if (quota !== undefined && usage !== undefined && quota - usage < NEARLY_FULL) {
        return new StoreError('quota', undefined, { cause: error });
      }
    } catch {
      // No estimate: say what we know.
    }
    return new StoreError('aborted', undefined, { cause: error });
  }
  return toStoreError(error);
}

/** How deep `plainSize` looks before leaving the question to `structuredClone`. */
const PLAIN_DEPTH = 32;

/**
 * The size of `value` when it is plain data as JSON has it (strings, finite or not numbers,
 * booleans, null, arrays and plain objects of them), which IndexedDB always stores: the
 * characters of its strings and keys, and 8 for every other value. -1 for anything else (a
 * function, a date, something too deep), which is left to `structuredClone` to decide. Why one
 * walk: it costs a few milliseconds for an import of 10,000 notes, where cloning each body to
 * find out cost about a tenth of a second, and the size is what `writeAll` cuts a large write
 * by.
 */
export function plainSize(value: unknown, depth = 0): number {
  if (value === null) return 8;
  const type = typeof value;
  if (type === 'string') return (value as string).length;
  if (type === 'number' || type === 'boolean') return 8;
  if (type !== 'object' || depth >= PLAIN_DEPTH) return -1;
  let size = 8;
  if (Array.isArray(value)) {
    for (const item of value) {
      const part = plainSize(item, depth + 1);
      if (part < 0) return -1;
      size += part;
    }
    return size;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return -1;
  for (const key in value as object) {
    const part = plainSize((value as Record<string, unknown>)[key], depth + 1);
    if (part < 0) return -1;
    size += key.length + part;
  }
  return size;
}

/** The document PouchDB is given for a write. */
function docFor(write: DocWrite, rev: string | undefined): ToWrite<NoteBody> {
  if (write.next === null) {
    if (rev === undefined) throw new StoreError('invalid', 'Removing a note that is not stored.');
    return { _id: write._id, _rev: rev, _deleted: true };
  }
  return rev === undefined
    ? { ...write.next, _id: write._id }
    : { ...write.next, _id: write._id, _rev: rev };
}

/**
 * Writes every document, or none: see the top of this module. Resolves once all are stored;
 * on failure, puts back what was written and throws a `StoreError`.
 */
export async function writeAll(
  db: NotesDatabase,
  index: NoteIndex | undefined,
  writes: readonly DocWrite[],
  options: { chunk?: number; chunkChars?: number } = {},
): Promise<void> {
  const chunk = options.chunk ?? WRITE_CHUNK;
  const chunkChars = options.chunkChars ?? WRITE_CHUNK_CHARS;
  const done: { write: DocWrite; rev: string }[] = [];
  // What IndexedDB cannot store (a function, say) would abort a transaction half-way through
  // the adapter's callbacks with no word of why; refuse it before anything is written.
  const sizes = writes.map((write) => {
    const size = plainSize(write.next);
    if (size >= 0) return size;
    try {
      structuredClone(write.next);
    } catch (error) {
      throw new StoreError('invalid', undefined, { cause: error });
    }
    return UNSIZED_BODY_CHARS;
  });
  const writeChunks = async (): Promise<number> => {
    try {
      for (let start = 0; start < writes.length; ) {
        // Up to `chunk` documents and `chunkChars` of text, and always at least one document.
        let end = start + 1;
        let chars = sizes[start] ?? 0;
        while (end < writes.length && end - start < chunk) {
          chars += sizes[end] ?? 0;
          if (chars > chunkChars) break;
          end += 1;
        }
        const slice = writes.slice(start, end);
        start = end;
        const results = await db.bulkDocs(slice.map((w) => docFor(w, w.previous?._rev)));
        let failure: unknown;
        results.forEach((result, i) => {
          const write = slice[i];
          if (!write) return;
          if ('ok' in result && result.ok) {
            done.push({ write, rev: result.rev });
            index?.apply(write._id, write.next === null);
          } else failure ??= result;
        });
        if (failure !== undefined) throw failure;
      }
      return done.length;
    } catch (error) {
      const reason = await toWriteError(error);
      await rollBack(db, index, done).catch(() => {
        // Nothing more can be done here; the error below still says the write failed.
      });
      throw reason;
    }
  };
  if (writes.length <= QUIET_ABOVE) {
    await writeChunks();
    return;
  }
  // A large write: the feed's followers step aside and hear of it as one change (quiet.ts),
  // and the note index, brought up to date first, jumps over it too (it knows each document).
  await index?.catchUp().catch(() => undefined);
  const span = await writeQuietly(db, writeChunks);
  index?.jump(span);
}

/** Puts the written documents back as they were. */
async function rollBack(
  db: NotesDatabase,
  index: NoteIndex | undefined,
  done: readonly { write: DocWrite; rev: string }[],
): Promise<void> {
  if (done.length === 0) return;
  const undo = done.map(({ write, rev }) =>
    docFor({ _id: write._id, next: write.previous ? bodyOf(write.previous) : null }, rev),
  );
  const results = await db.bulkDocs(undo);
  results.forEach((result, i) => {
    const item = done[i];
    if (item && 'ok' in result && result.ok) index?.apply(item.write._id, !item.write.previous);
  });
}
