/**
 * The library's records: what Dossier remembers of each page it analysed and the reader's
 * choices about who is who. Types only, shared by the store (lib/store/library.ts), the pure
 * core (lib/library) and the side panel, so that none of them depends on another's code.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../annotation';

/** An official as one page named them: canonical name, titles, how often. */
export interface PageOfficial {
  name: string;
  titles: string[];
  mentions: number;
}

/** A quotation on a page, with selectors so a link can reopen the exact passage. */
export interface PageQuote {
  text: string;
  speaker: string | null;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** A page's analysis as recorded. */
export interface PageAnalysisRecord {
  officials: PageOfficial[];
  quotes: PageQuote[];
}

/** One page read, keyed by its identity (lib/url.ts). */
export interface LibraryPage {
  url: string;
  title: string;
  site: string;
  author: string | null;
  published: string | null;
  /** ISO 8601 times of the first and the latest reading. */
  firstRead: string;
  lastRead: string;
  /** Null when the analysis failed: the page was read, nothing was found. */
  analysis: PageAnalysisRecord | null;
  /** Why the analysis failed, in plain words, when it did. */
  failure?: string;
}

/**
 * A reader's choice about people, by name form (see identity.ts `formKey`): "these are the same
 * person" (`merge`) or "these names are not the same person" (`split`). Kept by name, not by
 * page, so the choice applies to pages read later too.
 */
export type PersonChoice =
  | { id: string; at: string; kind: 'merge'; a: string; b: string }
  | { id: string; at: string; kind: 'split'; a: string[]; b: string[] };

/** A library setting, by key (`paused`). */
export interface LibrarySetting {
  key: string;
  value: unknown;
}
