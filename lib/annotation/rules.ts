/**
 * The rules every part of Dossier applies to the reader's tags and searches, in one place: the
 * store (writes, the v2 migration, imports, search), the popup (tag chips, "This page" search)
 * and the in-page tag field. A tag typed " #Energy  policy " and one typed "Energy policy" must
 * be the same tag everywhere, and a search must find the same notes in the popup and the store.
 */
import type { Annotation } from './index';

/** One tag in canonical form: NFC, no leading `#`, inner whitespace collapsed, trimmed ('' if nothing is left). */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim();
}

/**
 * Canonical tags: each normalised, empty ones dropped, and duplicates that differ only in case
 * removed (the first spelling wins, so the reader's own capitalisation is kept).
 */
export function normaliseTags(tags: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') continue;
    const tag = normaliseTag(raw);
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

/** Letters that carry no accent to strip, with the plain letters a reader types for them. */
const PLAIN_LETTERS: Record<string, string> = {
  ı: 'i',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
};

/**
 * Folds case and accents so "aliyev" finds "Aliyev", "eu" finds "EU", "Kilicdaroglu" finds
 * "Kılıçdaroğlu" and "Lokke" finds "Løkke".
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ıøłđðþæœß]/g, (letter) => PLAIN_LETTERS[letter] ?? letter);
}

/**
 * A compiled search: every word of the query must occur in the note, the quote, the page title
 * or the tags (case and accents ignored); a word written `#tag` must start one of the tags.
 * Null for an empty query (everything matches).
 */
export function compileQuery(query: string): ((note: Annotation) => boolean) | null {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return (note) => {
    const tags = note.tags.map(fold);
    const text = fold([note.note, note.quote.exact, note.page.title, ...note.tags].join('\n'));
    return words.every((word) => {
      if (word.startsWith('#') && word.length > 1) {
        const tag = fold(normaliseTag(word));
        return tags.some((t) => t.startsWith(tag));
      }
      return text.includes(word);
    });
  };
}
