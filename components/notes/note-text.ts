/**
 * Plain functions behind the notes panel: page order, quote truncation, tag parsing, the local
 * "This page" search and a safe link for a stored page URL. Kept out of the components so they
 * can be tested as data in, data out, and so the components stay about layout and state.
 */
import type { Annotation } from '../../lib/annotation';
import { thousands } from '../../lib/format';
import { normaliseTags } from '../../lib/notes/rules';

/**
 * Page order: by where the passage starts, then ends, then by creation time, so two notes on
 * the same words keep a stable order across renders and tabs.
 */
export function byPageOrder(a: Annotation, b: Annotation): number {
  return (
    a.position.start - b.position.start ||
    a.position.end - b.position.end ||
    (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * A quote short enough for a list row: whitespace collapsed and cut at a word boundary near
 * `max` characters with an ellipsis, so a 3,000-character passage does not fill the popup.
 */
export function truncateQuote(text: string, max = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
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

/**
 * The stored page URL as a link target, or null when it is not http(s): a URL that came from an
 * imported file could be `javascript:` and must never become a clickable link.
 */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** "1 note" / "3 notes". */
export function countNotes(n: number): string {
  return `${thousands(n)} ${n === 1 ? 'note' : 'notes'}`;
}
