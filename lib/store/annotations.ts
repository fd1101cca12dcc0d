/**
 * Reading and writing single notes: save with the conflict rule, the page and tag listings the
 * popup and the content script need, search, counts, and delete with undo through the trash.
 * Every function is one transaction and resolves only after it has committed.
 *
 * CONFLICT RULE (last writer wins, per record, by `updated`): a write carries the `updated`
 * time of the edit it contains. If the stored record has a *later* `updated`, the write is
 * stale (another tab, or the popup, saved a newer edit of this note meanwhile) and is rejected
 * with `{ status: 'conflict', current }` so the writer can show the newer version instead of
 * silently overwriting it. An equal or later `updated` wins and replaces the whole record. The
 * background is the only writer, so writes are applied one after another in arrival order and
 * two tabs never both "win": the second, older edit is refused and shown the newer one.
 */
import type { Annotation } from '../annotation';
import { byNewest, byPageOrder, compareTimes } from '../annotation/order';
import { compileQuery } from '../annotation/rules';
import { normaliseAnnotation, normaliseTag } from './normalise';
import { allNotes, findNote, lastPart, pageNotes, putNote, removeNote } from './pages';
import type { DossierDB, TrashedAnnotation } from './schema';
import { inTransaction } from './transaction';

/** What a save did; `conflict` and `missing` wrote nothing. */
export type SaveResult =
  | { status: 'created'; annotation: Annotation }
  | { status: 'updated'; annotation: Annotation }
  | { status: 'conflict'; current: Annotation }
  | { status: 'missing'; id: string };

/**
 * Creates or replaces a note, applying the conflict rule (see the top of this module). Tags
 * are normalised first; the stored record is returned so the caller shows what was saved.
 */
export function saveAnnotation(db: DossierDB, annotation: Annotation): Promise<SaveResult> {
  return writeWithConflictRule(db, normaliseAnnotation(annotation), true);
}

/**
 * Replaces an existing note under the conflict rule; a note that no longer exists (deleted in
 * another tab) is reported as `missing` rather than brought back to life.
 */
export function updateAnnotation(db: DossierDB, annotation: Annotation): Promise<SaveResult> {
  return writeWithConflictRule(db, normaliseAnnotation(annotation), false);
}

function writeWithConflictRule(
  db: DossierDB,
  annotation: Annotation,
  create: boolean,
): Promise<SaveResult> {
  return inTransaction(db, ['pages'], 'readwrite', async (tx) => {
    const store = tx.objectStore('pages');
    // Both reads in one round trip: a new note needs the page's last record.
    const [found, last] = await Promise.all([
      findNote(store, annotation.id),
      create ? lastPart(store, annotation.page.url) : undefined,
    ]);
    const lastRead = create ? { part: last } : undefined;
    if (!found) {
      if (!create) return { status: 'missing', id: annotation.id };
      await putNote(store, annotation, undefined, lastRead);
      return { status: 'created', annotation };
    }
    if (compareTimes(annotation.updated, found.note.updated) < 0) {
      return { status: 'conflict', current: found.note };
    }
    await putNote(store, annotation, found, lastRead);
    return { status: 'updated', annotation };
  });
}

/** One note by id, or undefined (never saved, or in the trash). */
export function getAnnotation(db: DossierDB, id: string): Promise<Annotation | undefined> {
  return inTransaction(db, ['pages'], 'readonly', async (tx) => {
    return (await findNote(tx.objectStore('pages'), id))?.note;
  });
}

/**
 * The page address of a note, live or in the trash (so that a caller's right to change or
 * restore it can be checked before anything is done), or undefined.
 */
export function pageOfNote(db: DossierDB, id: string): Promise<string | undefined> {
  return inTransaction(db, ['pages', 'trash'], 'readonly', async (tx) => {
    const [found, trashed] = await Promise.all([
      findNote(tx.objectStore('pages'), id),
      tx.objectStore('trash').get(id),
    ]);
    return found?.note.page.url ?? trashed?.annotation.page.url;
  });
}

/**
 * A page's notes in page order: its own records only, so the cost depends on this page's
 * notes, not on the thousands stored for other pages.
 */
export async function listByPage(db: DossierDB, url: string): Promise<Annotation[]> {
  const notes = await inTransaction(db, ['pages'], 'readonly', (tx) =>
    pageNotes(tx.objectStore('pages'), url),
  );
  return notes.sort(byPageOrder);
}

/** The notes carrying a tag (exact, after normalisation), most recently edited first. */
export async function listByTag(db: DossierDB, tag: string): Promise<Annotation[]> {
  const key = normaliseTag(tag);
  if (!key) return [];
  const parts = await inTransaction(db, ['pages'], 'readonly', (tx) =>
    tx.objectStore('pages').index('by-tag').getAll(key),
  );
  return parts
    .flatMap((part) => part.notes)
    .filter((note) => note.tags.includes(key))
    .sort(byNewest);
}

/**
 * Every note, most recently edited first; with `limit`, only the newest ones. Reads every
 * page (10,000 notes over 500 pages read in about 60 ms in Chromium here).
 */
export async function listAll(
  db: DossierDB,
  options: { limit?: number } = {},
): Promise<Annotation[]> {
  const notes = await inTransaction(db, ['pages'], 'readonly', (tx) =>
    allNotes(tx.objectStore('pages')),
  );
  notes.sort(byNewest);
  return options.limit === undefined ? notes : notes.slice(0, Math.max(0, options.limit));
}

/**
 * Searches notes, quotes (`quote.exact`), tags and page titles, ignoring case and accents.
 * Every word of the query must occur somewhere in the note's fields; a word written `#tag`
 * must match the start of one of its tags. With `url`, only that page is searched (through its
 * index). An empty query lists everything in scope. Results: most recently edited first.
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

/**
 * How many notes are stored (the `by-note` index has one key per note, so no record is read),
 * or stored for one page (its records).
 */
export function countAnnotations(db: DossierDB, options: { url?: string } = {}): Promise<number> {
  const { url } = options;
  return inTransaction(db, ['pages'], 'readonly', async (tx) => {
    const store = tx.objectStore('pages');
    if (url === undefined) return store.index('by-note').count();
    return (await pageNotes(store, url)).length;
  });
}

/**
 * Deletes a note by moving it to the trash in the same transaction, so "Undo" can bring it
 * back exactly and a crash between the two steps cannot lose it. Returns the trash entry, or
 * undefined if there was no such note.
 */
export function deleteAnnotation(
  db: DossierDB,
  id: string,
  options: { now?: Date } = {},
): Promise<TrashedAnnotation | undefined> {
  const deletedAt = (options.now ?? new Date()).toISOString();
  return inTransaction(db, ['pages', 'trash'], 'readwrite', async (tx) => {
    const store = tx.objectStore('pages');
    const found = await findNote(store, id);
    if (!found) return undefined;
    const entry: TrashedAnnotation = { annotation: found.note, deletedAt };
    await tx.objectStore('trash').put(entry);
    await removeNote(store, found);
    return entry;
  });
}

/**
 * Undoes a delete: the note comes back exactly as it was (same id, times, tags). If a note
 * with that id was saved again meanwhile (an import, another tab) the newer one by `updated`
 * is kept, per the conflict rule. Returns the note now stored, or undefined if the trash had
 * no such entry.
 */
export function undoDelete(db: DossierDB, id: string): Promise<Annotation | undefined> {
  return inTransaction(db, ['pages', 'trash'], 'readwrite', async (tx) => {
    const trash = tx.objectStore('trash');
    const entry = await trash.get(id);
    if (!entry) return undefined;
    const store = tx.objectStore('pages');
    const current = await findNote(store, id);
    await trash.delete(id);
    if (current && compareTimes(current.note.updated, entry.annotation.updated) > 0) {
      return current.note;
    }
    await putNote(store, entry.annotation, current);
    return entry.annotation;
  });
}

/** The trash, most recently deleted first, for a "recently deleted" list and for backups. */
export async function listTrash(db: DossierDB): Promise<TrashedAnnotation[]> {
  const entries = await inTransaction(db, ['trash'], 'readonly', (tx) =>
    tx.objectStore('trash').index('by-deleted').getAll(),
  );
  return entries.reverse();
}

/**
 * Permanently removes trash entries deleted before `olderThan` (so the trash does not grow
 * forever); entries deleted at or after it stay undoable. Returns how many were removed.
 */
export function purgeTrash(db: DossierDB, olderThan: Date): Promise<number> {
  const cutoff = olderThan.toISOString();
  return inTransaction(db, ['trash'], 'readwrite', async (tx) => {
    let removed = 0;
    let cursor = await tx
      .objectStore('trash')
      .index('by-deleted')
      .openCursor(IDBKeyRange.upperBound(cutoff, true));
    while (cursor) {
      await cursor.delete();
      removed += 1;
      cursor = await cursor.continue();
    }
    return removed;
  });
}
