/**
 * The database's layout: its typed schema and its version.
 * This is the one place that says how notes are laid out in IndexedDB (STYLE.md rule 4); the
 * steps that move a database from one layout to the next are in `migrations.ts`, and opening a
 * connection is in `open.ts`. A change of layout is a new version here, a new step there and a
 * test that upgrades a fixture of the previous version (tests/lib/store/schema.test.ts).
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
 *   0.3 s as 500 (measured here with the benchmark's notes).
 * - v4: the library, additive: `library-pages` (keyPath `url`, index `by-last-read`) holds each
 *   page read with its analysis; `library-choices` (keyPath `id`) the reader's merges and splits
 *   of people; `library-settings` (keyPath `key`) the pause switch. No existing record changes.
 * - v5: the library's people summary, additive: `library-forms` (keyPath `key`, index
 *   `by-bucket`) holds what each page says about each name form; `library-people` (keyPath
 *   `id`, multi-entry index `by-bucket` on `buckets`, index `by-rank` on `[pages, mentions]`)
 *   the people resolved from them, kept up to
 *   date per surname bucket; `library-search` (keyPath `key`) the side panel's saved search
 *   index. All three are derived from `library-pages` and `library-choices` and rebuilt when
 *   missing (lib/library/summary.ts). Why: resolving every person from 1,000 pages took the
 *   side panel seconds before it could show a row.
 * - v6: notes and the trash moved to PouchDB (lib/store/pouch.ts, issue 14: one source of
 *   truth that CouchDB's replication can see, a document per note). Opening a database older
 *   than v6 first copies every note and trash entry into PouchDB and reads them back
 *   (open.ts); only then does the v6 step drop `pages` and `trash`.
 * - v7: the resolver's forms kept by surname bucket: `library-buckets` (keyPath `bucket`)
 *   replaces `library-forms`, one record per bucket with its forms' sightings and the ids of
 *   its people, and `library-people` loses its `by-bucket` index. Why: settling 40 pages read
 *   every touched bucket through two index reads (its forms, its people) and wrote one record
 *   per form and one index entry per person and bucket; the requests, not the resolving, were
 *   most of what recording a page cost (`npm run bench -- library`). The step drops the
 *   derived data; the summary is rebuilt from the pages (lib/library/summary.ts).
 * - v8: a bucket's forms kept in its people's records: `library-buckets` is dropped, and
 *   `library-people` is made again with the key path `key` (the bucket of the person's main
 *   form for the first of its people, so a bucket's people are found with one `get`; see
 *   `StoredPerson`) and its `by-rank` index, each record holding what every page says about
 *   the person's forms (`seen`). Why: in v7 settling
 *   a page wrote, for every surname it names, the bucket's record and its person's: two writes
 *   where one carries both, and Chromium's cost is per request more than per byte. The step
 *   drops the derived data; the summary is rebuilt from the pages.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Annotation, TrashedAnnotation } from '../annotation';
import type {
  LibraryPage,
  LibrarySetting,
  PersonChoice,
  SavedQuoteIndex,
  StoredPerson,
} from '../library/records';
import type { NoteIndex } from './note-index';
import type { NotesDatabase } from './pouch';

export type { TrashedAnnotation };

/** The database name in the extension's origin. */
export const DB_NAME = 'dossier';

/** The current schema version; bump it only together with a new step in `migrations.ts`. */
export const DB_VERSION = 8;

/** The last version that kept notes in IndexedDB (`pages`, `trash`): the migration's source. */
export const LAST_IDB_NOTES_VERSION = 5;

/**
 * Some of one page's notes, as stored in v3 to v5 (read by the migration to PouchDB). `ids` and `tags` only repeat what `notes` says, for the
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
  'library-pages': {
    key: string;
    value: LibraryPage;
    indexes: {
      /** `lastRead`: the pages read most recently first. */
      'by-last-read': string;
    };
  };
  'library-choices': { key: string; value: PersonChoice };
  /**
   * The pause switch (`paused`), the summary's version (`people-summary`), and a mark per page
   * recorded but not yet resolved into people (`unsettled:` + url; lib/library/summary.ts).
   */
  'library-settings': { key: string; value: LibrarySetting };
  'library-people': {
    /** `key` (v8): a bucket's first person under its name (see `StoredPerson`). */
    key: string;
    value: StoredPerson;
    indexes: {
      /** `rank` (`[pages, mentions]`): the most frequent people first, walked backwards. */
      'by-rank': [number, number];
    };
  };
  'library-search': { key: string; value: SavedSearch };
}

/**
 * The side panel's search index over the pages read (MiniSearch's JSON), with the `lastRead`
 * of each page it holds, so the panel brings it up to date by adding and removing pages only.
 */
export interface SavedSearch {
  key: string;
  /** The index layout's version (lib/library/search.ts); another version is rebuilt. */
  version: number;
  stamps: Record<string, string>;
  json: string;
  /** The quotations' index, kept apart from MiniSearch's since search version 3. */
  quotes?: SavedQuoteIndex;
}

/** The IndexedDB connection (the library's stores). */
export type DossierIdb = IDBPDatabase<DossierSchema>;

/**
 * An open store: the IndexedDB connection for the library and the PouchDB database for notes
 * and the trash. Callers outside lib/store hold it without importing `idb` or PouchDB.
 */
export interface DossierDB {
  readonly idb: DossierIdb;
  readonly notes: NotesDatabase;
  /** Note id → document id (see note-index.ts). */
  readonly index: NoteIndex;
  /** Closes both connections. */
  close(): void;
}
