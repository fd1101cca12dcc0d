/**
 * The database: its typed schema, its version and every migration since the first release.
 * This is the one place that knows how notes are laid out in IndexedDB (STYLE.md rule 4), so a
 * change of layout is a new `if (oldVersion < N)` step here plus a test that upgrades a fixture
 * of version N-1 (tests/lib/store/migrations.test.ts). Never edit a released step: readers have
 * databases written by it.
 *
 * History:
 * - v1: `annotations` (keyPath `id`), indexes `by-page` (`page.url`) and `by-updated`.
 * - v2: `trash` store (deleted notes kept for undo, with `deletedAt`), multi-entry `by-tag`
 *   index on `annotations`, and existing tags normalised (`normaliseTags`) so the index holds
 *   one key per tag the reader sees.
 */
import {
  type DBSchema,
  type IDBPDatabase,
  type IDBPObjectStore,
  type IDBPTransaction,
  openDB,
  type StoreNames,
} from 'idb';
import type { Annotation } from '../annotation';
import { StoreError, toStoreError } from './errors';
import { normaliseTags } from './normalise';

/** The database name in the extension's origin. */
export const DB_NAME = 'dossier';

/** The current schema version; bump it only together with a new migration step below. */
export const DB_VERSION = 2;

/** A deleted annotation, kept so the delete can be undone and so backups lose nothing. */
export interface TrashedAnnotation {
  annotation: Annotation;
  /** ISO 8601 time of the delete; `purgeTrash` removes entries older than a cut-off. */
  deletedAt: string;
}

/** The typed layout of the database, so store and index names and values are checked. */
export interface DossierSchema extends DBSchema {
  annotations: {
    key: string;
    value: Annotation;
    indexes: {
      /** `page.url`: a page's notes without scanning the others (popup, badge, re-anchoring). */
      'by-page': string;
      /** `tags`, multi-entry: one key per tag, for filtering, counts and rename (since v2). */
      'by-tag': string;
      /** `updated`: the most recently edited notes first, without sorting everything. */
      'by-updated': string;
    };
  };
  trash: {
    key: string;
    value: TrashedAnnotation;
    indexes: {
      /** `deletedAt`: purge old trash by a key range. */
      'by-deleted': string;
    };
  };
}

/** An open connection. Callers outside lib/store hold it without importing `idb` themselves. */
export type DossierDB = IDBPDatabase<DossierSchema>;

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
 * Runs every migration step from `oldVersion` up to `newVersion`, inside the versionchange
 * transaction (so a failing step aborts the whole upgrade and the old database stays intact).
 * Only IndexedDB requests are awaited here; nothing else may run inside the transaction.
 */
export function upgradeDossierDb(
  db: IDBPDatabase<DossierSchema>,
  oldVersion: number,
  newVersion: number,
  tx: IDBPTransaction<DossierSchema, StoreNames<DossierSchema>[], 'versionchange'>,
): Promise<void> {
  if (oldVersion < 1 && newVersion >= 1) {
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('by-page', 'page.url');
    annotations.createIndex('by-updated', 'updated');
  }
  if (oldVersion < 2 && newVersion >= 2) {
    const trash = db.createObjectStore('trash', { keyPath: 'annotation.id' });
    trash.createIndex('by-deleted', 'deletedAt');
    const annotations = tx.objectStore('annotations');
    annotations.createIndex('by-tag', 'tags', { multiEntry: true });
    // Written before tags were normalised on save: make them canonical so the new index has
    // one key per tag. Runs after the index exists, so the index is built from clean values.
    return normaliseStoredTags(annotations);
  }
  return Promise.resolve();
}

/** v2 step: rewrite every record whose tags are not canonical (or are not an array at all). */
async function normaliseStoredTags(
  annotations: IDBPObjectStore<
    DossierSchema,
    StoreNames<DossierSchema>[],
    'annotations',
    'versionchange'
  >,
): Promise<void> {
  let cursor = await annotations.openCursor();
  while (cursor) {
    const record = cursor.value;
    const raw: unknown = record.tags;
    const tags = normaliseTags(Array.isArray(raw) ? raw : []);
    if (!Array.isArray(raw) || tags.length !== raw.length || tags.some((t, i) => t !== raw[i])) {
      await cursor.update({ ...record, tags });
    }
    cursor = await cursor.continue();
  }
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
