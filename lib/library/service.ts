/**
 * The library in the background, the single writer: records pages read (unless paused),
 * forgets a page or everything, keeps the reader's merges and splits. Every change is
 * announced through `onChange`, so open side panels reload.
 *
 * Recording answers as soon as the page is stored; resolving it into people is settled a moment
 * later, in a batch with whatever else was read meanwhile (`settleLibraryPages`): a page
 * waiting for its reply should not wait for the library, and ten tabs loading at once are
 * resolved together. Pages stored but not yet settled are marked in the store, so a worker
 * stopped in between settles them at its next start (`settle`).
 *
 * Merges and splits replicate (issue 14): each is stored as a fact (lib/library/choices.ts,
 * lib/store/choices.ts) that sync carries to the reader's other devices, and the choices in
 * force are replayed from every fact, here and when facts arrive from elsewhere
 * (`applyChoices`), so a merge done on the laptop shows in the home machine's side panel.
 */
import {
  addChoiceFacts,
  choiceFactsCarriedOver,
  type DossierDB,
  forgetLibrary,
  forgetLibraryPage,
  isLibraryPaused,
  listPeopleSummary,
  listPersonChoices,
  rebuildPeopleSummary,
  removeChoiceFacts,
  savePersonChoices,
  setLibraryPaused,
  settleLibraryPages,
  storeLibraryPage,
} from '../store';
import { type ChoiceFact, factsOf, replayChoices, sameChoices } from './choices';
import { libraryPageOf, type PageReading } from './record';

/** What the library service needs. */
export interface LibraryServiceDeps {
  db: () => Promise<DossierDB>;
  now?: () => Date;
  newId?: () => string;
  onChange?: () => void;
  /**
   * Runs `work` after `ms` milliseconds (`setTimeout` by default); how the settling of
   * recorded pages is put off.
   */
  later?: (work: () => void, ms: number) => unknown;
  /** Cancels what `later` returned (`clearTimeout` by default). */
  cancel?: (handle: unknown) => void;
}

/**
 * How long recording must be quiet before the pages recorded are resolved into people, and
 * the longest a recorded page waits however busy recording stays, in milliseconds. Short
 * enough that an open side panel shows a page's people about as soon as the page is read.
 */
export const SETTLE_QUIET_MS = 200;
export const SETTLE_MAX_WAIT_MS = 1_000;

/** The background's library operations. */
export interface LibraryService {
  /**
   * Records a page read; false when the library is paused. Its people are resolved shortly
   * after (`settle`, batched), then `onChange` is announced.
   */
  record(reading: PageReading): Promise<boolean>;
  /**
   * Resolves every page recorded but not yet resolved into people, now; how many there were.
   * For the start of the worker (pages a stopped worker left) and a panel that finds some.
   */
  settle(): Promise<number>;
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
  /**
   * Brings the choices in force up to date with every stored fact (some may have arrived from
   * another device). True when they changed (open side panels are told).
   */
  applyChoices(): Promise<boolean>;
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
  /** Every fact, after carrying over (once per store) the choices kept before they replicated. */
  const facts = (db: DossierDB): Promise<ChoiceFact[]> =>
    choiceFactsCarriedOver(db, async () => factsOf(await listPersonChoices(db)));
  /** Stores the choices replayed from every fact when they differ from those in force. */
  const apply = async (db: DossierDB, all: readonly ChoiceFact[]): Promise<boolean> => {
    const next = replayChoices(all);
    if (sameChoices(next, await listPersonChoices(db))) return false;
    await savePersonChoices(db, next);
    return true;
  };
  /** Records one new fact (first, so it replicates even if the rest fails) and applies it. */
  const choose = (fact: ChoiceFact) =>
    serial(async () => {
      const db = await deps.db();
      const known = await facts(db);
      await addChoiceFacts(db, [fact]);
      await apply(db, [...known, fact]);
      changed(undefined);
    });
  const settle = () =>
    serial(async () => {
      const settled = await settleLibraryPages(await deps.db());
      return settled > 0 ? changed(settled) : settled;
    });
  // The settling put off by recording: one timer, reset by each page recorded until the
  // recording is quiet, or until the first page waiting has waited long enough.
  const later = deps.later ?? ((work: () => void, ms: number) => setTimeout(work, ms));
  const cancel = deps.cancel ?? ((handle: unknown) => clearTimeout(handle as number));
  let timer: { handle: unknown; since: number } | null = null;
  const settleSoon = () => {
    const at = Date.now();
    const since = timer?.since ?? at;
    if (timer) cancel(timer.handle);
    const wait = Math.max(0, Math.min(SETTLE_QUIET_MS, since + SETTLE_MAX_WAIT_MS - at));
    const handle = later(() => {
      timer = null;
      // A failure leaves the marks in the store: the next page recorded, the next start of the
      // worker or the next panel opened settles them.
      settle().catch(() => undefined);
    }, wait);
    timer = { handle, since };
  };
  return {
    async record(reading) {
      const record = await storeLibraryPage(await deps.db(), libraryPageOf(reading, now()));
      if (!record) return false;
      settleSoon();
      return true;
    },
    settle,
    async forgetPage(url, notes) {
      return changed(await forgetLibraryPage(await deps.db(), url, { notes, now: now() }));
    },
    forgetAll: (notes) =>
      serial(async () => {
        const db = await deps.db();
        // The choices' facts go first (on every device): else the next replay brings them back.
        await removeChoiceFacts(db);
        return changed(await forgetLibrary(db, { notes, now: now() }));
      }),
    async setPaused(paused) {
      await setLibraryPaused(await deps.db(), paused);
      return changed(paused);
    },
    async paused() {
      return isLibraryPaused(await deps.db());
    },
    merge: (a, b) => choose({ id: newId(), at: now().toISOString(), kind: 'merge', a, b }),
    split: (a, b) => choose({ id: newId(), at: now().toISOString(), kind: 'split', a, b }),
    splitPages: (form, pages, sites) =>
      choose({ id: newId(), at: now().toISOString(), kind: 'split-pages', form, pages, sites }),
    applyChoices: () =>
      serial(async () => {
        const db = await deps.db();
        return (await apply(db, await facts(db))) ? changed(true) : false;
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
