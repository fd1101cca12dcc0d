/**
 * Reading and writing single notes: save with the conflict rule, the page and tag listings the
 * popup and the content script need, search, counts, and delete with undo through the trash.
 * Notes are PouchDB documents (layout in pouch.ts); every write resolves only once stored.
 *
 * CONFLICT RULE (last writer wins, per note, by `updated`): a write carries the `updated`
 * time of the edit it contains. If the stored note has a *later* `updated`, the write is
 * stale (another tab, or the popup, saved a newer edit of this note meanwhile) and is rejected
 * with `{ status: 'conflict', current }` so the writer can show the newer version instead of
 * silently overwriting it. An equal or later `updated` wins and replaces the whole note. The
 * background is the only writer, so writes are applied one after another in arrival order and
 * two tabs never both "win". (Concurrent edits on two devices, which replication brings
 * together, are settled by conflicts.ts.)
 *
 * The trash: a deleted note is the same document with `trashed` set, so a delete and its undo
 * are one write each and can never lose the note half-way.
 */
import type { Annotation } from '../annotation';
import { byNewest, byPageOrder, compareTimes } from '../annotation/order';
import { compileQuery } from '../annotation/rules';
import { asideId } from './aside';
import { assertOwn, isTeammates, noteForViews, ownAuthor, withoutAuthor } from './authors';
import { toStoreError } from './errors';
import { normaliseAnnotation, normaliseTag } from './normalise';
import {
  bodyOf,
  isNoteDoc,
  type NoteBody,
  type NoteDoc,
  noteDocId,
  pageDocRange,
  readDocs,
} from './pouch';
import type { DossierDB, TrashedAnnotation } from './schema';
import { type DocWrite, writeAll } from './writes';

/** What a save did; `conflict` and `missing` wrote nothing. */
export type SaveResult =
  | { status: 'created'; annotation: Annotation }
  | { status: 'updated'; annotation: Annotation }
  | { status: 'conflict'; current: Annotation }
  | { status: 'missing'; id: string };

/** The document holding note `id` (live or trashed), or undefined. */
export async function findDoc(db: DossierDB, id: string): Promise<NoteDoc | undefined> {
  const docId = await db.index.lookup(id).catch((error: unknown) => {
    throw toStoreError(error);
  });
  return docId === undefined ? undefined : getDoc(db, docId);
}

/** The trash entry of a trashed note document. */
export function trashEntryOf(doc: NoteBody): TrashedAnnotation {
  const of = doc.trashed?.otherVersionOf;
  return {
    annotation: noteForViews(doc),
    deletedAt: doc.trashed?.deletedAt ?? '',
    ...(of !== undefined ? { otherVersionOf: of } : {}),
    ...(doc.trashed?.replaced ? { replaced: true as const } : {}),
  };
}

/**
 * The writes that put a trashed version aside (under a derived id, still in the trash) so its
 * document can hold a live note again: nothing in the trash is overwritten.
 */
export function putTrashedAside(doc: NoteDoc): DocWrite {
  const note = { ...doc.note, id: asideId(doc.note) };
  return {
    _id: noteDocId(note.page.url, note.id),
    next: { ...bodyOf(doc), note },
  };
}

/**
 * Creates or replaces a note, applying the conflict rule (see the top of this module). Tags
 * are normalised first; the stored note is returned so the caller shows what was saved.
 */
export function saveAnnotation(db: DossierDB, annotation: Annotation): Promise<SaveResult> {
  return writeWithConflictRule(db, normaliseAnnotation(withoutAuthor(annotation)), true);
}

/**
 * Replaces an existing note under the conflict rule; a note that no longer exists (deleted in
 * another tab) is reported as `missing` rather than brought back to life.
 */
export function updateAnnotation(db: DossierDB, annotation: Annotation): Promise<SaveResult> {
  return writeWithConflictRule(db, normaliseAnnotation(withoutAuthor(annotation)), false);
}

async function writeWithConflictRule(
  db: DossierDB,
  annotation: Annotation,
  create: boolean,
): Promise<SaveResult> {
  const found = await findDoc(db, annotation.id);
  const docId = noteDocId(annotation.page.url, annotation.id);
  if (!found || found.trashed) {
    if (!create) return { status: 'missing', id: annotation.id };
    const writes: DocWrite[] = [];
    let previous: NoteDoc | undefined;
    if (found) {
      assertOwn(found);
      // A newer save supersedes the trashed version (as undoing the delete and saving would);
      // an older one must not: the trashed version stays restorable, under a derived id.
      if (compareTimes(annotation.updated, found.note.updated) < 0) {
        writes.push(putTrashedAside(found));
      }
      if (found._id === docId) previous = found;
      else writes.push({ _id: found._id, next: null, previous: found });
    }
    writes.push({ _id: docId, next: { type: 'note', note: annotation, ...ownAuthor() }, previous });
    await writeAll(db.notes, db.index, writes);
    return { status: 'created', annotation };
  }
  assertOwn(found);
  if (compareTimes(annotation.updated, found.note.updated) < 0) {
    return { status: 'conflict', current: found.note };
  }
  const next: NoteBody = { ...bodyOf(found), note: annotation };
  if (found._id === docId) {
    await writeAll(db.notes, db.index, [{ _id: docId, next, previous: found }]);
  } else {
    // The note moved to another page: its document id changes with it.
    const target = await getDoc(db, docId);
    await writeAll(db.notes, db.index, [
      { _id: docId, next, previous: target },
      { _id: found._id, next: null, previous: found },
    ]);
  }
  return { status: 'updated', annotation };
}

/** A document by its id, or undefined. */
export async function getDoc(db: DossierDB, docId: string): Promise<NoteDoc | undefined> {
  try {
    const doc = await db.notes.get(docId);
    return isNoteDoc(doc) ? doc : undefined;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw toStoreError(error);
  }
}

/** One note by id, or undefined (never saved, or in the trash). */
export async function getAnnotation(db: DossierDB, id: string): Promise<Annotation | undefined> {
  const doc = await findDoc(db, id);
  return doc && !doc.trashed ? noteForViews(doc) : undefined;
}

/**
 * The page address of a note, live or in the trash (so that a caller's right to change or
 * restore it can be checked before anything is done), or undefined.
 */
export async function pageOfNote(db: DossierDB, id: string): Promise<string | undefined> {
  return (await findDoc(db, id))?.note.page.url;
}

/** Live notes among documents. */
function live(docs: readonly NoteDoc[]): Annotation[] {
  return docs.filter((doc) => !doc.trashed).map(noteForViews);
}

/**
 * A page's notes in page order: one range read of its own documents, so the cost depends on
 * this page's notes, not on the thousands stored for other pages.
 */
export async function listByPage(db: DossierDB, url: string): Promise<Annotation[]> {
  return live(await readDocs(db.notes, pageDocRange(url))).sort(byPageOrder);
}

/** The notes carrying a tag (exact, after normalisation), most recently edited first. */
export async function listByTag(db: DossierDB, tag: string): Promise<Annotation[]> {
  const key = normaliseTag(tag);
  if (!key) return [];
  return live(await readDocs(db.notes))
    .filter((note) => note.tags.includes(key))
    .sort(byNewest);
}

/** Every note, most recently edited first; with `limit`, only the newest ones. */
export async function listAll(
  db: DossierDB,
  options: { limit?: number } = {},
): Promise<Annotation[]> {
  const notes = live(await readDocs(db.notes));
  notes.sort(byNewest);
  return options.limit === undefined ? notes : notes.slice(0, Math.max(0, options.limit));
}

/**
 * Searches notes, quotes (`quote.exact`), tags and page titles, ignoring case and accents.
 * Every word of the query must occur somewhere in the note's fields; a word written `#tag`
 * must match the start of one of its tags. With `url`, only that page is searched (its range).
 * An empty query lists everything in scope. Results: most recently edited first.
 */
export async function searchAnnotations(
  db: DossierDB,
  query: string,
  options: { url?: string } = {},
): Promise<Annotation[]> {
  const candidates =
    options.url === undefined ? await listAll(db) : await listByPage(db, options.url);
  const matches = compileQuery(query);
  if (!matches) return options.url === undefined ? candidates : candidates.sort(byNewest);
  return candidates.filter(matches).sort(byNewest);
}

/** How many notes are stored (not counting the trash), or stored for one page. */
export async function countAnnotations(
  db: DossierDB,
  options: { url?: string } = {},
): Promise<number> {
  const range = options.url === undefined ? undefined : pageDocRange(options.url);
  return live(await readDocs(db.notes, range)).length;
}

/**
 * Deletes a note by moving it to the trash (one write of its document), so "Undo" can bring
 * it back exactly. Returns the trash entry, or undefined if there was no such note.
 */
export async function deleteAnnotation(
  db: DossierDB,
  id: string,
  options: { now?: Date } = {},
): Promise<TrashedAnnotation | undefined> {
  const deletedAt = (options.now ?? new Date()).toISOString();
  const found = await findDoc(db, id);
  if (!found || found.trashed) return undefined;
  assertOwn(found);
  await writeAll(db.notes, db.index, [
    { _id: found._id, next: { ...bodyOf(found), trashed: { deletedAt } }, previous: found },
  ]);
  return { annotation: found.note, deletedAt };
}

/**
 * Undoes a delete: the note comes back exactly as it was (same id, times, tags). If the note
 * is live (saved again meanwhile, its trashed version put aside) the live one is kept.
 * Returns the note now stored, or undefined if there was no such note.
 */
export async function undoDelete(db: DossierDB, id: string): Promise<Annotation | undefined> {
  const found = await findDoc(db, id);
  if (!found) return undefined;
  if (!found.trashed) return found.note;
  assertOwn(found);
  const { trashed: _, ...body } = bodyOf(found);
  await writeAll(db.notes, db.index, [{ _id: found._id, next: body, previous: found }]);
  return found.note;
}

/** The trash, most recently deleted first, for a "recently deleted" list and for backups. */
export async function listTrash(db: DossierDB): Promise<TrashedAnnotation[]> {
  return (await readDocs(db.notes))
    .filter((doc) => doc.trashed)
    .map(trashEntryOf)
    .sort((a, b) => (a.deletedAt < b.deletedAt ? 1 : a.deletedAt > b.deletedAt ? -1 : 0));
}

/**
 * Permanently removes trash entries deleted before `olderThan` (so the trash does not grow
 * forever); entries deleted at or after it stay undoable. A removal is a real delete (a
 * tombstone, which replicates). Teammates' deleted notes are theirs to purge, and the notes in
 * `keep` stay (those a conflict put in the trash, which the reader was told of after
 * `olderThan`: their delete time is the edit's, which may be long before the conflict met).
 * Returns how many were removed.
 */
export async function purgeTrash(
  db: DossierDB,
  olderThan: Date,
  keep: ReadonlySet<string> = new Set(),
): Promise<number> {
  const cutoff = olderThan.toISOString();
  const old = (await readDocs(db.notes)).filter(
    (doc) =>
      doc.trashed && doc.trashed.deletedAt < cutoff && !isTeammates(doc) && !keep.has(doc.note.id),
  );
  await writeAll(
    db.notes,
    db.index,
    old.map((doc) => ({ _id: doc._id, next: null, previous: doc })),
  );
  return old.length;
}
