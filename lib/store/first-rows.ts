/**
 * The side panel's first rows, read before anything else of the panel is loaded: the most
 * frequent people from the stored summary (the `by-rank` index walked from the top), how many
 * there are, the reader's choices and the pause switch, in one read-only transaction.
 *
 * Why a module of its own, with plain IndexedDB: the panel's whole bundle (PouchDB for the
 * notes, the search library, the sync settings) took longer to load than the target for the
 * first rows (`npm run bench -- library`), so the panel's entry imports only this and the list
 * that shows the rows, and loads the rest after they are on screen. It never creates or
 * upgrades the database: anything but a current database with a current summary answers
 * null, and the panel then takes its ordinary path (`libraryReader`), which opens, upgrades
 * and asks the background to build the summary as needed.
 */
import type { PersonChoice, PersonRecord } from '../library/records';
import { SUMMARY_KEY, SUMMARY_VERSION, sortPeople } from '../library/summary-head';
import { DB_NAME, DB_VERSION } from './schema';

/** What the first rows show (the shape of `LibrarySummary`, lib/library/reader.ts). */
export interface FirstRows {
  /** The `limit` most frequent people, and anyone tied with the last of them. */
  people: PersonRecord[];
  /** How many people there are in all. */
  total: number;
  choices: PersonChoice[];
  paused: boolean;
}

/**
 * Reads the first rows from the database `name` (Dossier's own by default); null when the
 * database is missing, of another version, or its people summary is not current. Never throws:
 * a failure here only means the panel's ordinary path does the reading.
 */
export function readFirstRows(
  limit: number,
  options: { name?: string; factory?: IDBFactory } = {},
): Promise<FirstRows | null> {
  const factory = options.factory ?? globalThis.indexedDB;
  return new Promise<FirstRows | null>((resolve) => {
    let open: IDBOpenDBRequest;
    try {
      // Without a version: whatever is there, at its own version.
      open = factory.open(options.name ?? DB_NAME);
    } catch {
      resolve(null);
      return;
    }
    // No database yet: asking for one would create an empty one at version 1, which the
    // ordinary path would then take for an old database. Abort, so nothing is created.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    open.onblocked = () => resolve(null);
    open.onsuccess = () => {
      const db = open.result;
      // A newer Dossier upgrading the database is never kept waiting by this read.
      db.onversionchange = () => db.close();
      const names = ['library-settings', 'library-people', 'library-choices'];
      if (db.version !== DB_VERSION || names.some((n) => !db.objectStoreNames.contains(n))) {
        db.close();
        resolve(null);
        return;
      }
      const done = (rows: FirstRows | null) => {
        db.close();
        resolve(rows);
      };
      try {
        const tx = db.transaction(names, 'readonly');
        tx.onabort = () => done(null);
        const settings = tx.objectStore('library-settings');
        const store = tx.objectStore('library-people');
        const summary = settings.get(SUMMARY_KEY);
        const paused = settings.get('paused');
        const total = store.count();
        const choices = tx.objectStore('library-choices').getAll();
        const people: PersonRecord[] = [];
        const index = store.index('by-rank') as IDBIndex & Partial<RecordsReader>;
        if (typeof index.getAllRecords === 'function') {
          // One request for the top rows (Chromium 141+), instead of one per row: under load
          // each of fifty cursor steps waited its turn. Ties past the last row are left to the
          // full panel, which lists everyone right after.
          const top = index.getAllRecords({ direction: 'prev', count: limit });
          top.onsuccess = () => {
            for (const record of top.result) people.push(record.value as PersonRecord);
          };
        } else {
          const cursor = index.openCursor(null, 'prev');
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) return;
            const value = at.value as PersonRecord;
            const last = people[people.length - 1];
            const tied = last && last.rank[0] === value.rank[0] && last.rank[1] === value.rank[1];
            if (people.length >= limit && !tied) return;
            people.push(value);
            at.continue();
          };
        }
        tx.oncomplete = () => {
          if ((summary.result as { value?: unknown } | undefined)?.value !== SUMMARY_VERSION) {
            done(null);
            return;
          }
          done({
            people: sortPeople(people),
            total: total.result,
            choices: sortChoices(choices.result as PersonChoice[]),
            paused: (paused.result as { value?: unknown } | undefined)?.value === true,
          });
        };
      } catch {
        done(null);
      }
    };
  });
}

/** `IDBIndex.getAllRecords` (Chromium 141+; not yet in TypeScript's DOM types). */
interface RecordsReader {
  getAllRecords(options: {
    direction?: IDBCursorDirection;
    count?: number;
  }): IDBRequest<{ value: unknown }[]>;
}

/** Choices oldest first, as `listPersonChoices` gives them (later choices win). */
function sortChoices(choices: PersonChoice[]): PersonChoice[] {
  return choices.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}
