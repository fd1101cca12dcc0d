/**
 * How tags and records are made canonical before they reach the database. Kept apart from the
 * queries so the v2 migration, every write and the import share one rule: a tag typed as
 * " #Energy  policy " and one typed as "Energy policy" must land on the same index key, or the
 * tag list, rename and autocomplete would show two tags where the reader sees one.
 */
import type { Annotation } from '../annotation';
import { normaliseTag, normaliseTags } from '../notes/rules';

export { normaliseTag, normaliseTags };

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
