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
import { compileQuery } from '../notes/rules';
import { compareTimes, normaliseAnnotation, normaliseTag } from './normalise';
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
  return inTransaction(db, ['annotations'], 'readwrite', async (tx) => {
    const store = tx.objectStore('annotations');
    const current = await store.get(annotation.id);
    if (!current) {
      if (!create) return { status: 'missing', id: annotation.id };
      await store.add(annotation);
      return { status: 'created', annotation };
    }
    if (compareTimes(annotation.updated, current.updated) < 0) {
      return { status: 'conflict', current };
    }
    await store.put(annotation);
    return { status: 'updated', annotation };
  });
}

/** One note by id, or undefined (never saved, or in the trash). */
export function getAnnotation(db: DossierDB, id: string): Promise<Annotation | undefined> {
  return inTransaction(db, ['annotations'], 'readonly', (tx) =>
    tx.objectStore('annotations').get(id),
  );
}

/** Page order: by position in the text, then by creation, so the popup reads like the page. */
function byPageOrder(a: Annotation, b: Annotation): number {
  return a.position.start - b.position.start || compareTimes(a.created, b.created);
}

/** Most recently edited first: what a reader looking across pages wants to see. */
function byNewest(a: Annotation, b: Annotation): number {
  return compareTimes(b.updated, a.updated) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A page's notes in page order, read through the `by-page` index so the cost depends on this
 * page's notes only, not on the thousands stored for other pages.
 */
export async function listByPage(db: DossierDB, url: string): Promise<Annotation[]> {
  const notes = await inTransaction(db, ['annotations'], 'readonly', (tx) =>
    tx.objectStore('annotations').index('by-page').getAll(url),
  );
  return notes.sort(byPageOrder);
}

/** The notes carrying a tag (exact, after normalisation), most recently edited first. */
export async function listByTag(db: DossierDB, tag: string): Promise<Annotation[]> {
  const key = normaliseTag(tag);
  if (!key) return [];
  const notes = await inTransaction(db, ['annotations'], 'readonly', (tx) =>
    tx.objectStore('annotations').index('by-tag').getAll(key),
  );
  return notes.sort(byNewest);
}

/**
 * Every note, most recently edited first; with `limit`, only the newest ones, read from the
 * `by-updated` index without loading the rest.
 */
export function listAll(db: DossierDB, options: { limit?: number } = {}): Promise<Annotation[]> {
  const { limit } = options;
  return inTransaction(db, ['annotations'], 'readonly', async (tx) => {
    const index = tx.objectStore('annotations').index('by-updated');
    if (limit === undefined) return (await index.getAll()).sort(byNewest);
    const result: Annotation[] = [];
    let cursor = await index.openCursor(null, 'prev');
    while (cursor && result.length < limit) {
      result.push(cursor.value);
      cursor = await cursor.continue();
    }
    return result;
  });
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

/** How many notes are stored, or stored for one page: index counts, no records are read. */
export function countAnnotations(db: DossierDB, options: { url?: string } = {}): Promise<number> {
  return inTransaction(db, ['annotations'], 'readonly', (tx) => {
    const store = tx.objectStore('annotations');
    return options.url === undefined ? store.count() : store.index('by-page').count(options.url);
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
  return inTransaction(db, ['annotations', 'trash'], 'readwrite', async (tx) => {
    const store = tx.objectStore('annotations');
    const annotation = await store.get(id);
    if (!annotation) return undefined;
    const entry: TrashedAnnotation = { annotation, deletedAt };
    await tx.objectStore('trash').put(entry);
    await store.delete(id);
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
  return inTransaction(db, ['annotations', 'trash'], 'readwrite', async (tx) => {
    const trash = tx.objectStore('trash');
    const entry = await trash.get(id);
    if (!entry) return undefined;
    const store = tx.objectStore('annotations');
    const current = await store.get(id);
    await trash.delete(id);
    if (current && compareTimes(current.updated, entry.annotation.updated) > 0) return current;
    await store.put(entry.annotation);
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
