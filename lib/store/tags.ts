/**
 * Tags across all notes: the counted list behind autocomplete and the tag filter, and rename
 * and merge "everywhere". Rename and merge run in one transaction over the notes and the
 * trash, so a reader never sees half the notes renamed, and an undone delete brings a note
 * back with the new tag name rather than resurrecting the old one.
 */
import type { Annotation, TagCount } from '../annotation';
import { StoreError } from './errors';
import { normaliseTag, normaliseTags } from './normalise';
import { allNotes, partRecord } from './pages';
import type { DossierDB } from './schema';
import { inTransaction, requestsOf } from './transaction';

/**
 * Every tag in use with its number of notes, most used first (then alphabetical), for
 * autocomplete. Reads every page once (the tag index counts pages, not notes); the notes
 * service keeps the answer until the next write.
 */
export async function allTags(db: DossierDB): Promise<TagCount[]> {
  const notes = await inTransaction(db, ['pages'], 'readonly', (tx) =>
    allNotes(tx.objectStore('pages')),
  );
  const counts = new Map<string, number>();
  for (const note of notes) {
    for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** What a rename or merge changed. */
export interface TagChange {
  /** Notes whose tags changed. */
  annotations: number;
  /** Trash entries whose tags changed. */
  trashed: number;
}

/**
 * Renames a tag on every note (and in the trash). Renaming to a tag that already exists merges
 * the two; a note carrying both keeps one. See `mergeTags` for what is written.
 */
export function renameTag(
  db: DossierDB,
  from: string,
  to: string,
  options: { now?: Date } = {},
): Promise<TagChange> {
  return mergeTags(db, [from], to, options);
}

/**
 * Replaces each tag in `sources` by `into` on every note and trash entry, in one transaction.
 * Changed notes get `updated = now`: the edit is real, and under the conflict rule a tab
 * still holding the old tags then cannot overwrite the merge with a stale save.
 */
export function mergeTags(
  db: DossierDB,
  sources: readonly string[],
  into: string,
  options: { now?: Date } = {},
): Promise<TagChange> {
  const target = normaliseTag(into);
  if (!target) {
    return Promise.reject(new StoreError('invalid', 'A tag needs at least one letter or digit.'));
  }
  const from = new Set(normaliseTags(sources).filter((tag) => tag !== target));
  if (from.size === 0) return Promise.resolve({ annotations: 0, trashed: 0 });
  const updated = (options.now ?? new Date()).toISOString();
  const retag = (note: Annotation): Annotation => ({
    ...note,
    tags: normaliseTags(note.tags.map((tag) => (from.has(tag) ? target : tag))),
    updated,
  });

  return inTransaction(db, ['pages', 'trash'], 'readwrite', async (tx) => {
    const store = tx.objectStore('pages');
    const index = store.index('by-tag');
    const writes = requestsOf(store);
    const seen = new Set<string>();
    let changed = 0;
    for (const tag of from) {
      for (const part of await index.getAll(tag)) {
        const key = JSON.stringify([part.url, part.part]);
        if (seen.has(key)) continue;
        seen.add(key);
        const notes = part.notes.map((note) => {
          if (!note.tags.some((t) => from.has(t))) return note;
          changed += 1;
          return retag(note);
        });
        writes.put(partRecord(part.url, part.part, notes));
      }
    }
    // The trash has no tag index (it is small and rarely read): scan it.
    const trash = tx.objectStore('trash');
    const trashWrites = requestsOf(trash);
    let trashed = 0;
    for (const entry of await trash.getAll()) {
      if (!entry.annotation.tags.some((tag) => from.has(tag))) continue;
      trashed += 1;
      trashWrites.put({ ...entry, annotation: retag(entry.annotation) });
    }
    return { annotations: changed, trashed };
  });
}
