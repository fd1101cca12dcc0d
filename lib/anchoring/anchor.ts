/**
 * Re-anchoring saved selectors on a page, in the order DESIGN.md sets: the position hint checked
 * against the quote, then an exact search for the quote scored by its prefix and suffix, then a
 * fuzzy search held to a minimum score; what none of them finds is an orphan (kept and listed by
 * the caller, never dropped). Everything here works on the collapsed `text` of one text index,
 * shared by all the annotations of a page, so anchoring 1,000 notes costs string searches, not
 * DOM walks; turn the results into Ranges with `offsetsToRange` from `text-index.ts`.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../annotation';
import {
  matchAtPosition,
  matchExact,
  matchFuzzy,
  matchWithContext,
  normalizeWhitespace,
  type QuoteContext,
  type QuoteMatch,
} from './match-quote';

/** The selectors of one annotation; the position is optional (imported annotations may lack it). */
export interface SelectorPair {
  quote: TextQuoteSelector;
  position?: TextPositionSelector;
}

/** Where an annotation was found, and how: offsets into the index's collapsed `text`. */
export interface Anchored {
  orphan?: false;
  start: number;
  end: number;
  method: 'position' | 'exact' | 'fuzzy';
  /** Evidence in [0, 1] (see `isAcceptable` in match-quote.ts). */
  score: number;
}

/** An annotation that could not be placed on this version of the page. */
export interface Orphan {
  orphan: true;
}

/** The outcome for one annotation. */
export type AnchorResult = Anchored | Orphan;

/** Characters on each side of the expected position searched before the whole text. */
const FUZZY_WINDOW = 2048;

/** The same for the quote with its context unchanged (cheap, so a wider window). */
const EXACT_WINDOW = 8192;

/** Options for `anchorAll`. */
export interface AnchorOptions {
  /**
   * How many fuzzy searches of the whole text (the slow step: milliseconds each on a long
   * page) one call may make after the search near the expected position failed. Annotations
   * past the budget that are not found nearby become orphans. Defaults to 64.
   */
  wholeTextSearches?: number;
}

function found(match: QuoteMatch, method: Anchored['method']): Anchored {
  return { start: match.start, end: match.end, method, score: match.score };
}

/** A selector's strings as the text index writes them: whitespace runs as single spaces. */
interface Prepared {
  quote: string;
  context: QuoteContext;
}

function prepare(selectors: SelectorPair): Prepared {
  return {
    quote: normalizeWhitespace(selectors.quote.exact).trim(),
    context: {
      prefix: normalizeWhitespace(selectors.quote.prefix ?? ''),
      suffix: normalizeWhitespace(selectors.quote.suffix ?? ''),
      hint: selectors.position?.start,
    },
  };
}

/** The first two steps: the position hint, then the exact quote. Cheap; no fuzzy search. */
function _anchorExactly(text: string, { quote, context }: Prepared): Anchored | null {
  if (context.hint !== undefined) {
    const atPosition = matchAtPosition(text, quote, context.hint, context);
    if (atPosition) return found(atPosition, 'position');
  }
  const exact = matchExact(text, quote, context);
  return exact ? found(exact, 'exact') : null;
}

/**
 * The last step, first half: a fuzzy search in a window around `expected` (where the quote
 * should be, given how the page moved). Says whether the window already covered the whole text.
 */
function anchorNearby(
  text: string,
  { quote, context }: Prepared,
  expected: number | undefined,
): { result: Anchored | null; coveredAll: boolean } {
  if (expected === undefined) return { result: null, coveredAll: false };
  const from = Math.max(0, expected - FUZZY_WINDOW);
  const to = Math.min(text.length, expected + quote.length + FUZZY_WINDOW);
  const coveredAll = from === 0 && to === text.length;
  if (from >= to) return { result: null, coveredAll };
  const near = matchFuzzy(text, quote, { ...context, hint: expected }, from, to);
  return { result: near ? found(near, 'fuzzy') : null, coveredAll };
}

/** The last step, second half: a fuzzy search of the whole text. */
function anchorAnywhere(text: string, { quote, context }: Prepared): Anchored | null {
  const fuzzy = matchFuzzy(text, quote, context);
  return fuzzy ? found(fuzzy, 'fuzzy') : null;
}

/**
 * Anchors every annotation of a page against one index (anything with its collapsed `text`,
 * usually a `TextIndex`), results in input order. One index, many searches: this is what makes
 * 1,000 annotations on a long page cost milliseconds. Annotations are visited in the order of
 * their old positions, and the shift each one shows (text inserted or removed above it) tells
 * where to look for the next: the quote with its unchanged context is first looked for near
 * there, and only then in the whole text; the fuzzy step, last, is centred the same way, so an
 * edited passage on a page that also moved is found without scanning it all.
 */
export function anchorAll(
  index: { readonly text: string },
  selectors: readonly SelectorPair[],
  { wholeTextSearches = 64 }: AnchorOptions = {},
): AnchorResult[] {
  const { text } = index;
  const prepared = selectors.map(prepare);
  const results: (AnchorResult | null)[] = prepared.map(() => null);
  const byHint = prepared
    .map((p, i) => ({ i, hint: p.context.hint ?? -1 }))
    .sort((a, b) => a.hint - b.hint);
  // Where each annotation is expected, given the shift of the one found before it.
  const expected: (number | undefined)[] = prepared.map((p) => p.context.hint);
  let shift = 0;
  for (const { i, hint } of byHint) {
    const p = prepared[i] as Prepared;
    if (p.quote.length === 0) {
      results[i] = { orphan: true };
      continue;
    }
    let result: Anchored | null = null;
    if (hint >= 0) {
      expected[i] = hint + shift;
      const atPosition = matchAtPosition(text, p.quote, hint, p.context);
      if (atPosition) result = found(atPosition, 'position');
    }
    const context = { ...p.context, hint: expected[i] };
    if (!result && hint >= 0) {
      const near = expected[i] as number;
      const from = Math.max(0, near - EXACT_WINDOW);
      const to = Math.min(text.length, near + p.quote.length + EXACT_WINDOW);
      const nearby = matchWithContext(text, p.quote, context, from, to);
      if (nearby) result = found(nearby, 'exact');
    }
    if (!result) {
      const exact = matchExact(text, p.quote, context);
      if (exact) result = found(exact, 'exact');
    }
    results[i] = result;
    if (result && hint >= 0) shift = result.start - hint;
  }
  // Shifts seen, sorted by old position: old start → new start - old start.
  const moves: { hint: number; shift: number }[] = [];
  for (const { i, hint } of byHint) {
    const result = results[i];
    if (hint >= 0 && result && !result.orphan) moves.push({ hint, shift: result.start - hint });
  }
  let budget = wholeTextSearches;
  return results.map((result, i) => {
    if (result) return result;
    const p = prepared[i] as Prepared;
    const hint = p.context.hint;
    let near = hint;
    if (hint !== undefined && moves.length > 0) {
      let lo = 0;
      let hi = moves.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((moves[mid] as { hint: number }).hint <= hint) lo = mid + 1;
        else hi = mid;
      }
      near = hint + (moves[Math.max(0, lo - 1)] as { shift: number }).shift;
    }
    const nearby = anchorNearby(text, p, near);
    if (nearby.result) return nearby.result;
    if (nearby.coveredAll || budget <= 0) return { orphan: true };
    budget--;
    return anchorAnywhere(text, p) ?? { orphan: true };
  });
}
