/**
 * Tags across all notes: the counted list behind autocomplete and the tag filter, and rename
 * and merge "everywhere". Rename and merge write the notes and the trash all or nothing
 * (writes.ts), so a reader never keeps half the notes renamed, and an undone delete brings a
 * note back with the new tag name rather than resurrecting the old one. Teammates' notes keep
 * their tags: they are theirs to change.
 */
import type { Annotation, TagCount } from '../annotation';
import { stampAfter } from '../annotation/order';
import { isTeammates } from './authors';
import { StoreError } from './errors';
import { normaliseTag, normaliseTags } from './normalise';
import { bodyOf, readDocs } from './pouch';
import type { DossierDB } from './schema';
import { type DocWrite, writeAll } from './writes';

/**
 * Every tag in use with its number of notes, most used first (then alphabetical), for
 * autocomplete. Reads every page once (the tag index counts pages, not notes); the notes
 * service keeps the answer until the next write.
 */
export async function allTags(db: DossierDB): Promise<TagCount[]> {
  const notes = (await readDocs(db.notes)).filter((doc) => !doc.trashed).map((doc) => doc.note);
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
 * Replaces each tag in `sources` by `into` on every note and trash entry, all or nothing.
 * Changed notes get an `updated` later than both now and their own: the edit is real, and
 * under the conflict rule a tab still holding the old tags then cannot overwrite the merge
 * with a stale save.
 */
export async function mergeTags(
  db: DossierDB,
  sources: readonly string[],
  into: string,
  options: { now?: Date } = {},
): Promise<TagChange> {
  const target = normaliseTag(into);
  if (!target) {
    throw new StoreError('invalid', 'A tag needs at least one letter or digit.');
  }
  // Each spelling the reader picked: "Energy" and "energy" are listed, and merged, apart.
  const from = new Set(sources.map(normaliseTag).filter((tag) => tag !== '' && tag !== target));
  if (from.size === 0) return { annotations: 0, trashed: 0 };
  const now = options.now ?? new Date();
  const retag = (note: Annotation): Annotation => ({
    ...note,
    tags: normaliseTags(note.tags.map((tag) => (from.has(tag) ? target : tag))),
    // Later than the note's own time, however close the last edit or the clock: no stale
    // copy of the note may count as newer than the merge.
    updated: stampAfter(now, note.updated),
  });

  const writes: DocWrite[] = [];
  let annotations = 0;
  let trashed = 0;
  for (const doc of await readDocs(db.notes)) {
    if (isTeammates(doc) || !doc.note.tags.some((tag) => from.has(tag))) continue;
    if (doc.trashed) trashed += 1;
    else annotations += 1;
    writes.push({ _id: doc._id, next: { ...bodyOf(doc), note: retag(doc.note) }, previous: doc });
  }
  await writeAll(db.notes, db.index, writes);
  return { annotations, trashed };
}
