/**
 * Writing note documents, with the store's promises kept over PouchDB: a write resolves only
 * once it is in IndexedDB (PouchDB answers after its transaction completes), failures become
 * `StoreError`s in plain words, and a write of many documents is all or nothing.
 *
 * Why a rollback: PouchDB's `bulkDocs` is not atomic. The IndexedDB adapter writes one call in
 * one transaction, so a full disk aborts the whole call, but a document can fail alone (a
 * revision conflict when replication wrote it meanwhile), and a write of more than
 * `WRITE_CHUNK` documents goes in several calls so no transaction grows without bound. So every document's previous version is known
 * before writing; if anything fails, the documents already written are put back as they were
 * (new ones purged, changed ones rewritten) before the error is thrown.
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
 * Documents per `bulkDocs` call: one IndexedDB transaction each (a large backup of long notes
 * stays a few megabytes per transaction). Since large writes are quiet (quiet.ts), the change
 * feed no longer reads between the calls, so more of them cost little.
 */
export const WRITE_CHUNK = 2000;

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

/** How deep `plainData` looks before leaving the question to `structuredClone`. */
const PLAIN_DEPTH = 32;

/**
 * True when `value` is plain data as JSON has it (strings, finite or not numbers, booleans,
 * null, arrays and plain objects of them), which IndexedDB always stores. Why: this walk costs
 * a few milliseconds for an import of 10,000 notes, where cloning each body to find out cost
 * about a tenth of a second; anything else (a function, a date, something too deep) is left to
 * `structuredClone` to decide.
 */
export function plainData(value: unknown, depth = 0): boolean {
  if (value === null) return true;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return true;
  if (type !== 'object' || depth >= PLAIN_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!plainData(item, depth + 1)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value as object) {
    if (!plainData((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
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
  options: { chunk?: number } = {},
): Promise<void> {
  const chunk = options.chunk ?? WRITE_CHUNK;
  const done: { write: DocWrite; rev: string }[] = [];
  // What IndexedDB cannot store (a function, say) would abort a transaction half-way through
  // the adapter's callbacks with no word of why; refuse it before anything is written.
  for (const write of writes) {
    if (plainData(write.next)) continue;
    try {
      structuredClone(write.next);
    } catch (error) {
      throw new StoreError('invalid', undefined, { cause: error });
    }
  }
  const writeChunks = async (): Promise<number> => {
    try {
      for (let start = 0; start < writes.length; start += chunk) {
        const slice = writes.slice(start, start + chunk);
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
