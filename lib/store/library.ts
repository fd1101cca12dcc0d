/**
 * The library's queries: pages read with their analysis, the reader's person choices and the
 * pause switch (schema v4). Each runs one transaction through `inTransaction`, like the notes'
 * queries, so it resolves only once committed and fails only with a `StoreError`.
 */
import type { LibraryPage, PersonChoice } from '../library/records';
import { isTeammates } from './authors';
import { bodyOf, pageDocRange, readDocs } from './pouch';
import type { DossierDB } from './schema';
import { inTransaction, requestsOf } from './transaction';
import { writeAll } from './writes';

/**
 * Records a page read: a new page, or the same page read again, whose record is replaced
 * (its analysis may have changed) while keeping when it was first read. Returns the record,
 * or null when the library is paused (checked in the same transaction, so one round trip).
 */
export function recordLibraryPage(db: DossierDB, page: LibraryPage): Promise<LibraryPage | null> {
  return inTransaction(db, ['library-pages', 'library-settings'], 'readwrite', async (tx) => {
    const paused = await tx.objectStore('library-settings').get('paused');
    if (paused?.value === true) return null;
    const store = tx.objectStore('library-pages');
    const before = await store.get(page.url);
    const record = before
      ? {
          ...page,
          firstRead: earlier(before.firstRead, page.firstRead),
        }
      : page;
    await store.put(record);
    return record;
  });
}

/** Every page read, most recently read first. */
export async function listLibraryPages(db: DossierDB): Promise<LibraryPage[]> {
  const pages = await inTransaction(db, ['library-pages'], 'readonly', (tx) =>
    tx.objectStore('library-pages').index('by-last-read').getAll(),
  );
  return pages.reverse();
}

/** One page's record, if it was read. */
export function getLibraryPage(db: DossierDB, url: string): Promise<LibraryPage | undefined> {
  return inTransaction(db, ['library-pages'], 'readonly', (tx) =>
    tx.objectStore('library-pages').get(url),
  );
}

/**
 * Forgets a page: its record (officials, quotations) goes. Its notes stay unless `notes` is
 * true; then they move to the trash, where they can still be brought back. Returns how many
 * notes were moved.
 */
export async function forgetLibraryPage(
  db: DossierDB,
  url: string,
  options: { notes?: boolean; now?: Date } = {},
): Promise<number> {
  // Notes first: if moving them fails, the page is still in the library to try again.
  const moved = options.notes
    ? await trashNotes(db, pageDocRange(url), options.now ?? new Date())
    : 0;
  await inTransaction(db, ['library-pages'], 'readwrite', async (tx) => {
    await tx.objectStore('library-pages').delete(url);
  });
  return moved;
}

/**
 * Forgets everything the library holds: pages and person choices. Notes stay unless `notes`
 * is true; then every note of this reader moves to the trash. Returns how many were moved.
 */
export async function forgetLibrary(
  db: DossierDB,
  options: { notes?: boolean; now?: Date } = {},
): Promise<number> {
  const moved = options.notes ? await trashNotes(db, undefined, options.now ?? new Date()) : 0;
  await inTransaction(db, ['library-pages', 'library-choices'], 'readwrite', async (tx) => {
    await tx.objectStore('library-pages').clear();
    await tx.objectStore('library-choices').clear();
  });
  return moved;
}

/** Moves the reader's live notes in a range of documents to the trash, all or nothing. */
async function trashNotes(
  db: DossierDB,
  range: { startkey: string; endkey: string } | undefined,
  now: Date,
): Promise<number> {
  const deletedAt = now.toISOString();
  const docs = (await readDocs(db.notes, range)).filter((doc) => !doc.trashed && !isTeammates(doc));
  await writeAll(
    db.notes,
    db.index,
    docs.map((doc) => ({
      _id: doc._id,
      next: { ...bodyOf(doc), trashed: { deletedAt } },
      previous: doc,
    })),
  );
  return docs.length;
}

/** The reader's person choices, oldest first (later choices win; see identity.ts). */
export async function listPersonChoices(db: DossierDB): Promise<PersonChoice[]> {
  const choices = await inTransaction(db, ['library-choices'], 'readonly', (tx) =>
    tx.objectStore('library-choices').getAll(),
  );
  return choices.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}

/** Replaces the reader's person choices with `choices` (lib/library computes them). */
export function savePersonChoices(db: DossierDB, choices: readonly PersonChoice[]): Promise<void> {
  return inTransaction(db, ['library-choices'], 'readwrite', async (tx) => {
    const store = tx.objectStore('library-choices');
    await store.clear();
    const writes = requestsOf(store);
    for (const choice of choices) writes.put(choice);
  });
}

/** Whether the library is paused (nothing new is recorded). */
export async function isLibraryPaused(db: DossierDB): Promise<boolean> {
  const setting = await inTransaction(db, ['library-settings'], 'readonly', (tx) =>
    tx.objectStore('library-settings').get('paused'),
  );
  return setting?.value === true;
}

/** Pauses or resumes the library. */
export function setLibraryPaused(db: DossierDB, paused: boolean): Promise<void> {
  return inTransaction(db, ['library-settings'], 'readwrite', async (tx) => {
    await tx.objectStore('library-settings').put({ key: 'paused', value: paused });
  });
}

/** The earlier of two ISO 8601 times (they compare as strings). */
function earlier(a: string, b: string): string {
  return a <= b ? a : b;
}
