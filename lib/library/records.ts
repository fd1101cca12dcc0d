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

/**
 * What kind of speaker said a quotation, as detection tells (lib/detect/quotes.ts): only a
 * person is one of the library's people; an organisation or a document is listed apart.
 */
export type SpeakerKind = 'person' | 'organisation' | 'document' | 'unnamed';

/** A quotation on a page, with selectors so a link can reopen the exact passage. */
export interface PageQuote {
  text: string;
  speaker: string | null;
  /**
   * The speaker's kind. Absent on pages recorded before it was kept: then a rule on the name
   * decides (speakers.ts `speakerKindOf`).
   */
  speakerType?: SpeakerKind;
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
  | { id: string; at: string; kind: 'split'; a: string[]; b: string[] }
  /**
   * "Not the same person" for one name written identically by two people: the name on these
   * pages (and on later pages from these sites) is someone else than the same name elsewhere.
   */
  | {
      id: string;
      at: string;
      kind: 'split-pages';
      form: string;
      pages: string[];
      sites: string[];
    };

/** What one page says about one name form (see identity.ts `sightingsOf`). */
export interface Sighting {
  url: string;
  site: string;
  /** The page's date (YYYY-MM-DD): published, or first read. */
  date: string;
  titles: string[];
  mentions: number;
  /** How the page wrote the name, with how often. */
  spellings: [string, number][];
}

/**
 * A name form across the library, as the stored people summary keeps it (schema v5): every
 * page's sighting, by page url, so a page read again or forgotten changes only its own entry.
 */
export interface FormRecord {
  /** The form key (identity.ts `formKey`). */
  key: string;
  /** Its surname bucket: only forms of one bucket are resolved together. */
  bucket: string;
  seen: Record<string, Sighting>;
}

/** A person: one or more name forms the library treats as one. */
export interface Person {
  /** Stable while the person's main name form stays: that form's key. */
  id: string;
  /** The fullest, most used spelling. */
  name: string;
  /** Name form keys, the main one first. */
  forms: string[];
  /** Every title seen, most frequent first. */
  titles: string[];
  sites: string[];
  /** Urls of the pages that name them. */
  pages: string[];
  /** The dates of those pages (YYYY-MM-DD), sorted. */
  dates: string[];
  mentions: number;
}

/**
 * A person as the stored summary keeps them (schema v5): the resolved person, with the buckets
 * of their forms so that a change to one bucket replaces exactly the people it concerns.
 */
export interface PersonRecord extends Person {
  buckets: string[];
  /**
   * `[pages, mentions]`, indexed (`by-rank`) so the panel's first rows are the first records
   * of an index walked backwards, not a read and sort of everyone.
   */
  rank: [number, number];
  /** The spellings seen for each form, for "Not the same person". */
  spellings: Record<string, string[]>;
}

/**
 * What one page says about one name form, as a person's stored record keeps it (schema v8): a
 * `Sighting` as a tuple, `[url, site, date, mentions, titles, spellings]`, so the side panel,
 * which reads every person record, reads no repeated field names.
 */
export type HeldSighting = [
  url: string,
  site: string,
  date: string,
  mentions: number,
  titles: string[],
  spellings: [string, number][],
];

/**
 * A person as the `library-people` store keeps them (schema v8): the person, with what every
 * page says about each of their name forms (`seen`). Only the resolver reads `seen`: the forms
 * of a surname bucket are those of its people, so settling a page reads and writes one record
 * per person it touches, where a record per bucket beside the person's own cost a second write
 * (v7). A person is at home in their main form's bucket (one merged across surnames is found
 * through the merge, which joins the buckets), and stored under `key`: the bucket itself for
 * the first of its people by id, so that finding a bucket's people is one `get` (a key range
 * read cost twice as much), and the bucket, `HOME_SEPARATOR` and the id for any other, read
 * only when the first says there are `more`. `seen` is JSON text (form key, as resolved, so a
 * name split by pages keeps its own → `HeldSighting[]`): one string is cloned in one copy,
 * where the same sightings as arrays cost the worker an object each to write and the panel
 * one each to read.
 */
export interface StoredPerson extends PersonRecord {
  key: string;
  more: boolean;
  seen: string;
}

/** A library setting, by key (`paused`). */
export interface LibrarySetting {
  key: string;
  value: unknown;
}

/**
 * The quotations' search index as the store keeps it (lib/library/quote-index.ts): plain
 * arrays, so saving and loading are a structured clone, not JSON. Slot `i` is quotation
 * `slotK[i]` of page `urls[slotUrl[i]]`; `lists[j]` holds the slots whose text has `words[j]`.
 */
export interface SavedQuoteIndex {
  urls: string[];
  slotUrl: Int32Array;
  slotK: Int32Array;
  words: string[];
  lists: Int32Array[];
}
