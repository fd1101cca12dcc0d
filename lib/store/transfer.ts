/**
 * Bulk import and the full backup. Import is all-or-nothing: every record is checked first,
 * then everything is written (writes.ts), and any failure (a bad record, a full disk) puts
 * back what was written, so the store is exactly as it was. Duplicates (same page, same quoted text, same
 * note) are reported instead of stored twice, both within the file and against what is
 * already stored, because people import the same export twice.
 *
 * The file format itself (Markdown, W3C JSON, backup JSON) and its schema validation live in
 * lib/export; this module receives `Annotation` records and guards only what would corrupt the
 * database (a record without an id, a tag list that is not a list).
 */
import type { Annotation } from '../annotation';
import { compareTimes } from '../annotation/order';
import { trashEntryOf } from './annotations';
import { asideId } from './aside';
import { isTeammates, noteForViews, ownAuthor } from './authors';
import { StoreError } from './errors';
import { normaliseAnnotation } from './normalise';
import { ALL_NOTES, type NoteDoc, noteDocId, pageDocRange, readDocs } from './pouch';
import { DB_VERSION, type DossierDB, type TrashedAnnotation } from './schema';
import { type DocWrite, writeAll } from './writes';

export { asideId };

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
export async function exportAll(db: DossierDB): Promise<StoreSnapshot> {
  const docs = await readDocs(db.notes);
  // A teammate's note names its author (exports show who wrote it); the reader's own do not.
  const annotations = docs.filter((doc) => !doc.trashed).map(noteForViews);
  const trash = docs
    .filter((doc) => doc.trashed)
    .map(trashEntryOf)
    .sort((a, b) => (a.deletedAt < b.deletedAt ? -1 : a.deletedAt > b.deletedAt ? 1 : 0));
  annotations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { schemaVersion: DB_VERSION, annotations, trash };
}

/** Where the next page of `exportPage` starts; opaque to callers (they pass it back). */
export type ExportCursor = string;

/** One page of the whole store: some notes and some trash, and where to go on. */
export interface ExportPage {
  annotations: Annotation[];
  trash: TrashedAnnotation[];
  /** Pass this back for the next page; null when everything has been read. */
  next: ExportCursor | null;
}

/** Roughly how many characters a record takes once serialised. */
function sizeOf(note: Annotation): number {
  return 600 + note.note.length + note.quote.exact.length + note.page.title.length;
}

/** Documents read per request while filling an export page. */
const EXPORT_BATCH = 200;

/**
 * The store, a page at a time, so that a whole-library action (back up, export everything)
 * never needs one message larger than the browser allows: notes and trash entries in one pass
 * in document id order (so page by page), each page holding about `budget` characters (always
 * at least one record). Each document is read once, as a note or as a trash entry, whatever
 * the reader does between two pages: a note deleted, restored or deleted for good meanwhile is
 * never given twice, and no other is skipped. A note saved between two pages is in the backup
 * or not.
 */
export async function exportPage(
  db: DossierDB,
  cursor: ExportCursor | null,
  budget: number,
): Promise<ExportPage> {
  // The first id after the last one read: the smallest string greater than it.
  let from = cursor === null ? ALL_NOTES.startkey : `${parseCursor(cursor)}\u0000`;
  const page: ExportPage = { annotations: [], trash: [], next: null };
  let used = 0;
  for (;;) {
    const rows = await db.notes.allDocs({
      include_docs: true,
      startkey: from,
      endkey: ALL_NOTES.endkey,
      limit: EXPORT_BATCH,
    });
    for (const row of rows.rows) {
      const doc = (row as { doc?: NoteDoc }).doc;
      if (doc?.type !== 'note') continue;
      if (doc.trashed) page.trash.push(trashEntryOf(doc));
      else page.annotations.push(noteForViews(doc));
      used += sizeOf(doc.note);
      if (used >= budget) {
        page.next = JSON.stringify({ after: row.id });
        return page;
      }
    }
    const last = rows.rows.at(-1);
    if (rows.rows.length < EXPORT_BATCH || !last) return page;
    from = `${last.id}\u0000`;
  }
}

/** The last document id a cursor says was read. */
function parseCursor(cursor: ExportCursor): string {
  try {
    const parsed = JSON.parse(cursor) as { after?: unknown };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // Refused below.
  }
  throw new StoreError('invalid', 'This export was interrupted; start it again.');
}

/**
 * `merge` adds to what is stored (the usual import); `replace` names a restore of a backup into
 * a store with no notes. Both restore the backup's trash (entries whose note is not already
 * there, live or deleted), and neither ever clears or deletes anything: a restore that fails
 * half-way, or one started by mistake over a store that only has notes in the trash, leaves
 * every stored note and trash entry where it was.
 */
export type ImportMode = 'merge' | 'replace';

/** Options of `importAll`. */
export interface ImportOptions {
  mode?: ImportMode;
  /** Trash entries to restore (a backup's). */
  trash?: readonly TrashedAnnotation[];
  /** The time of the import: an `updated` later than this (plus a day) is not trusted. */
  now?: Date;
  /** Documents per write (tests make it small to fail a write in the middle). */
  chunk?: number;
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

/**
 * A record with the id of a stored note but other content, where the reader's copy was kept
 * (the file's edit is older, from the future, or on another page): the file's version went to
 * the trash under `trashedAs`, from where the reader can restore it.
 */
export interface ImportStale {
  index: number;
  id: string;
  /** Id of the file's version in the trash. */
  trashedAs: string;
}

/** What an import did, for the message shown to the reader. */
export interface ImportReport {
  mode: ImportMode;
  /** Records received. */
  received: number;
  /** New notes written. */
  added: number;
  /**
   * Stored notes replaced by the file's newer edit of the same note (same id, same page, an
   * `updated` later than the stored one and not in the future); the reader's replaced version
   * is in the trash, restorable.
   */
  updated: number;
  duplicates: ImportDuplicate[];
  stale: ImportStale[];
  /** Trash entries written (a backup's deleted notes that were not there yet). */
  trashRestored: number;
  /**
   * Teammates' notes in the file (records naming an `author`), left out: only the team's
   * database can say who wrote a note, so a file never adds one in a teammate's name, nor
   * turns a teammate's words into the reader's own editable note. Sync brings them back.
   */
  teammates?: number;
}

/** How far ahead of the import's clock an `updated` may be and still count (clock skew). */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/** True when two versions of a note say the same thing (an import of it changes nothing). */
function sameVersion(a: Annotation, b: Annotation): boolean {
  return (
    a.page.url === b.page.url &&
    a.quote.exact === b.quote.exact &&
    a.note === b.note &&
    a.colour === b.colour &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
}

/**
 * Identity of a note's content: the same page, the same quoted words at the same place (the
 * words around them, their position, the PDF page), the same note. The place counts because a
 * reader may highlight the same words twice where an article repeats them; those are two notes.
 */
function contentKey(note: Annotation): string {
  const { quote, position } = note;
  return JSON.stringify([
    note.page.url,
    quote.exact,
    quote.prefix,
    quote.suffix,
    position.start,
    position.end,
    note.pdf?.page ?? null,
    note.note,
  ]);
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
 * - same id as a stored note, same content: reported as a duplicate;
 * - same id as a stored note, other content: the reader's copy is never lost. The file's
 *   version replaces it only if it is on the same page and its `updated` is later than the
 *   stored one and not in the future; the replaced version then goes to the trash under a new
 *   id (restorable). Otherwise the reader's copy stays and the file's version goes to the
 *   trash instead (reported as stale). A note never changes page by import;
 * - new id but same page + quote + note as a known note: reported as a duplicate;
 * - otherwise added.
 * Nothing is ever deleted or cleared. Any failure aborts the transaction and throws a
 * `StoreError`: nothing is written.
 */
export async function importAll(
  db: DossierDB,
  records: readonly Annotation[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const mode = options.mode ?? 'merge';
  const latest = (options.now ?? new Date()).getTime() + FUTURE_SLACK_MS;
  const inFuture = (time: string) => {
    const t = Date.parse(time);
    return Number.isNaN(t) || t > latest;
  };
  records.forEach((record, i) => {
    checkRecord(record, i + 1);
  });
  const trash = options.trash ?? [];
  trash.forEach((entry, i) => {
    if (typeof entry?.deletedAt !== 'string') {
      throw new StoreError(
        'invalid',
        `Trash entry ${i + 1} cannot be imported: it has no delete time. Nothing was imported.`,
      );
    }
    checkRecord(entry.annotation, i + 1, 'Trash entry');
  });
  const teammates = records.filter((r) => r.author !== undefined).length;
  const incoming = (teammates > 0 ? records.filter((r) => r.author === undefined) : records).map(
    normaliseAnnotation,
  );
  const asideAt = new Date(options.now ?? new Date()).toISOString();

  const report: ImportReport = {
    mode,
    received: incoming.length,
    added: 0,
    updated: 0,
    duplicates: [],
    stale: [],
    trashRestored: 0,
    ...(teammates > 0 ? { teammates } : {}),
  };

  // The stored documents that could clash: all of them when the import is large compared
  // with the store; otherwise only the pages it touches and the documents holding its ids.
  const docs = new Map<string, NoteDoc>();
  const stored = incoming.length > 0 || trash.length > 0 ? await db.index.size() : 0;
  if (stored > 0) {
    if (stored <= (incoming.length + trash.length) * 4) {
      for (const doc of await readDocs(db.notes)) docs.set(doc._id, doc);
    } else {
      const urls = new Set([
        ...incoming.map((note) => note.page.url),
        ...trash.map((entry) => entry.annotation.page.url),
      ]);
      const holders = await Promise.all(
        [...new Set(incoming.map((note) => note.id))].map((id) => db.index.lookup(id)),
      );
      const ids = holders.filter((id): id is string => id !== undefined);
      const [pages, held] = await Promise.all([
        Promise.all([...urls].map((url) => readDocs(db.notes, pageDocRange(url)))),
        ids.length > 0 ? db.notes.allDocs({ keys: ids, include_docs: true }) : { rows: [] },
      ]);
      for (const doc of pages.flat()) docs.set(doc._id, doc);
      for (const row of held.rows) {
        const doc = (row as { doc?: NoteDoc }).doc;
        if (doc?.type === 'note') docs.set(doc._id, doc);
      }
    }
  }

  // What is known so far: stored notes that could clash, then each accepted record.
  const byId = new Map<string, { note: Annotation; in: 'store' | 'batch' }>();
  const byContent = new Map<string, { id: string; in: 'store' | 'batch' }>();
  const remember = (note: Annotation, where: 'store' | 'batch') => {
    byId.set(note.id, { note, in: where });
    byContent.set(contentKey(note), { id: note.id, in: where });
  };
  // Notes in the trash, by id: a record with such an id is that note again, never a second one.
  const trashedById = new Map<string, NoteDoc>();
  for (const doc of docs.values()) {
    if (doc.trashed) trashedById.set(doc.note.id, doc);
    else remember(doc.note, 'store');
  }

  // Every document written, by id: its new body, and what was stored (for the rollback).
  const writes = new Map<string, DocWrite>();
  const write = (docId: string, next: DocWrite['next']) => {
    const previous = docs.get(docId);
    writes.set(docId, { _id: docId, next, previous });
  };
  const taken = (docId: string) => writes.has(docId) || docs.has(docId);
  const putAside = (note: Annotation, deletedAt = asideAt): string => {
    const id = asideId(note);
    const docId = noteDocId(note.page.url, id);
    if (!taken(docId)) {
      write(docId, { type: 'note', note: { ...note, id }, trashed: { deletedAt }, ...ownAuthor() });
    }
    return id;
  };
  /**
   * A live note's document; a trashed version already there (the reader's own: a teammate's is
   * never overwritten, see below) is kept aside when it is newer.
   */
  const putLive = (note: Annotation) => {
    const docId = noteDocId(note.page.url, note.id);
    const there = writes.get(docId)?.next ?? docs.get(docId);
    if (there?.trashed && compareTimes(note.updated, there.note.updated) < 0) {
      putAside(there.note, there.trashed.deletedAt);
    }
    const author = docs.get(docId)?.author;
    write(docId, { type: 'note', note, ...(author !== undefined ? { author } : ownAuthor()) });
  };

  // Positions in `records`, as the report names them (teammates' records are left out above).
  const positions = records.flatMap((record, i) => (record.author === undefined ? [i] : []));

  incoming.forEach((note, at) => {
    const index = positions[at] ?? at;
    const known = byId.get(note.id);
    if (known) {
      if (sameVersion(note, known.note)) {
        report.duplicates.push({ index, id: note.id, duplicateOf: note.id, in: known.in });
        return;
      }
      const knownDoc = docs.get(noteDocId(known.note.page.url, known.note.id));
      const trusted =
        note.page.url === known.note.page.url &&
        !inFuture(note.updated) &&
        compareTimes(note.updated, known.note.updated) > 0 &&
        !(knownDoc?.author !== undefined && knownDoc.author !== ownAuthor().author);
      if (!trusted || known.in === 'batch') {
        report.stale.push({ index, id: note.id, trashedAs: putAside(note) });
        return;
      }
      // The file's later edit of the same note: the reader's version is kept in the trash.
      putAside(known.note);
      if (byContent.get(contentKey(known.note))?.id === note.id) {
        byContent.delete(contentKey(known.note));
      }
      putLive(note);
      remember(note, 'batch');
      report.updated += 1;
      return;
    }
    // The id of a note in the trash: the file's record is that note again. It comes back only
    // on its own page and in the reader's own name; otherwise the trash keeps the deleted note
    // (restorable) and the file's version goes beside it.
    const deleted = trashedById.get(note.id);
    if (deleted && (isTeammates(deleted) || deleted.note.page.url !== note.page.url)) {
      report.stale.push({ index, id: note.id, trashedAs: putAside(note) });
      return;
    }
    const twin = byContent.get(contentKey(note));
    if (twin) {
      report.duplicates.push({ index, id: note.id, duplicateOf: twin.id, in: twin.in });
      return;
    }
    // A new note: a time from the future is brought back to the import's, so that no later
    // edit is ever out-dated by it (and an edit never stamps a year past 9999).
    const future = inFuture(note.updated) || inFuture(note.created);
    const added = future
      ? {
          ...note,
          created: inFuture(note.created) ? asideAt : note.created,
          updated: asideAt,
        }
      : note;
    putLive(added);
    remember(added, 'batch');
    report.added += 1;
  });

  for (const entry of trash) {
    if (entry.annotation.author !== undefined) continue;
    const annotation = normaliseAnnotation(entry.annotation);
    const docId = noteDocId(annotation.page.url, annotation.id);
    // The live note wins over its trashed copy; an entry already in the trash stays as is.
    if (byId.has(annotation.id) || trashedById.has(annotation.id) || taken(docId)) continue;
    write(docId, {
      type: 'note',
      note: annotation,
      trashed: {
        deletedAt: entry.deletedAt,
        ...(entry.otherVersionOf !== undefined ? { otherVersionOf: entry.otherVersionOf } : {}),
        ...(entry.replaced ? { replaced: true } : {}),
      },
      ...ownAuthor(),
    });
    report.trashRestored += 1;
  }
  await writeAll(
    db.notes,
    db.index,
    [...writes.values()],
    options.chunk === undefined ? {} : { chunk: options.chunk },
  );
  return report;
}
