/**
 * The library in the background, the single writer: records pages read (unless paused),
 * forgets a page or everything, keeps the reader's merges and splits. Every change is
 * announced through `onChange`, so open side panels reload.
 */
import {
  type DossierDB,
  forgetLibrary,
  forgetLibraryPage,
  isLibraryPaused,
  listPeopleSummary,
  listPersonChoices,
  rebuildPeopleSummary,
  recordLibraryPage,
  savePersonChoices,
  setLibraryPaused,
} from '../store';
import { addMerge, addSplit } from './identity';
import { libraryPageOf, type PageReading } from './record';

/** What the library service needs. */
export interface LibraryServiceDeps {
  db: () => Promise<DossierDB>;
  now?: () => Date;
  newId?: () => string;
  onChange?: () => void;
}

/** The background's library operations. */
export interface LibraryService {
  /** Records a page read; false when the library is paused. */
  record(reading: PageReading): Promise<boolean>;
  forgetPage(url: string, notes: boolean): Promise<number>;
  forgetAll(notes: boolean): Promise<number>;
  setPaused(paused: boolean): Promise<boolean>;
  paused(): Promise<boolean>;
  /** The reader says the people with name forms `a` and `b` are one. */
  merge(a: string[], b: string[]): Promise<void>;
  /** The reader says the names `a` are not the same person as the names `b`. */
  split(a: string[], b: string[]): Promise<void>;
  /**
   * The reader says the name `form` on `pages` (and on later pages from `sites`) is someone
   * else than the same name elsewhere: two people with one name.
   */
  splitPages(form: string, pages: string[], sites: string[]): Promise<void>;
  /**
   * Makes sure the stored people summary is there and current, building it from the pages if
   * not (after the v5 upgrade, or when its layout changed). True when it had to be built.
   */
  summarise(): Promise<boolean>;
}

/** Creates the service over a lazily opened store connection. */
export function createLibraryService(deps: LibraryServiceDeps): LibraryService {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const changed = <T>(value: T): T => {
    deps.onChange?.();
    return value;
  };
  // Choices are read, changed and written back one at a time, so two quick clicks both count.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const choose = (make: typeof addMerge, a: string[], b: string[]) =>
    serial(async () => {
      const db = await deps.db();
      const choices = await listPersonChoices(db);
      const at = now().toISOString();
      await savePersonChoices(db, make(choices, a, b, { id: newId(), at }));
      changed(undefined);
    });
  return {
    async record(reading) {
      const record = await recordLibraryPage(await deps.db(), libraryPageOf(reading, now()));
      return record ? changed(true) : false;
    },
    async forgetPage(url, notes) {
      return changed(await forgetLibraryPage(await deps.db(), url, { notes, now: now() }));
    },
    async forgetAll(notes) {
      return changed(await forgetLibrary(await deps.db(), { notes, now: now() }));
    },
    async setPaused(paused) {
      await setLibraryPaused(await deps.db(), paused);
      return changed(paused);
    },
    async paused() {
      return isLibraryPaused(await deps.db());
    },
    merge: (a, b) => choose(addMerge, a, b),
    split: (a, b) => choose(addSplit, a, b),
    splitPages: (form, pages, sites) =>
      serial(async () => {
        const db = await deps.db();
        const choices = await listPersonChoices(db);
        const choice = { id: newId(), at: now().toISOString(), kind: 'split-pages' as const };
        await savePersonChoices(db, [...choices, { ...choice, form, pages, sites }]);
        changed(undefined);
      }),
    // Serial with the choices, so a rebuild never races a merge's own update of the summary.
    summarise: () =>
      serial(async () => {
        const db = await deps.db();
        if ((await listPeopleSummary(db, 0)) !== null) return false;
        await rebuildPeopleSummary(db);
        return changed(true);
      }),
  };
}
