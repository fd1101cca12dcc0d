/**
 * Dossier's detector: named officials and quotations with their speakers, from plain article
 * text. Pure code (text in, offsets out), linear in the text's length, no DOM and no globals, so
 * the content script, the CLI and the tests all run it unchanged. Rules and lexicons rather than
 * an NLP library: see lexicon.ts for the word lists, names.ts, evidence.ts and people.ts for
 * name runs, evidence and coreference, quotes.ts for quotations and attribution.
 */
import { runToEnd, type Steps } from '../steps';
import { PRESS_LABELS } from './lexicon';
import { findPeople } from './people';
import { findQuoteSpans } from './quote-spans';
import { findQuotes, type Quote } from './quotes';
import { norm, tokenize } from './tokens';

export type { Quote } from './quotes';

/** One mention of an official; offsets index the text given to `detect`. */
export interface Mention {
  start: number;
  end: number;
  text: string;
}

/** A named official: canonical (fullest) name, the titles the text gives, every mention. */
export interface Official {
  name: string;
  titles: string[];
  mentions: Mention[];
}

/** What `detect` finds in an article. */
export interface Detection {
  officials: Official[];
  quotes: Quote[];
}

/** Optional knowledge about the article that sharpens detection. */
export interface DetectOptions {
  /** Offsets where paragraphs (blocks) start: quotes never run across them. */
  breaks?: readonly number[];
  /**
   * The breaks that are only a line break (`<br>`) inside a paragraph: a quotation runs on
   * across them, as the page's text does.
   */
  lineBreaks?: readonly number[];
  /** The byline: its names are authors, never officials. */
  byline?: string | null;
}

/**
 * Finds the named officials and the quotations (with speakers) in `text`. Offsets index
 * `text`. Safe on any input: empty text gives empty lists.
 */
export function detect(text: string, options: DetectOptions = {}): Detection {
  return runToEnd(detectInSteps(text, options));
}

/**
 * `detect` in steps, for the content script to run one per task (words, then people, then
 * quotations); each `yield` is a place to pause. The result is the same.
 */
export function* detectInSteps(text: string, options: DetectOptions = {}): Steps<Detection> {
  const breaks = options.breaks ?? [];
  const { tokens, sentenceStarts } = tokenize(text, breaks);
  yield;
  const people = findPeople(text, tokens, { byline: options.byline ?? null });
  yield;
  const lines = new Set(options.lineBreaks ?? []);
  const spans = findQuoteSpans(text, lines.size > 0 ? breaks.filter((b) => !lines.has(b)) : breaks);
  const quotes = findQuotes({ text, tokens, sentenceStarts, spans, people, breaks });
  const officials: Official[] = people
    .filter((p) => p.official)
    .map((p) => ({
      name: p.name,
      titles: p.titles.filter((t) => !PRESS_LABELS.has(norm(t))),
      mentions: p.mentions.map((m) => ({
        start: m.start,
        end: m.end,
        text: text.slice(m.start, m.end),
      })),
    }));
  return { officials, quotes };
}
