/**
 * The rules for tags as the reader types them: what a typed tag becomes, when two tags are the
 * same, and which known tags to suggest. Plain functions, so the tag input stays a thin view
 * and the rules can be checked without rendering anything.
 */

import { normaliseTag } from '../../lib/annotation/rules';

/**
 * Adds a typed tag to `tags` unless it is empty or already there (case-insensitively). When it
 * matches a known tag but for case, the known spelling wins, so "nato" typed after "NATO" was
 * used does not split notes between two tags.
 */
export function addTag(tags: readonly string[], raw: string, known: readonly string[]): string[] {
  const tag = normaliseTag(raw);
  if (!tag) return [...tags];
  const key = tag.toLowerCase();
  if (tags.some((t) => t.toLowerCase() === key)) return [...tags];
  const spelled = known.find((k) => normaliseTag(k).toLowerCase() === key);
  return [...tags, spelled ? normaliseTag(spelled) : tag];
}

/** How many suggestions the list shows at most: enough to choose from, short enough to scan. */
export const MAX_SUGGESTIONS = 8;

/**
 * The known tags worth suggesting for what has been typed: not already on the note, those that
 * start with the text first, then those with a word that starts with it, then any that contain
 * it. With nothing typed, the known tags in their given order (the caller's most used first).
 */
export function suggestTags(
  known: readonly string[],
  typed: string,
  taken: readonly string[],
  limit: number = MAX_SUGGESTIONS,
): string[] {
  const query = normaliseTag(typed).toLowerCase();
  const seen = new Set(taken.map((t) => t.toLowerCase()));
  const ranked: { tag: string; rank: number; order: number }[] = [];
  known.forEach((raw, order) => {
    const tag = normaliseTag(raw);
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) return;
    seen.add(key);
    let rank = 0;
    if (query) {
      if (key.startsWith(query)) rank = 0;
      else if (key.split(/[\s\-/]+/).some((word) => word.startsWith(query))) rank = 1;
      else if (key.includes(query)) rank = 2;
      else return;
    }
    ranked.push({ tag, rank, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.tag);
}
