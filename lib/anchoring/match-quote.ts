/**
 * Finding a quoted passage in a text: plain string logic, no DOM, in the spirit of
 * hypothesis/client's `anchoring/match-quote.ts`, so every rule here is unit-testable with
 * strings. `anchor.ts` applies these functions to a page's text index in the order DESIGN.md
 * gives (position hint, exact quote, fuzzy quote).
 *
 * The rule that keeps notes off the wrong words is the *evidence* score: the share of the
 * characters the reader saw (quote + prefix + suffix) that are still there around a candidate,
 * each part weighted by its length (the worse-kept side of the context at a quarter). A short
 * quote is only trusted where at least one side of its context still agrees, so a deleted
 * sentence does not drag its note onto another mention of the same name; a quote found verbatim
 * that is at least as long as its context (`SELF_EVIDENT_LENGTH`) is its own evidence, so
 * rewriting the sentences around a passage does not orphan it. See
 * `MIN_EVIDENCE`, `MIN_FUZZY_EVIDENCE`, `MIN_QUOTE_SIMILARITY` and `isAcceptable`.
 */
import search from 'approx-string-match';

/** A candidate location for a quote, with how much of the original evidence it keeps. */
export interface QuoteMatch {
  start: number;
  end: number;
  /** Evidence in [0, 1]: 1 means the quote and its whole context are unchanged. */
  score: number;
  /** Edits between the quote and the text at `[start, end)` (0 for an exact match). */
  errors: number;
}

/** What is known about the passage: its text, its context and where it used to be. */
export interface QuoteContext {
  /** Up to 32 characters before the quote, when they were recorded. */
  prefix?: string;
  /** Up to 32 characters after the quote, when they were recorded. */
  suffix?: string;
  /** Where the quote started before; used to choose between equally good candidates. */
  hint?: number;
}

/**
 * The least evidence a match needs to be accepted (position, exact or fuzzy alike). At 0.75,
 * a 9-character name whose surrounding 64 characters were rewritten scores about 0.5 and is
 * rejected, while an unchanged quote with one side of its context intact scores 0.8 or more, and
 * a quote with one changed word (within `MIN_QUOTE_SIMILARITY`) and intact context scores well
 * above it.
 */
export const MIN_EVIDENCE = 0.75;

/**
 * The least evidence a fuzzy match needs: more than an exact one, because letting the quote
 * itself differ is one more way for a lookalike passage to come close by chance. On randomly
 * edited pages built from a 30-word vocabulary (the worst case for lookalikes), wrong fuzzy
 * candidates scored up to about 0.76, while most right ones score above 0.8.
 */
export const MIN_FUZZY_EVIDENCE = 0.8;

/**
 * The least similarity the quote itself must keep for a fuzzy match: at most one edit per four
 * characters. Above that, a "match" is more likely a different sentence than an edited one,
 * whatever its context says.
 */
export const MIN_QUOTE_SIMILARITY = 0.75;

/**
 * A quote at least this long (the context length on each side) that is found verbatim is
 * accepted whatever its context: so long a passage is not repeated by chance, and when it is
 * repeated the context still decides which copy wins.
 */
export const SELF_EVIDENT_LENGTH = 32;

/**
 * The minimum-score rule, in one place: an exact match is accepted when its evidence reaches
 * `MIN_EVIDENCE` or its quote has `SELF_EVIDENT_LENGTH` or more characters; a fuzzy match when
 * its evidence reaches `MIN_FUZZY_EVIDENCE` (and, checked by `matchFuzzy`, its quote keeps
 * `MIN_QUOTE_SIMILARITY`).
 */
export function isAcceptable(match: QuoteMatch, quoteLength: number): boolean {
  if (match.errors > 0) return match.score >= MIN_FUZZY_EVIDENCE;
  return match.score >= MIN_EVIDENCE || quoteLength >= SELF_EVIDENT_LENGTH;
}

/** Exact candidates scored in full after the cheap ranking (bounds work for common phrases). */
const EXACT_CANDIDATES_SCORED = 16;

/** Fuzzy candidates scored in full (the library returns every end offset at the best error). */
const FUZZY_CANDIDATES_SCORED = 32;

/** Collapses whitespace runs to one space, as the text index and Readability do. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * Edit distance between `expected` and the best-fitting stretch of `actual` that starts at its
 * first character (`actual` may run on past the fit for free). Context is only meaningful next
 * to the quote, so it is anchored there; plain DP because the strings are at most a few dozen
 * characters.
 */
function anchoredDistance(expected: string, actual: string): number {
  const m = expected.length;
  const n = actual.length;
  if (m === 0) return 0;
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    const code = expected.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const substitution =
        (previous[j - 1] as number) + (actual.charCodeAt(j - 1) === code ? 0 : 1);
      const deletion = (previous[j] as number) + 1;
      const insertion = (current[j - 1] as number) + 1;
      current[j] = Math.min(substitution, deletion, insertion);
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  let best = m;
  for (let j = 0; j <= n; j++) best = Math.min(best, previous[j] as number);
  return best;
}

function reverse(text: string): string {
  let out = '';
  for (let i = text.length - 1; i >= 0; i--) out += text[i];
  return out;
}

/**
 * How much of the recorded prefix still stands right before `start`, in [0, 1]. An empty prefix
 * means the quote began the text, so it is confirmed only by a candidate at the start.
 */
export function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix.length === 0) return start === 0 ? 1 : 0;
  if (start >= prefix.length && text.startsWith(prefix, start - prefix.length)) return 1;
  const slack = Math.ceil(prefix.length / 4);
  const before = text.slice(Math.max(0, start - prefix.length - slack), start);
  return 1 - anchoredDistance(reverse(prefix), reverse(before)) / prefix.length;
}

/**
 * How much of the recorded suffix still stands right after `end`, in [0, 1]. An empty suffix
 * means the quote ended the text, so it is confirmed only by a candidate at the end.
 */
export function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix.length === 0) return end === text.length ? 1 : 0;
  if (text.startsWith(suffix, end)) return 1;
  const slack = Math.ceil(suffix.length / 4);
  const after = text.slice(end, end + suffix.length + slack);
  return 1 - anchoredDistance(suffix, after) / suffix.length;
}

/**
 * Weight of the worse-kept side of the context. A page edit often rewrites what follows a
 * passage (or what precedes it) but rarely both while leaving the passage alone, so one intact
 * side is good evidence and the other only adds a little.
 */
const WEAKER_SIDE_WEIGHT = 0.25;

/**
 * The evidence score, in [0, 1]: the share of recorded characters found again around a
 * candidate. The quote counts with its length, the better-kept side of its context (prefix or
 * suffix, by characters matched) with its length, the other side at a quarter of its length. An
 * empty prefix or suffix counts as one character ("the quote began / ended the text").
 */
export function evidenceScore(
  text: string,
  start: number,
  end: number,
  quote: string,
  errors: number,
  context: QuoteContext,
): number {
  const quoteSimilarity = Math.max(0, 1 - errors / quote.length);
  let weight = quote.length;
  let total = quote.length * quoteSimilarity;
  const sides: { weight: number; kept: number }[] = [];
  if (context.prefix !== undefined) {
    const sideWeight = Math.max(1, context.prefix.length);
    sides.push({
      weight: sideWeight,
      kept: sideWeight * prefixSimilarity(text, start, context.prefix),
    });
  }
  if (context.suffix !== undefined) {
    const sideWeight = Math.max(1, context.suffix.length);
    sides.push({
      weight: sideWeight,
      kept: sideWeight * suffixSimilarity(text, end, context.suffix),
    });
  }
  sides.sort((a, b) => b.kept - a.kept);
  sides.forEach((side, i) => {
    const factor = i === 0 ? 1 : WEAKER_SIDE_WEIGHT;
    weight += factor * side.weight;
    total += factor * side.kept;
  });
  return total / weight;
}

/** Length of the common ending of `a` (read backwards) and the text before `start`. */
function sharedBefore(text: string, start: number, a: string): number {
  let n = 0;
  while (
    n < a.length &&
    n < start &&
    a.charCodeAt(a.length - 1 - n) === text.charCodeAt(start - 1 - n)
  ) {
    n++;
  }
  return n;
}

/** Length of the common beginning of `a` and the text from `end`. */
function sharedAfter(text: string, end: number, a: string): number {
  let n = 0;
  while (n < a.length && end + n < text.length && a.charCodeAt(n) === text.charCodeAt(end + n)) {
    n++;
  }
  return n;
}

function distanceToHint(start: number, hint: number | undefined): number {
  return hint === undefined ? 0 : Math.abs(start - hint);
}

/** Keeps the better of two matches: higher evidence, then closer to the hint. */
function better(a: QuoteMatch | null, b: QuoteMatch, hint: number | undefined): QuoteMatch {
  if (a === null) return b;
  if (b.score !== a.score) return b.score > a.score ? b : a;
  return distanceToHint(b.start, hint) < distanceToHint(a.start, hint) ? b : a;
}

/**
 * Checks the quote at exactly `[start, start + quote.length)`: the position hint, trusted only
 * when the text there is the quote and the evidence clears `MIN_EVIDENCE` (so a repeated phrase
 * that slid under an old offset is not mistaken for the original).
 */
export function matchAtPosition(
  text: string,
  quote: string,
  start: number,
  context: QuoteContext = {},
): QuoteMatch | null {
  if (quote.length === 0 || start < 0) return null;
  const end = start + quote.length;
  if (end > text.length || !text.startsWith(quote, start)) return null;
  const score = evidenceScore(text, start, end, quote, 0, context);
  return score >= MIN_EVIDENCE ? { start, end, score, errors: 0 } : null;
}

/**
 * Finds the quote with its whole recorded prefix and suffix around it, unchanged, in
 * `text[from, to)`; the occurrence nearest the hint wins. This is the common case on a page that
 * only moved, and one search for the longer string is the fastest way through the text; callers
 * that know where the quote should be pass a window around it. Needs both a prefix and a suffix.
 */
export function matchWithContext(
  text: string,
  quote: string,
  context: QuoteContext,
  from = 0,
  to = text.length,
): QuoteMatch | null {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  if (quote.length === 0 || prefix.length === 0 || suffix.length === 0) return null;
  const whole = prefix + quote + suffix;
  const lo = Math.max(0, from - prefix.length);
  const hi = Math.min(text.length, to + suffix.length);
  const area = lo === 0 && hi === text.length ? text : text.slice(lo, hi);
  let nearest = -1;
  for (let at = area.indexOf(whole); at >= 0; at = area.indexOf(whole, at + 1)) {
    const start = lo + at + prefix.length;
    if (
      nearest < 0 ||
      distanceToHint(start, context.hint) < distanceToHint(nearest, context.hint)
    ) {
      nearest = start;
    }
  }
  if (nearest < 0) return null;
  const end = nearest + quote.length;
  return {
    start: nearest,
    end,
    score: evidenceScore(text, nearest, end, quote, 0, context),
    errors: 0,
  };
}

/**
 * Finds the best exact occurrence of `quote`: every occurrence is ranked cheaply by how many
 * context characters match outright and by closeness to the hint, the best few are scored in
 * full, and the winner is returned only if `isAcceptable`. Repeated phrases
 * are told apart by their prefix and suffix.
 */
export function matchExact(
  text: string,
  quote: string,
  context: QuoteContext = {},
): QuoteMatch | null {
  if (quote.length === 0) return null;
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  const unchanged = matchWithContext(text, quote, context);
  if (unchanged) return unchanged;
  const candidates: { start: number; shared: number; distance: number }[] = [];
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    const shared = sharedBefore(text, at, prefix) + sharedAfter(text, at + quote.length, suffix);
    candidates.push({ start: at, shared, distance: distanceToHint(at, context.hint) });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.shared - a.shared || a.distance - b.distance || a.start - b.start);
  let best: QuoteMatch | null = null;
  for (const candidate of candidates.slice(0, EXACT_CANDIDATES_SCORED)) {
    const end = candidate.start + quote.length;
    const score = evidenceScore(text, candidate.start, end, quote, 0, context);
    best = better(best, { start: candidate.start, end, score, errors: 0 }, context.hint);
  }
  return best && isAcceptable(best, quote.length) ? best : null;
}

/**
 * Finds the best approximate occurrence of `quote` in `text[from, to)` with `approx-string-match`
 * (Myers' bit-parallel algorithm), allowing at most one edit per four characters, and returns it
 * only if the quote keeps `MIN_QUOTE_SIMILARITY` and `isAcceptable` agrees.
 * Searching a window around the old position first (see `anchor.ts`) keeps it fast and keeps a
 * closer, slightly worse copy from losing to a distant lookalike.
 */
export function matchFuzzy(
  text: string,
  quote: string,
  context: QuoteContext = {},
  from = 0,
  to = text.length,
): QuoteMatch | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.floor(quote.length * (1 - MIN_QUOTE_SIMILARITY));
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  const found = search(window, quote, maxErrors);
  if (found.length === 0) return null;
  const candidates = found
    .map((m) => ({ start: m.start + from, end: m.end + from, errors: m.errors }))
    .filter((m) => m.end > m.start)
    .sort(
      (a, b) =>
        a.errors - b.errors ||
        distanceToHint(a.start, context.hint) - distanceToHint(b.start, context.hint),
    );
  let best: QuoteMatch | null = null;
  for (const m of candidates.slice(0, FUZZY_CANDIDATES_SCORED)) {
    const score = evidenceScore(text, m.start, m.end, quote, m.errors, context);
    best = better(best, { start: m.start, end: m.end, score, errors: m.errors }, context.hint);
  }
  if (!best || 1 - best.errors / quote.length < MIN_QUOTE_SIMILARITY) return null;
  return isAcceptable(best, quote.length) ? best : null;
}
