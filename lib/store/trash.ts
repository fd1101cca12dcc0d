/**
 * The trash as the reader browses it (issue 14): deleted notes and the "other versions" that
 * the conflict rules kept (conflicts.ts), newest first, a bounded page of them with the total,
 * "Delete forever" for one entry, and Restore (`restoreVersion`): a deleted note comes back as
 * it was (`undoDelete`, annotations.ts); an other version becomes the note it is a version of.
 */
import type { Annotation } from '../annotation';
import { stampAfter } from '../annotation/order';
import { findDoc, getDoc, trashEntryOf, undoDelete } from './annotations';
import { asideId } from './aside';
import { assertOwn, noteForViews } from './authors';
import { differsWithTags } from './conflicts';
import { StoreError } from './errors';
import { bodyOf, type NoteBody, noteDocId, readDocs } from './pouch';
import type { DossierDB } from './schema';
import { type DocWrite, writeAll } from './writes';

/** One entry of the trash list. */
export interface TrashEntry {
  annotation: Annotation;
  /** When it was deleted (or, for an other version, when the conflict was settled). */
  deletedAt: string;
  /** Set on a version the conflict rules kept aside: the id of the note it is a version of. */
  otherVersionOf?: string;
  /** Set when that version was replaced by the reader restoring another one. */
  replaced?: boolean;
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
  const entries: TrashEntry[] = trashed.slice(0, Math.max(0, limit)).map(trashEntryOf);
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

/**
 * Restore from the trash, as a reader expects it. A deleted note comes back as it was
 * (`undoDelete`). An other version kept from a conflict between devices *becomes the note* it
 * is a version of: the note takes its text, colour and tags (an edit stamped now, so it wins
 * against older edits elsewhere), the version it replaces goes to the trash as the other
 * version (marked `replaced`, so the choice can be undone and raises no conflict notice), and
 * the restored entry leaves the trash. All of it is one write of three documents, all or
 * nothing, each a child of the revision this device holds, so it replicates to the other
 * devices as plain edits, without a new conflict. When the note itself is gone for good, the
 * version comes back under the note's id. Returns the note now live, or undefined when there
 * was no such entry.
 */
export async function restoreVersion(
  db: DossierDB,
  id: string,
  options: { now?: Date } = {},
): Promise<Annotation | undefined> {
  const found = await findDoc(db, id);
  const of = found?.trashed?.otherVersionOf;
  if (!found || of === undefined) return undoDelete(db, id);
  assertOwn(found);
  const now = options.now ?? new Date();
  const target = await findDoc(db, of);
  if (target) assertOwn(target);
  const page = target?.note.page ?? found.note.page;
  const docId = target?._id ?? noteDocId(page.url, of);
  const restored: Annotation = {
    ...found.note,
    id: of,
    page,
    created: target?.note.created ?? found.note.created,
    updated: stampAfter(now, target?.note.updated),
  };
  const { trashed: _, ...base } = target ? bodyOf(target) : bodyOf(found);
  const writes: DocWrite[] = [
    {
      _id: docId,
      next: { ...base, note: restored },
      previous: target ?? (await getDoc(db, docId)),
    },
    { _id: found._id, next: null, previous: found },
  ];
  if (target && differsWithTags(target.note, found.note)) {
    const note = { ...target.note, id: asideId(target.note) };
    const asideDocId = noteDocId(page.url, note.id);
    const stored = await getDoc(db, asideDocId);
    const trashed: NonNullable<NoteBody['trashed']> = {
      deletedAt: now.toISOString(),
      otherVersionOf: of,
      replaced: true,
    };
    // The same version put aside before (restored back and forth) is the same document.
    if (asideDocId !== found._id) {
      writes.push({ _id: asideDocId, next: { ...base, note, trashed }, previous: stored });
    }
  }
  await writeAll(db.notes, db.index, writes);
  return noteForViews({ ...base, note: restored });
}
