/**
 * What the content script sends to be remembered about a page, built from its analysis, and
 * the library record the background makes of it. Quotations carry W3C selectors taken from the
 * article text (exact + 32 characters each side), so that a link reopens the passage.
 */
import type { PageRef } from '../annotation';
import type { LibraryPage, PageAnalysisRecord } from './records';

/** Context kept on each side of a quotation, as for the reader's notes (DESIGN.md). */
const CONTEXT = 32;

/** The parts of a detection the library keeps (lib/detect's `Detection`, structurally). */
export interface DetectionLike {
  officials: readonly { name: string; titles: readonly string[]; mentions: readonly unknown[] }[];
  quotes: readonly { text: string; speaker: string | null; start: number; end: number }[];
}

/** The analysis record of a page, from its article text and what was detected in it. */
export function analysisRecordOf(text: string, detection: DetectionLike): PageAnalysisRecord {
  return {
    officials: detection.officials.map((o) => ({
      name: o.name,
      titles: [...o.titles],
      mentions: o.mentions.length,
    })),
    quotes: detection.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      quote: {
        type: 'TextQuoteSelector',
        exact: text.slice(q.start, q.end) || q.text,
        prefix: text.slice(Math.max(0, q.start - CONTEXT), q.start),
        suffix: text.slice(q.end, q.end + CONTEXT),
      },
      position: { type: 'TextPositionSelector', start: q.start, end: q.end },
    })),
  };
}

/** What the background receives: the page, and its analysis or why there is none. */
export interface PageReading {
  page: PageRef;
  analysis: PageAnalysisRecord | null;
  failure?: string;
}

/**
 * The record of a page read at `now`. A page read again gets the same record with a new
 * `lastRead` (the store keeps its `firstRead`), never a second record.
 */
export function libraryPageOf(reading: PageReading, now: Date): LibraryPage {
  const at = now.toISOString();
  return {
    url: reading.page.url,
    title: reading.page.title,
    site: reading.page.site,
    author: reading.page.author ?? null,
    published: reading.page.published ?? null,
    firstRead: at,
    lastRead: at,
    analysis: reading.analysis,
    ...(reading.analysis === null
      ? { failure: reading.failure || 'Dossier could not analyse this page.' }
      : {}),
  };
}
