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
 * - v3: notes are kept by page: `pages` (keyPath `[url, part]`) holds a page's notes in
 *   records of up to 25 (see lib/store/pages.ts), with multi-entry indexes `by-note` (unique:
 *   each note id is in one record) and `by-tag`; `annotations` is emptied into it and deleted.
 *   Why: Chromium pays about 0.13 ms per record written, whatever its size, and a little more
 *   per index entry, so importing 10,000 notes over 500 pages took 2.3 s as 10,000 records and
 *   0.3 s as 500 (measured here with the benchmark's notes; see issue 6's note).
 * - v4: the library (issue 13), additive: `library-pages` (keyPath `url`, index `by-last-read`)
 *   holds each page read with its analysis; `library-choices` (keyPath `id`) the reader's
 *   merges and splits of people; `library-settings` (keyPath `key`) the pause switch. No
 *   existing record is touched.
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
import type { LibraryPage, LibrarySetting, PersonChoice } from '../library/records';
import { StoreError, toStoreError } from './errors';
import { normaliseTags } from './normalise';
import { groupByPage, splitIntoParts } from './pages';

/** The database name in the extension's origin. */
export const DB_NAME = 'dossier';

/** The current schema version; bump it only together with a new migration step below. */
export const DB_VERSION = 4;

/** A deleted annotation, kept so the delete can be undone and so backups lose nothing. */
export interface TrashedAnnotation {
  annotation: Annotation;
  /** ISO 8601 time of the delete; `purgeTrash` removes entries older than a cut-off. */
  deletedAt: string;
}

/**
 * Some of one page's notes, as stored. `ids` and `tags` only repeat what `notes` says, for the
 * indexes (a key path cannot reach into an array of objects); `partRecord` in pages.ts is the
 * one function that builds a record, so they never disagree. A record is never empty.
 */
export interface PagePart {
  /** The page's identity (`page.url` of each of its notes). */
  url: string;
  /** The record's number among the page's records (0, 1, …; gaps are allowed). */
  part: number;
  /** Up to `PART_SIZE` notes, in no particular order. */
  notes: Annotation[];
  /** Every note's id. */
  ids: string[];
  /** Every tag carried by these notes, once each. */
  tags: string[];
}

/** The typed layout of the database, so store and index names and values are checked. */
export interface DossierSchema extends DBSchema {
  pages: {
    key: [string, number];
    value: PagePart;
    indexes: {
      /** `ids`, multi-entry and unique: the record holding a note; counting it counts notes. */
      'by-note': string;
      /** `tags`, multi-entry: the records with a tag, for filtering and rename. */
      'by-tag': string;
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
  'library-pages': {
    key: string;
    value: LibraryPage;
    indexes: {
      /** `lastRead`: the pages read most recently first. */
      'by-last-read': string;
    };
  };
  'library-choices': { key: string; value: PersonChoice };
  'library-settings': { key: string; value: LibrarySetting };
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
    const pages = db.createObjectStore('pages', { keyPath: ['url', 'part'] });
    pages.createIndex('by-note', 'ids', { multiEntry: true, unique: true });
    pages.createIndex('by-tag', 'tags', { multiEntry: true });
    const notes = (await legacyTx.objectStore('annotations').getAll()) as Annotation[];
    const parts = [...groupByPage(notes)].flatMap(([url, group]) => splitIntoParts(url, group));
    await Promise.all(parts.map((part) => pages.put(part)));
    legacyDb.deleteObjectStore('annotations');
  }
  if (oldVersion < 4 && newVersion >= 4) {
    // Names written out here, not imported: this step must create what v4 created forever.
    const pages = legacyDb.createObjectStore('library-pages', { keyPath: 'url' });
    pages.createIndex('by-last-read', 'lastRead');
    legacyDb.createObjectStore('library-choices', { keyPath: 'id' });
    legacyDb.createObjectStore('library-settings', { keyPath: 'key' });
  }
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
