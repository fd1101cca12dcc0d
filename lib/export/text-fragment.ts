/**
 * Links back to the exact passage: a Text Fragment URL (`url#:~:text=prefix-,start,end,-suffix`,
 * https://wicg.github.io/scroll-to-text-fragment/). Browsers scroll to and mark the passage.
 *
 * Browsers match whole words within the page's rendered text, so the directive is built from
 * whole words: a short one-line quote is used as it is; a long or multi-line quote becomes its
 * first and last few words (`start,end`), since a text start cannot cross a block boundary.
 * Up to three words of context on each side make the match unique. The context must start (prefix)
 * or end (suffix) on a word boundary, and the stored 32-character context usually begins or ends
 * mid-word, so that partial word is dropped; its other end may touch the quote (`U.S.-,`, `-,%2C`).
 */
import type { TextQuoteSelector } from '../annotation';

const WORDS = 5;
const CONTEXT_WORDS = 3;
const SHORT_QUOTE = 80;
const STORED_CONTEXT = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Percent-encodes one part of a text directive: everything `encodeURIComponent` encodes, plus
 * `-` (the prefix/suffix marker) and `!'()*`, so the URL is also safe inside a Markdown link.
 */
export function encodeDirectivePart(text: string): string {
  const wellFormed = SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\ufffd') : text;
  return encodeURIComponent(wellFormed).replace(/[-!'()*]/g, (c) => EXTRA[c]!);
}

const SURROGATE = /[\ud800-\udfff]/;
const EXTRA: Record<string, string> = {
  '-': '%2D',
  '!': '%21',
  "'": '%27',
  '(': '%28',
  ')': '%29',
  '*': '%2A',
};
const BREAK = /[\n\r\u2028\u2029]/;

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const lines = (text: string) =>
  text
    .split(/[\n\r\u2028\u2029]+/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

function prefixWords(prefix: string): string {
  const lastBreak = prefix.search(/[\n\r\u2028\u2029][^\n\r\u2028\u2029]*$/);
  const segment = lastBreak >= 0 ? prefix.slice(lastBreak + 1) : prefix;
  const list = words(segment);
  const maybeCut = lastBreak < 0 && prefix.length >= STORED_CONTEXT && !/^\s/.test(prefix);
  if (maybeCut) list.shift();
  return list.slice(-CONTEXT_WORDS).join(' ');
}

function suffixWords(suffix: string): string {
  const firstBreak = suffix.search(/[\n\r\u2028\u2029]/);
  const segment = firstBreak >= 0 ? suffix.slice(0, firstBreak) : suffix;
  const list = words(segment);
  const maybeCut = firstBreak < 0 && suffix.length >= STORED_CONTEXT && !/\s$/.test(suffix);
  if (maybeCut) list.pop();
  return list.slice(0, CONTEXT_WORDS).join(' ');
}

/**
 * The page URL with a text directive for `quote` (any fragment already on the URL is replaced).
 * Returns the bare URL when the quote has no words to search for.
 */
export function textFragmentUrl(
  url: string,
  quote: Pick<TextQuoteSelector, 'exact' | 'prefix' | 'suffix'>,
): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  let start: string;
  let end = '';
  if (quote.exact.length <= SHORT_QUOTE && !BREAK.test(quote.exact)) {
    start = quote.exact.replace(/\s+/g, ' ').trim();
    if (start === '') return base;
  } else {
    const quoteLines = lines(quote.exact);
    const first = quoteLines[0];
    const last = quoteLines[quoteLines.length - 1];
    if (first === undefined || last === undefined) return base;
    const firstWords = words(first);
    if (
      quoteLines.length === 1 &&
      (first.length <= SHORT_QUOTE || firstWords.length <= WORDS * 2)
    ) {
      start = first;
    } else {
      start = firstWords.slice(0, WORDS).join(' ');
      end = words(last).slice(-WORDS).join(' ');
    }
  }
  const prefix = prefixWords(quote.prefix);
  const suffix = suffixWords(quote.suffix);
  const parts = [
    ...(prefix ? [`${encodeDirectivePart(prefix)}-`] : []),
    encodeDirectivePart(start),
    ...(end ? [encodeDirectivePart(end)] : []),
    ...(suffix ? [`-${encodeDirectivePart(suffix)}`] : []),
  ];
  return `${base}#:~:text=${parts.join(',')}`;
}
