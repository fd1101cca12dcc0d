/**
 * Bulk import and the full backup. Import is all-or-nothing: every record is checked first,
 * then everything is written in one transaction, and any failure (a bad record, a full disk)
 * aborts it so the store is exactly as it was. Duplicates (same page, same quoted text, same
 * note) are reported instead of stored twice, both within the file and against what is
 * already stored, because people import the same export twice.
 *
 * The file format itself (Markdown, W3C JSON, backup JSON) and its schema validation live in
 * lib/export; this module receives `Annotation` records and guards only what would corrupt the
 * database (a record without an id, a tag list that is not a list).
 */
import type { Annotation } from '../annotation';
import { compareTimes } from '../annotation/order';
import { StoreError } from './errors';
import { normaliseAnnotation } from './normalise';
import { allNotes, PageBatch, pageRange } from './pages';
import { DB_VERSION, type DossierDB, type TrashedAnnotation } from './schema';
import { inTransaction, requestsOf } from './transaction';

/** Everything in the store, for a lossless backup. */
export interface StoreSnapshot {
  /** The schema version that wrote it, so a restore can tell old backups apart. */
  schemaVersion: number;
  annotations: Annotation[];
  trash: TrashedAnnotation[];
}

/**
 * Reads every note and the trash in one read-only transaction, so the backup is a consistent
 * snapshot even while other tabs are writing. Notes are in id order, trash by delete time.
 */
export function exportAll(db: DossierDB): Promise<StoreSnapshot> {
  return inTransaction(db, ['pages', 'trash'], 'readonly', async (tx) => {
    const [annotations, trash] = await Promise.all([
      allNotes(tx.objectStore('pages')),
      tx.objectStore('trash').index('by-deleted').getAll(),
    ]);
    annotations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { schemaVersion: DB_VERSION, annotations, trash };
  });
}

/**
 * `merge` adds to what is stored (the usual import); `replace` empties the store, trash
 * included, and writes the batch and `trash` (restoring a backup). Either way it is one
 * transaction: a failing `replace` leaves the old notes in place.
 */
export type ImportMode = 'merge' | 'replace';

/** Options of `importAll`. */
export interface ImportOptions {
  mode?: ImportMode;
  /** Trash entries to restore; only used with `mode: 'replace'`. */
  trash?: readonly TrashedAnnotation[];
}

/** A record that was not written because the same note is already there. */
export interface ImportDuplicate {
  /** Position of the record in the batch (0-based). */
  index: number;
  id: string;
  /** Id of the note it duplicates. */
  duplicateOf: string;
  /** Whether that note was already stored or came earlier in the same batch. */
  in: 'store' | 'batch';
}

/** A record with the id of a stored note edited later: the stored, newer edit was kept. */
export interface ImportStale {
  index: number;
  id: string;
}

/** What an import did, for the message shown to the reader. */
export interface ImportReport {
  mode: ImportMode;
  /** Records received. */
  received: number;
  /** New notes written. */
  added: number;
  /** Stored notes replaced by a newer edit with the same id (conflict rule). */
  updated: number;
  duplicates: ImportDuplicate[];
  stale: ImportStale[];
  /** Trash entries written (`replace` mode). */
  trashRestored: number;
}

/** Identity of a note's content: the same page, the same quoted words, the same note. */
function contentKey(note: Annotation): string {
  return JSON.stringify([note.page.url, note.quote.exact, note.note]);
}

/** Rejects what would break the store or its indexes, naming the entry (1-based) and why. */
function checkRecord(record: unknown, position: number, what = 'Entry'): void {
  const fail = (why: string): never => {
    throw new StoreError(
      'invalid',
      `${what} ${position} cannot be imported: ${why}. Nothing was imported.`,
    );
  };
  if (typeof record !== 'object' || record === null) fail('it is not a note');
  const r = record as Partial<Record<keyof Annotation, unknown>>;
  if (typeof r.id !== 'string' || r.id === '') fail('it has no id');
  const page = r.page as { url?: unknown } | undefined;
  if (typeof page !== 'object' || page === null || typeof page.url !== 'string') {
    fail('it has no page address');
  }
  const quote = r.quote as { exact?: unknown } | undefined;
  if (typeof quote !== 'object' || quote === null || typeof quote.exact !== 'string') {
    fail('it has no quoted text');
  }
  if (typeof r.note !== 'string') fail('its note is not text');
  if (!Array.isArray(r.tags) || r.tags.some((t) => typeof t !== 'string')) {
    fail('its tags are not a list of words');
  }
  if (typeof r.created !== 'string' || typeof r.updated !== 'string') fail('it has no times');
}

/**
 * Imports notes all-or-nothing. Records are checked before anything is opened; then, in one
 * transaction, each record is compared with what is stored and with the records before it:
 * - same id as a known note: written only if its `updated` is later (the conflict rule), else
 *   reported as a duplicate (same content) or as stale (different content, older edit);
 * - new id but same page + quote + note as a known note: reported as a duplicate;
 * - otherwise added.
 * Any failure aborts the transaction and throws a `StoreError`: nothing is written.
 */
export async function importAll(
  db: DossierDB,
  records: readonly Annotation[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const mode = options.mode ?? 'merge';
  records.forEach((record, i) => {
    checkRecord(record, i + 1);
  });
  const trash = mode === 'replace' ? (options.trash ?? []) : [];
  trash.forEach((entry, i) => {
    if (typeof entry?.deletedAt !== 'string') {
      throw new StoreError(
        'invalid',
        `Trash entry ${i + 1} cannot be imported: it has no delete time. Nothing was imported.`,
      );
    }
    checkRecord(entry.annotation, i + 1, 'Trash entry');
  });
  const incoming = records.map(normaliseAnnotation);

  return inTransaction(db, ['pages', 'trash'], 'readwrite', async (tx) => {
    const store = tx.objectStore('pages');
    const pages = new PageBatch();
    const report: ImportReport = {
      mode,
      received: incoming.length,
      added: 0,
      updated: 0,
      duplicates: [],
      stale: [],
      trashRestored: 0,
    };

    // What is known so far: stored notes that could clash, then each accepted record.
    const byId = new Map<string, { note: Annotation; in: 'store' | 'batch' }>();
    const byContent = new Map<string, { id: string; in: 'store' | 'batch' }>();
    const remember = (note: Annotation, where: 'store' | 'batch') => {
      byId.set(note.id, { note, in: where });
      byContent.set(contentKey(note), { id: note.id, in: where });
    };

    if (mode === 'replace') {
      await Promise.all([store.clear(), tx.objectStore('trash').clear()]);
    } else if (incoming.length > 0) {
      const stored = await store.index('by-note').count();
      if (stored <= incoming.length * 4) {
        pages.load(await store.getAll());
      } else {
        // A small import into a big store: read only the pages it touches, and the pages
        // holding notes with its ids (whole, since a note may move away from them).
        const ids = [...new Set(incoming.map((note) => note.id))];
        const holders = await Promise.all(ids.map((id) => store.index('by-note').get(id)));
        const urls = new Set(incoming.map((note) => note.page.url));
        for (const part of holders) if (part) urls.add(part.url);
        const parts = await Promise.all([...urls].map((url) => store.getAll(pageRange(url))));
        pages.load(parts.flat());
      }
    }
    for (const note of pages.notes()) remember(note, 'store');

    // Accepted notes are gathered per page, and each page is written once (see pages.ts).
    const trashWrites = requestsOf(tx.objectStore('trash'));
    incoming.forEach((note, index) => {
      const known = byId.get(note.id);
      if (known) {
        if (compareTimes(note.updated, known.note.updated) > 0) {
          if (byContent.get(contentKey(known.note))?.id === note.id) {
            byContent.delete(contentKey(known.note));
          }
          pages.put(note);
          remember(note, 'batch');
          if (known.in === 'store') report.updated += 1;
        } else if (contentKey(note) === contentKey(known.note)) {
          report.duplicates.push({ index, id: note.id, duplicateOf: note.id, in: known.in });
        } else {
          report.stale.push({ index, id: note.id });
        }
        return;
      }
      const twin = byContent.get(contentKey(note));
      if (twin) {
        report.duplicates.push({ index, id: note.id, duplicateOf: twin.id, in: twin.in });
        return;
      }
      pages.put(note);
      remember(note, 'batch');
      report.added += 1;
    });

    pages.write(store);
    for (const entry of trash) {
      if (byId.has(entry.annotation.id)) continue; // the live note wins over its trashed copy
      trashWrites.put({ ...entry, annotation: normaliseAnnotation(entry.annotation) });
      report.trashRestored += 1;
    }
    return report;
  });
}
