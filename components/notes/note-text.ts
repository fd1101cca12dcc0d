/**
 * Plain functions behind the notes panel: page order, quote truncation, tag parsing, the local
 * "This page" search and a safe link for a stored page URL. Kept out of the components so they
 * can be tested as data in, data out, and so the components stay about layout and state.
 */
import type { Annotation } from '../../lib/annotation';

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
 * One tag as the store will keep it (NFC, no leading `#`, inner whitespace collapsed), so the
 * chips the reader sees while typing match what is saved.
 */
export function cleanTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim();
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
  const seen = new Set(current.map((tag) => tag.toLocaleLowerCase()));
  const result = [...current];
  for (const raw of more) {
    const tag = cleanTag(raw);
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

/** True when two tag lists are the same tags in the same order. */
export function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/** Folds case and accents, as the store's search does, so "aliyev" finds "Aliyev". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * A compiled "This page" query with the store's rules (every word must occur in the note,
 * quote, title or tags; `#word` must start one of the tags), so searching this page in the
 * popup finds what searching all pages would, without a round trip per keystroke.
 */
export function compileQuery(query: string): ((note: Annotation) => boolean) | null {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return (note) => {
    const tags = note.tags.map(fold);
    const text = fold([note.note, note.quote.exact, note.page.title, ...note.tags].join('\n'));
    return words.every((word) => {
      if (word.startsWith('#') && word.length > 1) {
        const tag = fold(cleanTag(word));
        return tags.some((t) => t.startsWith(tag));
      }
      return text.includes(word);
    });
  };
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
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'note' : 'notes'}`;
}
