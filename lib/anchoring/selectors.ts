/**
 * Describing a passage so it can be found again: the W3C `TextQuoteSelector` (the exact text
 * with up to 32 characters of context each side) and `TextPositionSelector` that DESIGN.md says
 * every saved annotation stores. Offsets and strings come from the text index's collapsed view
 * (see `text-index.ts`), so a quote reads as the reader saw it ("the Minister said", not
 * "the\n      Minister said") and survives re-indentation of the page.
 */
import type { TextPositionSelector, TextQuoteSelector } from '../annotation';
import { rangeToOffsets, type TextIndex } from './text-index';

/** Context kept on each side of a quote (DESIGN.md: 32 characters of prefix and suffix). */
export const CONTEXT_LENGTH = 32;

/** The selectors stored with an annotation. */
export interface PassageSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/**
 * Describes `[start, end)` of `text` (the index's collapsed text). Spaces at either end are
 * trimmed first, so a double-click selection that swallowed a trailing space stores the words
 * only. Returns null when nothing but whitespace is selected.
 */
export function describeOffsets(text: string, start: number, end: number): PassageSelectors | null {
  let from = Math.max(0, start);
  let to = Math.min(text.length, end);
  while (from < to && text.charCodeAt(from) === 32) from++;
  while (to > from && text.charCodeAt(to - 1) === 32) to--;
  if (from >= to) return null;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(from, to),
      prefix: text.slice(Math.max(0, from - CONTEXT_LENGTH), from),
      suffix: text.slice(to, to + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start: from, end: to },
  };
}

/**
 * Describes a live `Range` (the reader's selection) against a page's text index. Returns null
 * when the range holds no indexed text, e.g. a selection inside Dossier's own UI.
 */
export function describeRange(index: TextIndex, range: Range): PassageSelectors | null {
  const { start, end } = rangeToOffsets(index, range);
  return describeOffsets(index.text, start, end);
}
