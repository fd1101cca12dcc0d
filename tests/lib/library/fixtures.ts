/** Library pages for the tests: one page per call, officials and quotations as given. */
import type { LibraryPage, PageQuote, SpeakerKind } from '../../../lib/library/records';

let n = 0;

/** An official on a page: name, titles, mentions. */
export type O = [name: string, titles?: string[], mentions?: number];

/**
 * A page naming `officials`, on `site`, with `quotes` ([speaker, text], and the speaker's kind
 * when the record says it: a record made before the kind was kept has none).
 */
export function libPage(
  officials: O[],
  options: {
    site?: string;
    url?: string;
    title?: string;
    quotes?: [string | null, string, SpeakerKind?][];
    published?: string | null;
    read?: string;
  } = {},
): LibraryPage {
  n += 1;
  const read = options.read ?? `2026-01-${String((n % 28) + 1).padStart(2, '0')}T10:00:00.000Z`;
  return {
    url: options.url ?? `https://www.example.org/page-${n}`,
    title: options.title ?? `Page ${n}`,
    site: options.site ?? 'Example Institute',
    author: null,
    published: options.published === undefined ? '2025-06-01' : options.published,
    firstRead: read,
    lastRead: read,
    analysis: {
      officials: officials.map(([name, titles = [], mentions = 1]) => ({ name, titles, mentions })),
      quotes: (options.quotes ?? []).map(([speaker, text, kind]) => quote(speaker, text, kind)),
    },
  };
}

/** A quotation with selectors as the content script sends them. */
export function quote(speaker: string | null, text: string, kind?: SpeakerKind): PageQuote {
  return {
    text,
    speaker,
    ...(kind ? { speakerType: kind } : {}),
    quote: { type: 'TextQuoteSelector', exact: text, prefix: 'he said, “', suffix: '” on Monday' },
    position: { type: 'TextPositionSelector', start: 100, end: 100 + text.length },
  };
}
