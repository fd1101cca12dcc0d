/**
 * The side panel's reading half of the library, straight from the store (the panel is an
 * extension page with the store's origin, and one transaction beats a multi-megabyte message).
 * The first rows come from the stored people summary in one read; a person's view reads only
 * their pages; the search index over pages and quotations is the saved one brought up to date
 * page by page, and saved again when it changed. Writes of records go to the background.
 */
import type { Annotation } from '../annotation';
import {
  type DossierDB,
  getLibraryPages,
  getSavedSearch,
  hasUnsettledPages,
  isLibraryPaused,
  libraryPageStamps,
  listAll,
  listLibraryPages,
  listPeopleSummary,
  listPersonChoices,
  recentLibraryPages,
  saveSearch,
} from '../store';
import type { QuotedBody } from './bodies';
import type { LibraryPage, PersonChoice, PersonRecord } from './records';
import { PageIndex, SEARCH_KEY } from './search';

/** What the library tab shows first. */
export interface LibrarySummary {
  /** Everyone (or, when asked for the first rows, the most frequent), most frequent first. */
  people: PersonRecord[];
  /** How many people there are in all. */
  total: number;
  /**
   * The organisations and documents quoted, listed apart from the people (speakers.ts).
   * Absent from the first rows the panel's entry reads (lib/store/first-rows.ts), which show
   * people only: the panel's own read right after brings them, at no cost to the first rows.
   */
  bodies?: QuotedBody[];
  choices: PersonChoice[];
  paused: boolean;
}

/** Everything the library holds (for the exports). */
export interface LibrarySnapshot {
  pages: LibraryPage[];
  choices: PersonChoice[];
  paused: boolean;
  notes: Annotation[];
}

/** The reading operations. */
export interface LibraryReader {
  /**
   * The people summary (only the `limit` most frequent when given); asks the background to
   * build it first when it is missing.
   */
  summary(limit?: number): Promise<LibrarySummary>;
  recentPages(limit: number): Promise<{ pages: LibraryPage[]; total: number }>;
  pages(urls: readonly string[]): Promise<LibraryPage[]>;
  notes(): Promise<Annotation[]>;
  load(): Promise<LibrarySnapshot>;
  /** The search index over pages and quotations, up to date with the pages read. */
  pageIndex(): Promise<PageIndex>;
}

/** Pages indexed per step while bringing the index up to date, between which the panel breathes. */
const STEP = 50;

/**
 * A reader over `db`; `summarise` asks the single writer to build the people summary, and
 * `settle` (when given) to resolve pages recorded but not yet resolved into people, which a
 * stopped worker may have left: the panel then hears of the change and reads again.
 */
export function libraryReader(
  db: () => Promise<DossierDB>,
  summarise: () => Promise<unknown>,
  options: { yieldToUi?: () => Promise<void>; settle?: () => Promise<unknown> } = {},
): LibraryReader {
  const breathe = options.yieldToUi ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const settle = options.settle;
  return {
    async summary(limit) {
      const d = await db();
      let [found, choices, paused, unsettled] = await Promise.all([
        listPeopleSummary(d, limit),
        listPersonChoices(d),
        isLibraryPaused(d),
        settle ? hasUnsettledPages(d) : false,
      ]);
      // Not waited for: the rows shown now are right but for those pages, and the background
      // announces the change once they are resolved.
      if (unsettled) settle?.().catch(() => undefined);
      if (found === null) {
        await summarise();
        found = (await listPeopleSummary(d, limit)) ?? { people: [], total: 0, bodies: [] };
        choices = await listPersonChoices(d);
      }
      return { ...found, choices, paused };
    },
    async recentPages(limit) {
      return recentLibraryPages(await db(), limit);
    },
    async pages(urls) {
      return getLibraryPages(await db(), urls);
    },
    async notes() {
      return listAll(await db());
    },
    async load() {
      const d = await db();
      const [pages, choices, paused, notes] = await Promise.all([
        listLibraryPages(d),
        listPersonChoices(d),
        isLibraryPaused(d),
        listAll(d),
      ]);
      return { pages, choices, paused, notes };
    },
    async pageIndex() {
      const d = await db();
      const [saved, stamps] = await Promise.all([
        getSavedSearch(d, SEARCH_KEY),
        libraryPageStamps(d),
      ]);
      const index = (saved ? await PageIndex.load(saved) : null) ?? PageIndex.empty();
      const { remove, add } = index.diff(stamps);
      for (const url of remove) index.remove(url);
      for (let i = 0; i < add.length; i += STEP) {
        for (const page of await getLibraryPages(d, add.slice(i, i + STEP))) index.add(page);
        if (i + STEP < add.length) await breathe();
      }
      if (remove.length > 0 || add.length > 0 || !saved) {
        // Saved after the answer: serialising a large index takes a moment the reader need
        // not wait for. A failure only means building it again next time.
        void breathe()
          .then(() => saveSearch(d, { key: SEARCH_KEY, ...index.toSaved() }))
          .catch(() => undefined);
      }
      return index;
    },
  };
}
