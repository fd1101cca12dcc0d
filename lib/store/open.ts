/**
 * Opening the store: the IndexedDB database (the library's stores; upgrades run in the
 * versionchange transaction, `migrations.ts`) and the PouchDB database of notes (pouch.ts).
 * Every failure becomes a `StoreError` in plain words. The IndexedDB connection closes itself
 * when a newer Dossier needs to upgrade, so an old tab never blocks an update of the extension.
 *
 * The move to PouchDB (v6) cannot run inside the versionchange transaction (PouchDB is another
 * database), so a database older than v6 is opened in two steps: first at v5, where every note
 * and trash entry is copied into PouchDB and read back; then at v6, which drops the old stores.
 * A crash between the two leaves the old stores in place and the copy is simply made again.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { StoreError, toStoreError } from './errors';
import { moveNotesToPouch, upgradeDossierDb } from './migrations';
import { NoteIndex } from './note-index';
import { type NotesDatabase, openNotesDatabase } from './pouch';
import {
  DB_NAME,
  DB_VERSION,
  type DossierDB,
  type DossierIdb,
  type DossierSchema,
  LAST_IDB_NOTES_VERSION,
} from './schema';

/** How long to wait for other connections to close before an upgrade gives up. */
const DEFAULT_BLOCKED_TIMEOUT_MS = 5000;

/** Options of `openDossierDb`; the defaults are what the extension uses. */
export interface OpenOptions {
  /** Database name; tests and benchmarks may use their own. */
  name?: string;
  /** Open at this version instead of `DB_VERSION` (tests of intermediate versions only). */
  version?: number;
  /** Milliseconds to wait when an upgrade is blocked by an old connection before failing. */
  blockedTimeoutMs?: number;
  /**
   * Called when this connection is closed under us: a newer Dossier wants to upgrade (we close
   * so it is not blocked) or the browser dropped the database. The caller should reopen.
   */
  onClose?: (reason: 'versionchange' | 'terminated') => void;
}

/**
 * Opens (creating or upgrading as needed) the Dossier database. Failures become a
 * `StoreError` in plain words: a database from a newer Dossier (`version`), an upgrade blocked
 * by another open connection for longer than `blockedTimeoutMs` (`blocked`), a migration
 * that failed and was rolled back (`upgrade`, the old data intact), storage the
 * browser refuses (`unavailable`). The connection closes itself when a newer version needs to
 * upgrade, so this one never blocks an update of the extension.
 */
export async function openDossierDb(options: OpenOptions = {}): Promise<DossierDB> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  let idb: DossierIdb;
  let notes: NotesDatabase | undefined;
  try {
    idb = await openIdb(name, version, options, version >= DB_VERSION);
  } catch (error) {
    if (!(error instanceof NeedsNotesMove)) throw error;
    // An existing database from before v6: copy its notes into PouchDB, then drop the old stores.
    const before = await openIdb(name, LAST_IDB_NOTES_VERSION, options, false);
    notes = openNotesDatabase(name);
    try {
      await moveNotesToPouch(before as unknown as IDBPDatabase, notes);
    } catch (moveError) {
      const failure =
        moveError instanceof StoreError
          ? moveError
          : new StoreError('upgrade', undefined, { cause: moveError });
      before.close();
      await notes.close().catch(() => undefined);
      throw failure;
    }
    before.close();
    idb = await openIdb(name, version, options, false);
  }
  notes ??= openNotesDatabase(name);
  const opened = notes;
  return {
    idb,
    notes: opened,
    index: new NoteIndex(opened),
    close() {
      idb.close();
      opened.close().catch(() => undefined);
    },
  };
}

/** An upgrade of an existing database across v6 was refused: its notes must be moved first. */
class NeedsNotesMove extends Error {}

/** Opens the IndexedDB database; with `refuseMove`, refuses to cross v6 on an existing one. */
function openIdb(
  name: string,
  version: number,
  options: OpenOptions,
  refuseMove: boolean,
): Promise<DossierIdb> {
  const blockedTimeoutMs = options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS;
  return new Promise<DossierIdb>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let upgradeFailure: unknown;
    let db: DossierIdb | undefined;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      reject(error instanceof NeedsNotesMove ? error : toStoreError(error));
    };
    let opening: Promise<DossierIdb>;
    try {
      opening = openDB<DossierSchema>(name, version, {
        upgrade(upgrading, oldVersion, newVersion, tx) {
          tx.done.catch(() => {});
          if (refuseMove && oldVersion > 0 && oldVersion <= LAST_IDB_NOTES_VERSION) {
            upgradeFailure = new NeedsNotesMove();
            tx.abort();
            return;
          }
          const abort = (error: unknown) => {
            upgradeFailure = new StoreError('upgrade', undefined, { cause: error });
            try {
              tx.abort();
            } catch {
              // Already aborted by the failing request.
            }
          };
          try {
            upgradeDossierDb(upgrading, oldVersion, newVersion ?? version, tx).catch(abort);
          } catch (error) {
            abort(error);
          }
        },
        blocked() {
          timer ??= setTimeout(() => fail(new StoreError('blocked')), blockedTimeoutMs);
        },
        blocking() {
          db?.close();
          options.onClose?.('versionchange');
        },
        terminated() {
          options.onClose?.('terminated');
        },
      });
    } catch (error) {
      fail(error);
      return;
    }
    opening.then(
      (opened) => {
        db = opened;
        if (settled) {
          // We already reported "blocked"; the late connection must not linger.
          opened.close();
          return;
        }
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        resolve(opened);
      },
      (error: unknown) => fail(upgradeFailure ?? error),
    );
  });
}
