/**
 * How tags and records are made canonical before they reach the database. Kept apart from the
 * queries so the v2 migration, every write and the import share one rule: a tag typed as
 * " #Energy  policy " and one typed as "Energy policy" must land on the same index key, or the
 * tag list, rename and autocomplete would show two tags where the reader sees one.
 */
import type { Annotation } from '../annotation';

/**
 * Canonical tags: Unicode NFC, no leading `#`, inner whitespace collapsed, trimmed, empty ones
 * dropped, and duplicates that differ only in case removed (the first spelling wins, so the
 * reader's own capitalisation is kept).
 */
export function normaliseTags(tags: readonly unknown[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') continue;
    const tag = normaliseTag(raw);
    if (!tag) continue;
    const key = tag.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(tag);
  }
  return result;
}

/** One tag in canonical form (see `normaliseTags`); may return '' for a tag that was only `#`. */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFC').trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim();
}

/** The record as it is stored: tags canonical, nothing else touched. */
export function normaliseAnnotation(annotation: Annotation): Annotation {
  return { ...annotation, tags: normaliseTags(annotation.tags) };
}

/**
 * Orders two ISO 8601 times. Parsed rather than compared as strings because imported records
 * may carry offsets (`+02:00`) or no milliseconds; unparseable times fall back to string order.
 */
export function compareTimes(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a < b ? -1 : a > b ? 1 : 0;
  return ta - tb;
}
