/**
 * The trash as the reader browses it (issue 14): deleted notes and the "other versions" that
 * the conflict rules kept (conflicts.ts), newest first, a bounded page of them with the total,
 * and "Delete forever" for one entry. Restoring is `undoDelete` (annotations.ts).
 */
import type { Annotation } from '../annotation';
import { findDoc } from './annotations';
import { assertOwn, noteForViews } from './authors';
import { StoreError } from './errors';
import { readDocs } from './pouch';
import type { DossierDB } from './schema';
import { writeAll } from './writes';

/** One entry of the trash list. */
export interface TrashEntry {
  annotation: Annotation;
  /** When it was deleted (or, for an other version, when the conflict was settled). */
  deletedAt: string;
  /** Set on a version the conflict rules kept aside: the id of the note it is a version of. */
  otherVersionOf?: string;
}

/** The newest `limit` entries of the trash and how many there are in all. */
export async function trashEntries(
  db: DossierDB,
  limit: number,
): Promise<{ entries: TrashEntry[]; total: number }> {
  const trashed = (await readDocs(db.notes)).filter((doc) => doc.trashed);
  trashed.sort((a, b) => {
    const [x, y] = [a.trashed?.deletedAt ?? '', b.trashed?.deletedAt ?? ''];
    return x < y ? 1 : x > y ? -1 : 0;
  });
  const entries = trashed.slice(0, Math.max(0, limit)).map((doc): TrashEntry => {
    const of = doc.trashed?.otherVersionOf;
    return {
      annotation: noteForViews(doc),
      deletedAt: doc.trashed?.deletedAt ?? '',
      ...(of !== undefined ? { otherVersionOf: of } : {}),
    };
  });
  return { entries, total: trashed.length };
}

/**
 * Removes one note from the trash for good (a tombstone, which replicates). Refuses a live note
 * (delete it first) and a teammate's. Returns false when there was no such note.
 */
export async function purgeNote(db: DossierDB, id: string): Promise<boolean> {
  const found = await findDoc(db, id);
  if (!found) return false;
  if (!found.trashed) {
    throw new StoreError('invalid', 'Only a note in the trash can be deleted for good.');
  }
  assertOwn(found);
  await writeAll(db.notes, db.index, [{ _id: found._id, next: null, previous: found }]);
  return true;
}
