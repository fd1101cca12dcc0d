/**
 * What the content script sends to be remembered about a page, built from its analysis, and
 * the library record the background makes of it. Quotations carry W3C selectors taken from the
 * article text (exact + 32 characters each side), so that a link reopens the passage.
 */
import type { PageRef } from '../annotation';
import type { LibraryPage, PageAnalysisRecord, SpeakerKind } from './records';

/** Context kept on each side of a quotation, as for the reader's notes (DESIGN.md). */
const CONTEXT = 32;

/** The parts of a detection the library keeps (lib/detect's `Detection`, structurally). */
export interface DetectionLike {
  officials: readonly { name: string; titles: readonly string[]; mentions: readonly unknown[] }[];
  quotes: readonly {
    text: string;
    speaker: string | null;
    speakerType?: SpeakerKind;
    start: number;
    end: number;
  }[];
}

/** The last paragraph start at or before `at` (0 when none); `breaks` is sorted. */
function blockStart(breaks: readonly number[], at: number): number {
  let lo = 0;
  let hi = breaks.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = breaks[mid] as number;
    if (b <= at) {
      found = b;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first paragraph start after `at` (the text's end when none). */
function blockEnd(breaks: readonly number[], at: number, length: number): number {
  let lo = 0;
  let hi = breaks.length - 1;
  let found = length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = breaks[mid] as number;
    if (b > at) {
      found = b;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/**
 * The analysis record of a page, from its article text, what was detected in it and where its
 * paragraphs start. A quotation's context stops at its paragraph's edges, marked with a line
 * break, because a text fragment cannot match context across a block (text-fragment.ts).
 */
export function analysisRecordOf(
  text: string,
  detection: DetectionLike,
  breaks: readonly number[] = [],
): PageAnalysisRecord {
  const prefixOf = (start: number) => {
    const from = Math.max(start - CONTEXT, 0);
    const block = blockStart(breaks, start);
    return block > from ? `\n${text.slice(block, start)}` : text.slice(from, start);
  };
  const suffixOf = (end: number) => {
    const to = Math.min(end + CONTEXT, text.length);
    const block = blockEnd(breaks, end, text.length);
    return block < to ? `${text.slice(end, block).trimEnd()}\n` : text.slice(end, to);
  };
  return {
    officials: detection.officials.map((o) => ({
      name: o.name,
      titles: [...o.titles],
      mentions: o.mentions.length,
    })),
    quotes: detection.quotes.map((q) => ({
      text: q.text,
      speaker: q.speaker,
      // Kept so the library lists only people as people (speakers.ts).
      ...(q.speakerType ? { speakerType: q.speakerType } : {}),
      quote: {
        type: 'TextQuoteSelector',
        exact: text.slice(q.start, q.end) || q.text,
        prefix: prefixOf(q.start),
        suffix: suffixOf(q.end),
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
