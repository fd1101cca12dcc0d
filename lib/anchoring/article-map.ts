/**
 * The article map: from offsets in Readability's article text (what `lib/detect` reports
 * officials and quotations against) to ranges on the live page (what `lib/highlight` paints).
 *
 * Readability works on a clone and returns text whose whitespace has been collapsed, and it
 * leaves out whole nodes (navigation, asides, captions, ads) but never reorders or rewrites the
 * words it keeps. So the article's non-whitespace characters are, in order, a subsequence of the
 * page's non-whitespace characters, made of long contiguous runs. The alignment finds those runs
 * with a forward `indexOf` of 32-character chunks from where the previous run ended, then
 * extends each run character by character; it never looks back more than one run, so the whole
 * alignment is linear in the size of the page (plus a bounded number of failed searches for text
 * the page does not have, which then stays unmapped).
 *
 * Two safeguards keep runs in the right place:
 * - a chunk that starts only a short run is looked up again a little further on, and the longer
 *   run wins (a headline repeated in the navigation before the article should not capture it);
 * - when a run had greedily run on into page junk that happened to start like the next
 *   paragraph, the next run takes those characters back, choosing the split where the page has
 *   whitespace and the article ends a sentence (whole words, block boundaries).
 *
 * Offsets the alignment could not place give null: the caller paints nothing rather than the
 * wrong words.
 */
import { collapseWithMap, lowerBound, offsetsToRange, type TextIndex } from './text-index';

/** Non-whitespace characters searched at once: long enough to be unique in a page. */
const CHUNK = 32;

/** The smallest chunk tried where a full chunk is not on the page. */
const MIN_CHUNK = 8;

/** A run at least this long is trusted without looking for a longer one further on. */
const LONG_RUN = 256;

/**
 * How far past a short first run (in page characters) a longer run is looked for: the page
 * chrome before an article (navigation, teasers repeating the headline) can be long.
 */
const FIRST_RUN_WINDOW = 65_536;

/** The same for later runs, which break at ordinary block boundaries inside the article. */
const LOOKAHEAD_WINDOW = 4096;

/** Other occurrences tried for a short run. */
const MAX_ALTERNATIVES = 4;

/** Whole-page searches allowed to fail before searches are confined to `FIRST_RUN_WINDOW`. */
const FAILED_SCAN_BUDGET = 16;

/** Characters that end a sentence or a block: a likely place for page junk to begin. */
const SENTENCE_END = /[.!?:;"')\]\u201d\u2019\u00bb]/;

/** Offsets into the page text (the index's collapsed `text`) for a span of the article. */
export interface PageSpan {
  start: number;
  end: number;
}

/** The alignment of an article text onto a page text. */
export interface TextAlignment {
  /**
   * Page offsets for the article span `[start, end)`, or null when its first or last
   * non-whitespace character could not be placed on the page.
   */
  map(start: number, end: number): PageSpan | null;
  /** Share of the article's non-whitespace characters placed on the page, in [0, 1]. */
  readonly coverage: number;
}

/** Turns article offsets into live Ranges, or null for offsets that cannot be placed. */
export type ArticleMapper = (start: number, end: number) => Range | null;

/**
 * A collapsed text seen without its spaces: the characters the alignment compares, and the maps
 * between their indexes and offsets in the text. Collapsed text has single spaces between words,
 * so the maps are the list of space positions (one per word, not per character) searched by
 * bisection.
 */
interface SpacelessView {
  chars: string;
  /** Offset in the text of spaceless character `i`. */
  offsetOf(i: number): number;
  /** Index of the first spaceless character at or after text offset `offset`. */
  indexAt(offset: number): number;
  /** True when spaceless character `i` follows a space in the text (or starts it). */
  followsSpace(i: number): boolean;
}

function spaceless(text: string): SpacelessView {
  // Spaces in collapsed text are never adjacent, so there are at most half as many as characters.
  const found = new Int32Array((text.length + 1) >> 1);
  let count = 0;
  for (let at = text.indexOf(' '); at >= 0; at = text.indexOf(' ', at + 1)) found[count++] = at;
  const spaceAt = found.subarray(0, count);
  // Spaceless index of the character right after each space.
  const nextIndex = new Int32Array(count);
  for (let j = 0; j < count; j++) nextIndex[j] = (spaceAt[j] as number) - j;
  return {
    chars: count === 0 ? text : text.replace(/ /g, ''),
    offsetOf: (i) => i + lowerBound(nextIndex, i + 1),
    indexAt: (offset) => offset - lowerBound(spaceAt, offset),
    followsSpace: (i) => {
      if (i === 0) return true;
      const j = lowerBound(nextIndex, i);
      return j < nextIndex.length && nextIndex[j] === i;
    },
  };
}

/** Length of the common stretch of `a` from `i` and `b` from `j`, counted up to `cap`. */
function extend(a: string, i: number, b: string, j: number, cap: number): number {
  const limit = Math.min(cap, a.length - i, b.length - j);
  let n = 0;
  while (n < limit && a.charCodeAt(i + n) === b.charCodeAt(j + n)) n++;
  return n;
}

/** First occurrence of `chunk` in `text` within `[from, to)` (searching only that window). */
function indexOfWithin(text: string, chunk: string, from: number, to: number): number {
  const found = text.slice(from, Math.min(text.length, to + chunk.length)).indexOf(chunk);
  return found < 0 || from + found >= to ? -1 : from + found;
}

/**
 * Aligns `articleText` (Readability's text: whitespace collapsed, trimmed) onto `pageText` (the
 * collapsed text of the page's index, or any text it was extracted from). Pure and linear, so it
 * can be tested with strings and run once per page.
 */
export function alignText(articleText: string, pageText: string): TextAlignment {
  // Both texts are normally collapsed already; collapsing again costs one regex pass and makes
  // any other input safe, with offsets translated back through the maps.
  const articleView = collapseWithMap(articleText);
  const pageView = collapseWithMap(pageText);
  const article = spaceless(articleView.text);
  const page = spaceless(pageView.text);
  const A = article.chars;
  const P = page.chars;
  const spaceBefore = (j: number) => page.followsSpace(j);
  const spaceAfter = (j: number) => j >= P.length - 1 || page.followsSpace(j + 1);

  const runA: number[] = [];
  const runP: number[] = [];
  const runLength: number[] = [];
  let failedScans = 0;
  let a = 0;
  let p = 0;
  while (a < A.length) {
    const window = runA.length === 0 ? FIRST_RUN_WINDOW : LOOKAHEAD_WINDOW;
    let size = Math.min(CHUNK, A.length - a);
    let chunk = A.slice(a, a + size);
    let q: number;
    if (failedScans < FAILED_SCAN_BUDGET) {
      q = P.indexOf(chunk, p);
      if (q < 0) failedScans++;
    } else {
      q = indexOfWithin(P, chunk, p, p + FIRST_RUN_WINDOW);
    }
    // A chunk that is not on the page usually straddles a place where the article and the page
    // part ways: smaller chunks, looked for nearby only (short strings recur by chance), find
    // the part before it.
    while (q < 0 && size > MIN_CHUNK) {
      size = Math.max(MIN_CHUNK, size >> 1);
      chunk = A.slice(a, a + size);
      q = indexOfWithin(P, chunk, p, p + window);
    }
    if (q < 0) {
      // Text the page does not have (or no longer has): leave a whole chunk unmapped; the next
      // run's backward extension reclaims any of it that matches just before where it lands.
      a += Math.min(CHUNK, A.length - a);
      continue;
    }
    let length = size + extend(A, a + size, P, q + size, Number.POSITIVE_INFINITY);
    // A short run may be a copy of the article's opening in the page chrome: prefer a later
    // occurrence that goes on matching for longer.
    for (let tries = 0, from = q + 1; length < LONG_RUN && tries < MAX_ALTERNATIVES; tries++) {
      const next = indexOfWithin(P, chunk, from, q + window);
      if (next < 0) break;
      const nextLength = extend(A, a, P, next, LONG_RUN);
      if (nextLength > length) {
        q = next;
        length = size + extend(A, a + size, P, q + size, Number.POSITIVE_INFINITY);
      }
      from = next + 1;
    }
    // Walk backwards from the new run over characters that also match: first over article
    // text no run holds (skipped as missing), then, choosing the split by whitespace on the
    // page, over the previous run's tail in case that run had run on into junk.
    const last = runA.length - 1;
    const prevA = last >= 0 ? (runA[last] as number) : -1;
    const prevP = last >= 0 ? (runP[last] as number) : -1;
    const prevEnd = last >= 0 ? prevA + (runLength[last] as number) : 0;
    const gapFloor = last >= 0 ? prevP + (runLength[last] as number) : 0;
    let x = a - 1;
    let y = q - 1;
    while (x >= prevEnd && y >= gapFloor && A.charCodeAt(x) === P.charCodeAt(y)) {
      x--;
      y--;
    }
    let bestStart = x + 1;
    if (last >= 0 && bestStart === prevEnd) {
      // Score a split by page whitespace before the new run and after the previous one, so
      // that only whole words move, and by the article's text ending a sentence there, as
      // blocks do. Ties go to the new run: junk that starts with the same word as the next
      // paragraph ("The …") is more common than junk that ends like the previous one.
      const splitScore = (s: number, t: number) =>
        (spaceBefore(t) ? 1 : 0) +
        (spaceAfter(prevP + (s - prevA) - 1) ? 1 : 0) +
        (SENTENCE_END.test(A.charAt(s - 1)) ? 1 : 0);
      let bestScore = splitScore(bestStart, y + 1);
      while (x > prevA && y >= prevP + (x - prevA) && A.charCodeAt(x) === P.charCodeAt(y)) {
        const score = splitScore(x, y);
        if (score >= bestScore) {
          bestScore = score;
          bestStart = x;
        }
        x--;
        y--;
      }
    }
    const shift = a - bestStart;
    if (last >= 0 && bestStart < prevEnd) runLength[last] = bestStart - prevA;
    runA.push(bestStart);
    runP.push(q - shift);
    runLength.push(length + shift);
    a += length;
    p = q + length;
  }

  const starts = Int32Array.from(runA);
  const pageStarts = Int32Array.from(runP);
  const lengths = Int32Array.from(runLength);
  let mapped = 0;
  for (const length of lengths) mapped += length;
  const pageIndexOf = (i: number): number => {
    const r = lowerBound(starts, i + 1) - 1;
    if (r < 0 || i >= (starts[r] as number) + (lengths[r] as number)) return -1;
    return (pageStarts[r] as number) + (i - (starts[r] as number));
  };
  return {
    coverage: A.length === 0 ? 0 : mapped / A.length,
    map(start: number, end: number): PageSpan | null {
      const first = article.indexAt(articleView.fromRaw(start));
      const last = article.indexAt(articleView.fromRaw(end)) - 1;
      if (first > last || first >= A.length) return null;
      const from = pageIndexOf(first);
      const to = pageIndexOf(last);
      if (from < 0 || to < from) return null;
      return {
        start: pageView.toRaw(page.offsetOf(from)),
        end: pageView.toRaw(page.offsetOf(to)) + 1,
      };
    },
  };
}

/**
 * Builds the mapper from article offsets to live Ranges on the page `index` describes. Align
 * once per article and page state, then map every mention and quotation through it.
 */
export function createArticleMapper(articleText: string, index: TextIndex): ArticleMapper {
  const alignment = alignText(articleText, index.text);
  return (start, end) => {
    const span = alignment.map(start, end);
    return span ? offsetsToRange(index, span.start, span.end) : null;
  };
}
