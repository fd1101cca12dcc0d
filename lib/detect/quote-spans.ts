/**
 * Finds every span of text between quotation marks, in one pass over the marks. Handles curly
 * “…”, straight "…", guillemets «…» (spaced « … » too, and German »…«), low-high „…“ and ‚…‘,
 * single guillemets ‹…›, Scandinavian ”…”, a “ typed where ” was meant, TeX's ``…'', single
 * curly ‘…’ (and straight '…' where unambiguous), quotes that open with one mark and close with another (wire
 * copy's “…’’ too), quotes nested in quotes (the inner one is part of the outer, whichever kind
 * is outside, and “…“…”…” with the same marks too: British ‘… “…” …’ as well as American “… ‘…’ …”), and a quote left unclosed: it
 * ends at its paragraph's end, or where the next quotation opens (the English convention for a
 * quote that runs on into the next paragraph, when paragraph breaks are not known); a single
 * quote runs on that way only when the next paragraph opens with a single mark. A paragraph
 * after an unclosed quotation that has a closing mark but no opening one holds the rest of it. Whether a span
 * is reported speech is decided later, with the sentence around it.
 */

import { FUNCTION_WORDS } from './lexicon';

/** A span between quotation marks; `start`/`end` exclude the marks. */
export interface QuoteSpan {
  start: number;
  end: number;
  /** Offset of the opening mark. */
  open: number;
  /** Offset after the closing mark (equals `end` when unclosed). */
  close: number;
  /** No closing mark: the span runs to the end of its paragraph. */
  unclosed: boolean;
  /** Single quotation marks rather than double ones. */
  single: boolean;
}

const MARK_RE = /[“”"«»„‘’'‚‹›`]/g;
/**
 * Rarer marks read as their common twins (each one UTF-16 unit, so offsets hold): double
 * primes ″ and full-width ＂ as straight ", a reversed high ‟ as “.
 */
const RARE_MARKS_RE = /[″＂‟]/;
/** How far ahead a quotation nested in another is looked for (keeps the scan linear). */
const NESTED_REACH = 3000;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
/** Longest single-quoted span accepted: single marks double as apostrophes. */
const MAX_SINGLE = 400;
/**
 * Longest span opened by a curly ‘ (British quotations run to whole paragraphs): a left single
 * mark after a space and before a letter is hardly ever an apostrophe.
 */
const MAX_SINGLE_CURLY = 3000;

/** The longest single quotation accepted that opens at `open`. */
function maxSingle(text: string, open: number): number {
  return text[open] === '‘' ? MAX_SINGLE_CURLY : MAX_SINGLE;
}

/** Whether a mark at `i` sits where a quotation opens (after a space or an opening bracket). */
function opensAt(text: string, i: number): boolean {
  const before = i > 0 ? (text[i - 1] ?? ' ') : ' ';
  const after = text[i + 1] ?? ' ';
  return /[\s([{—–\-/:;,]/.test(before) && !/\s/.test(after);
}

/** Whether a mark at `i` sits where a quotation closes (before a space or punctuation). */
function closesAt(text: string, i: number): boolean {
  const before = i > 0 ? (text[i - 1] ?? ' ') : ' ';
  const after = text[i + 1] ?? ' ';
  return !/\s/.test(before) && !LETTER_OR_DIGIT.test(after);
}

/**
 * How many characters the opening mark at `open` takes: two for doubled single marks (TeX's
 * ``…'', ''…'' and wire copy's ‘‘…’’), one otherwise.
 */
function markLength(text: string, open: number): number {
  const ch = text[open];
  return (ch === '`' || ch === "'" || ch === '‘') && text[open + 1] === ch ? 2 : 1;
}

/**
 * Whether the mark at `i` is a doubled single mark (`` or '', or ‘‘ opening) standing for a
 * double one.
 */
function doubledAt(text: string, i: number, open: boolean): boolean {
  const ch = text[i];
  return (ch === '`' || ch === "'" || (ch === '‘' && !open)) && text[i + 1] === ch;
}

/**
 * Whether a right single mark at `i` closes a double quotation typed with the wrong closing
 * mark (“We will manage,’ she said): it follows the quotation's own punctuation, not a plural
 * or an abbreviation ("the U.S.’ view"), and a space or the end follows it.
 */
function closesMismatched(text: string, i: number): boolean {
  const prev = text[i - 1] ?? '';
  const punctuated = /[,?!]/.test(prev) || (prev === '.' && /[\p{Ll}\d)]/u.test(text[i - 2] ?? ''));
  return punctuated && /^\s?$/.test(text[i + 1] ?? '');
}

/** Trims trailing whitespace from a span's end. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** Skips leading whitespace at a span's start (French « spaced » marks). */
function trimStart(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && /\s/.test(text[s] ?? '')) s++;
  return s;
}

/** Whether the paragraph starting at `b` opens with a single quotation mark (after spaces). */
function opensWithSingle(text: string, b: number): boolean {
  let i = b;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return text[i] === '‘' || (text[i] === "'" && LETTER.test(text[i + 1] ?? ''));
}

/**
 * Returns the quoted spans of `text` in order. `breaks` are sorted paragraph boundaries: no
 * quotation runs across one (the labels split such quotes at the break).
 */
export function findQuoteSpans(input: string, breaks: readonly number[] = []): QuoteSpan[] {
  const text = RARE_MARKS_RE.test(input) ? input.replace(/[″＂]/g, '"').replace(/‟/g, '“') : input;
  const spans: QuoteSpan[] = [];
  // The open double mark a single mark opened inside ("“He said ‘no,’ …”"): a right single
  // mark after punctuation then closes that nested quotation, not the double one.
  let innerOf: number | null = null;
  let dbl: number | null = null; // offset of an open double mark
  let sgl: number | null = null; // offset of an open single mark
  let bi = 0;
  let outer: number | null = null; // a single mark open around the open double mark
  const closeUnclosed = (at: number, paragraphEnd = false) => {
    if (dbl !== null) {
      const start = trimStart(text, dbl + markLength(text, dbl), at);
      const end = trimEnd(text, start, at);
      if (end > start) {
        spans.push({ start, end, open: dbl, close: end, unclosed: true, single: false });
      }
      dbl = null;
    }
    // An unclosed single mark was an apostrophe, unless the next paragraph opens with a single
    // mark: a British quotation running on ("‘… <break> ‘…’").
    if (
      sgl !== null &&
      paragraphEnd &&
      at - sgl <= maxSingle(text, sgl) &&
      opensWithSingle(text, at)
    ) {
      const end = trimEnd(text, sgl + 1, at);
      if (end > sgl + 1)
        spans.push({ start: sgl + 1, end, open: sgl, close: end, unclosed: true, single: true });
    }
    sgl = null;
    outer = null;
  };
  // A double quotation opened at `open` and closed by the mark at `at`.
  const closeDouble = (open: number, at: number) => {
    const start = trimStart(text, open + markLength(text, open), at);
    spans.push({
      start,
      end: trimEnd(text, start, at),
      open,
      close: at + 1,
      unclosed: false,
      single: false,
    });
    dbl = null;
    // Back inside the single quotation the double one was nested in, if any.
    sgl = outer;
    outer = null;
  };
  // Where the paragraph after a double quotation left unclosed starts, until a mark opens: a
  // closing mark there with no opening one ends the same quotation ("“We will win. <break> We
  // have the votes.”"), the labels' second part.
  let runOn: number | null = null;
  const passBreak = (b: number) => {
    const wasOpen = dbl !== null && b > dbl;
    if (wasOpen || (sgl !== null && b > sgl)) closeUnclosed(b, true);
    runOn = wasOpen ? b : null;
  };
  const closeRunOn = (at: number) => {
    const start = trimStart(text, runOn ?? at, at);
    const end = trimEnd(text, start, at);
    if (end > start)
      spans.push({ start, end, open: start, close: at + 1, unclosed: false, single: false });
    runOn = null;
  };
  // A single quotation opened at `sgl` and closed by the mark at `at`.
  const closeSingle = (at: number) => {
    const open = sgl as number;
    if (at - open <= maxSingle(text, open)) {
      // Double quotations nested inside are part of this one.
      while (spans.length > 0 && (spans[spans.length - 1] as QuoteSpan).open > open) spans.pop();
      spans.push({ start: open + 1, end: at, open, close: at + 1, unclosed: false, single: true });
    }
    sgl = null;
  };
  let skip = -1; // a mark already read as part of a pair
  for (const m of text.matchAll(MARK_RE)) {
    const i = m.index;
    const ch = m[0];
    if (i < skip) continue;
    while (bi < breaks.length && (breaks[bi] ?? 0) <= i) {
      passBreak(breaks[bi] ?? 0);
      bi++;
    }
    if (
      doubledAt(text, i, dbl !== null) &&
      (dbl === null
        ? opensAt(text, i) && LETTER_OR_DIGIT.test(text[i + 2] ?? '')
        : closesAt(text, i + 1))
    ) {
      // TeX-style ``…'' (or ''…''): two single marks standing for one double mark.
      if (dbl === null) {
        outer = sgl;
        dbl = i;
        sgl = null;
      } else closeDouble(dbl, i);
      skip = i + 2;
    } else if (ch === '`') {
      // A lone backtick is not a quotation mark.
    } else if (
      (ch === '“' &&
        dbl !== null &&
        (text[dbl] === '„' || (closesAt(text, i) && !opensAt(text, i)))) ||
      (ch === '«' && dbl !== null && text[dbl] === '»')
    ) {
      // German „…“ and »…«: the high (or inward) mark closes; so does a “ typed where ” was
      // meant ("“we will win“ and left"), when it sits where a quotation ends.
      closeDouble(dbl, i);
    } else if (
      (ch === '»' || ch === '”') &&
      dbl === null &&
      opensAt(text, i) &&
      LETTER_OR_DIGIT.test(text[i + 1] ?? '')
    ) {
      // German »…« and Scandinavian ”…”: these marks open too, where a quotation starts.
      outer = sgl;
      dbl = i;
      sgl = null;
    } else if (ch === '“' && dbl !== null && text[dbl] === '“' && nestedPair(text, i, breaks[bi])) {
      // “He told me “no” twice,” she said: the inner pair is part of the outer quotation.
      skip = text.indexOf('”', i) + 1;
    } else if (
      ch === '“' &&
      dbl !== null &&
      text[dbl] === '"' &&
      opensAt(text, i) &&
      nestedIn(text, i, breaks[bi], '”', '"') >= 0
    ) {
      // "He told me “no” twice," she said: curly marks nested in straight ones.
      skip = nestedIn(text, i, breaks[bi], '”', '"') + 1;
    } else if (ch === '“' || ch === '«' || ch === '„') {
      if (dbl !== null) closeUnclosed(i);
      const inSingle = sgl;
      dbl = i;
      // Nested in an open single quotation (British ‘… “…” …’): resume it after the close.
      sgl = null;
      outer = inSingle;
    } else if (ch === '”' || ch === '»') {
      if (dbl !== null) closeDouble(dbl, i);
      else if (
        ch === '”' &&
        sgl !== null &&
        text[sgl] === '‘' &&
        (runOn === null || sgl > runOn) &&
        closesAt(text, i)
      ) {
        // ‘We will manage,” she said: a single quotation typed with a double closing mark.
        closeSingle(i);
      } else if (runOn !== null) closeRunOn(i);
    } else if (ch === '"') {
      const canOpen = opensAt(text, i);
      const canClose = closesAt(text, i);
      const inner =
        dbl === null || !canOpen || canClose
          ? -1
          : text[dbl] === '"'
            ? nestedStraight(text, i, breaks[bi])
            : text[dbl] === '“'
              ? nestedIn(text, i, breaks[bi], '"', '”')
              : -1;
      if (inner >= 0) {
        // "He told me "no" twice," she said: straight marks nested in straight marks.
        skip = inner + 1;
      } else if (dbl !== null) {
        if (canOpen && !canClose) {
          closeUnclosed(i);
          dbl = i;
        } else {
          closeDouble(dbl, i);
        }
      } else if (canOpen || !canClose) {
        // Opens after a space, or glued to the previous block ("2009.\"If you…").
        outer = sgl;
        dbl = i;
        sgl = null;
      } else if (runOn !== null) closeRunOn(i);
    } else if (
      ch === '’' &&
      dbl !== null &&
      text[i + 1] === '’' &&
      !/\s/.test(text[i - 1] ?? ' ') &&
      !LETTER_OR_DIGIT.test(text[i + 2] ?? '')
    ) {
      // Wire copy closes a “ with two right single marks: “…,’’ she said.
      closeDouble(dbl, i);
      skip = i + 2;
    } else if (
      ch === '’' &&
      dbl !== null &&
      innerOf !== dbl &&
      (text[dbl] === '“' || text[dbl] === '"') &&
      closesMismatched(text, i)
    ) {
      // “We will manage,’ she said: a double quotation typed with a single closing mark.
      closeDouble(dbl, i);
    } else if (dbl !== null) {
      // A single quotation nested in the double one: its closing mark is its own.
      if ((ch === '‘' || ch === "'" || ch === '‚') && opensAt(text, i)) innerOf = dbl;
    } else {
      // Single marks, only outside double quotes (inside, they are nested quotes).
      // German ‚…‘ closes with a high left mark; ‹…› are single guillemets.
      const opener = sgl === null ? '' : text[sgl];
      const isOpenMark = ch === '‘' || ch === "'" || ch === '‚' || ch === '‹';
      const isCloseMark =
        opener === '‹' ? ch === '›' : ch === '’' || ch === "'" || (opener === '‚' && ch === '‘');
      if (sgl !== null && isCloseMark && closesAt(text, i) && !isPluralPossessive(text, i)) {
        closeSingle(i);
      } else if (isOpenMark && opensAt(text, i) && LETTER.test(text[i + 1] ?? '')) {
        sgl = i;
      } else if (sgl !== null && i - sgl > maxSingle(text, sgl)) {
        sgl = null;
      }
    }
    if (dbl !== null) runOn = null;
  }
  while (bi < breaks.length) {
    passBreak(breaks[bi] ?? 0);
    bi++;
  }
  closeUnclosed(text.length);
  return spans;
}

/**
 * True when the “ at `i`, inside an open “…, opens a quotation nested in it with the same marks:
 * the next two marks are both ” (“A “B” C”) before the paragraph ends at `limit`. Each call
 * reads only up to the second mark after `i`, which the caller then moves past.
 */
function nestedPair(text: string, i: number, limit = text.length): boolean {
  if (!opensAt(text, i)) return false;
  let seen = 0;
  for (let j = i + 1; j < text.length && j < limit; j++) {
    const c = text[j];
    if (c === '“') return false;
    if (c === '”' && ++seen === 2) return true;
  }
  return false;
}

/**
 * Where the mark closing a quotation nested at `i` in an open quotation of another kind is
 * (“He told me "no" twice,” or "He told me “no” twice,"), or -1: the next mark of either kind
 * is the inner `close`, sitting where a quotation closes, and the outer quotation's `outer`
 * close follows before the paragraph ends at `limit` (or NESTED_REACH on), with no new
 * opening on the way.
 */
function nestedIn(
  text: string,
  i: number,
  limit: number | undefined,
  close: '"' | '”',
  outer: '"' | '”',
): number {
  const end = Math.min(limit ?? text.length, text.length, i + NESTED_REACH);
  let inner = -1;
  for (let j = i + 1; j < end; j++) {
    const c = text[j];
    if (c !== '"' && c !== '“' && c !== '”') continue;
    if (inner < 0) {
      if (c !== close || !closesAt(text, j) || opensAt(text, j)) return -1;
      inner = j;
    } else {
      return c === outer && closesAt(text, j) && !opensAt(text, j) ? inner : -1;
    }
  }
  return -1;
}

/**
 * Where the straight mark closing a quotation nested at `i` in an open straight quotation is
 * ("“He told me "no" twice,” she said" typed with straight marks only), or -1: the next two
 * straight marks before the paragraph ends at `limit` both sit where a quotation closes.
 */
function nestedStraight(text: string, i: number, limit = text.length): number {
  let first = -1;
  for (let j = i + 1; j < text.length && j < limit; j++) {
    if (text[j] !== '"') continue;
    if (!closesAt(text, j) || opensAt(text, j)) return -1;
    if (first >= 0) return first;
    first = j;
  }
  return -1;
}

/**
 * "the daughters’ generation": an apostrophe after a plural, followed by a lowercase word; but
 * not before a word that never follows a possessive ("called them ‘rioters’ and left", "‘red
 * lines’ were clear"), where the mark closes a quotation.
 */
function isPluralPossessive(text: string, i: number): boolean {
  if (!(text[i - 1] === 's' && text[i + 1] === ' ' && /[a-z]/.test(text[i + 2] ?? '')))
    return false;
  const next = /^[a-z]+/.exec(text.slice(i + 2, i + 16))?.[0] ?? '';
  return !FUNCTION_WORDS.has(next);
}
