/**
 * Plain functions behind the notes panel: quote truncation and tag parsing. Kept out of the
 * components so they can be tested as data in, data out, and so the components stay about
 * layout and state.
 */
import { normaliseTags } from '../../lib/annotation/rules';

/**
 * A quote short enough for a list row: whitespace collapsed and cut at a word boundary near
 * `max` characters with an ellipsis, so a 3,000-character passage does not fill the popup.
 */
export function truncateQuote(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  // Never between the two halves of a character outside the BMP (an emoji, a rare CJK one).
  const base = (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\uD800-\uDBFF]$/, '');
  return `${base.replace(/[\s.,;:!?-]+$/, '')}…`;
}

/**
 * Tags typed or pasted as text ("energy, #EU policy"): split on commas, cleaned, empty ones
 * dropped, duplicates that differ only in case removed (the first spelling wins).
 */
export function parseTags(text: string): string[] {
  return addTags([], text.split(','));
}

/** `current` with `more` appended, cleaned and without case-insensitive duplicates. */
export function addTags(current: readonly string[], more: readonly string[]): string[] {
  return normaliseTags([...current, ...more]);
}

/** True when two tag lists are the same tags in the same order. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}
