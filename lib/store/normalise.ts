/**
 * How tags and records are made canonical before they reach the database. Kept apart from the
 * queries so the v2 migration, every write and the import share one rule: a tag typed as
 * " #Energy  policy " and one typed as "Energy policy" must land on the same index key, or the
 * tag list, rename and autocomplete would show two tags where the reader sees one.
 */
import type { Annotation } from '../annotation';
import { normaliseTag, normaliseTags } from '../annotation/rules';

export { normaliseTag, normaliseTags };

/** The record as it is stored: tags canonical, nothing else touched. */
export function normaliseAnnotation(annotation: Annotation): Annotation {
  return { ...annotation, tags: normaliseTags(annotation.tags) };
}
