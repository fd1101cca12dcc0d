/**
 * Ids for versions of a note put aside in the trash (an import's older copy, the losing side of
 * a sync conflict, a migrated trash entry whose id a live note took). Derived from the content,
 * so doing the same thing twice, or on two devices, puts a version aside once.
 */
import type { Annotation } from '../annotation';

/**
 * A stable UUID for one version of a note put aside by an import, so that importing the same
 * file twice puts it aside once (the trash is keyed by id). Four FNV-1a hashes of the note's
 * id and content, shaped as an RFC 9562 version-8 UUID (a backup checks trash ids are UUIDs).
 */
export function asideId(note: Annotation): string {
  const text = JSON.stringify([
    note.id,
    note.page.url,
    note.quote.exact,
    note.note,
    note.tags,
    note.colour,
    note.updated,
  ]);
  let hex = '';
  for (let seed = 0; seed < 4; seed += 1) {
    let h = (0x811c9dc5 ^ (seed * 0x9e3779b9)) >>> 0;
    for (let i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex += h.toString(16).padStart(8, '0');
  }
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
