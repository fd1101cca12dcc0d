/**
 * One way to run an IndexedDB transaction (the library's stores; notes are in PouchDB, see
 * writes.ts), used by every operation. It exists so that the three promises
 * the store makes hold everywhere: an operation resolves only after `tx.done` (the data is on
 * disk, not merely queued); anything that throws inside, whether IndexedDB or our own check,
 * aborts the transaction so nothing is half-written; and the error reaching the caller is a
 * `StoreError` in plain words.
 */
import {
  type IDBPObjectStore,
  type IDBPTransaction,
  type StoreKey,
  type StoreNames,
  type StoreValue,
  unwrap,
} from 'idb';
import { toStoreError } from './errors';
import type { DossierDB, DossierSchema } from './schema';

/** A transaction over some of Dossier's stores. */
export type DossierTx<
  Names extends StoreNames<DossierSchema>[],
  Mode extends IDBTransactionMode,
> = IDBPTransaction<DossierSchema, Names, Mode>;

/**
 * Runs `work` in one transaction and resolves with its result once the transaction has
 * committed. `work` must await only IndexedDB requests of `tx` (awaiting anything else lets
 * the transaction auto-commit halfway). If `work` throws or a request fails, the transaction
 * is aborted and the error is rethrown as a `StoreError`. Writes are `strict` unless the
 * caller says `relaxed` for data nobody was promised (see `recordLibraryPage`).
 */
export async function inTransaction<
  const Names extends StoreNames<DossierSchema>[],
  Mode extends 'readonly' | 'readwrite',
  T,
>(
  db: DossierDB,
  names: Names,
  mode: Mode,
  work: (tx: DossierTx<Names, Mode>) => Promise<T>,
  options: { durability?: 'strict' | 'relaxed' } = {},
): Promise<T> {
  let tx: DossierTx<Names, Mode>;
  try {
    // A write is acknowledged only once it is on disk ('strict'): Chromium's default
    // ('relaxed') may report success before the data is flushed, and an answer sent then could
    // outlive a crash that loses the write.
    tx =
      mode === 'readwrite'
        ? db.idb.transaction(names, mode, { durability: options.durability ?? 'strict' })
        : db.idb.transaction(names, mode);
  } catch (error) {
    throw toStoreError(error);
  }
  // Observed from the start so an abort never surfaces as an unhandled rejection.
  const done = tx.done.then(
    () => undefined,
    (error: unknown) => error ?? new DOMException('Transaction aborted', 'AbortError'),
  );
  let result: T;
  try {
    result = await work(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted (a failed request aborts it) or already finished.
    }
    await done;
    throw toStoreError(error);
  }
  const failure = await done;
  if (failure !== undefined) throw toStoreError(failure);
  return result;
}

/** Writes sent without awaiting each one; see `requestsOf`. */
export interface BulkWrites<Name extends StoreNames<DossierSchema>> {
  put(value: StoreValue<DossierSchema, Name>): void;
  delete(query: StoreKey<DossierSchema, Name> | IDBKeyRange): void;
}

/**
 * Puts and deletes in `store` without a promise and two listeners per request, for bulk writes
 * (an import of 10,000 notes). A failing request aborts the transaction, which `inTransaction`
 * reports; a record that cannot be stored at all throws at once, which aborts it too.
 */
export function requestsOf<
  TxStores extends ArrayLike<StoreNames<DossierSchema>>,
  Name extends StoreNames<DossierSchema>,
>(store: IDBPObjectStore<DossierSchema, TxStores, Name, 'readwrite'>): BulkWrites<Name> {
  const raw = unwrap(store);
  return {
    put: (value) => void raw.put(value),
    delete: (query) => void raw.delete(query),
  };
}
