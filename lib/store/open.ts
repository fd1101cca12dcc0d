/**
 * Opening the database: upgrades run in the versionchange transaction (`migrations.ts`), and
 * every failure becomes a `StoreError` in plain words. The connection closes itself when a
 * newer Dossier needs to upgrade, so an old tab never blocks an update of the extension.
 */
import { openDB } from 'idb';
import { StoreError, toStoreError } from './errors';
import { upgradeDossierDb } from './migrations';
import { DB_NAME, DB_VERSION, type DossierDB, type DossierSchema } from './schema';

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
export function openDossierDb(options: OpenOptions = {}): Promise<DossierDB> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  const blockedTimeoutMs = options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS;
  return new Promise<DossierDB>((resolve, reject) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let upgradeFailure: unknown;
    let db: DossierDB | undefined;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      reject(toStoreError(error));
    };
    let opening: Promise<DossierDB>;
    try {
      opening = openDB<DossierSchema>(name, version, {
        upgrade(upgrading, oldVersion, newVersion, tx) {
          tx.done.catch(() => {});
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
