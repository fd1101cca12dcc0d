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

/** Where the next page of `exportPage` starts; opaque to callers (they pass it back). */
export type ExportCursor = string;

/** One page of the whole store: some notes, or some trash, and where to go on. */
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

/**
 * The store, a page at a time, so that a whole-library action (back up, export everything)
 * never needs one message larger than the browser allows: notes first (in stored order, page
 * by page), then the trash (by id), each page holding about `budget` characters (always at
 * least one record). Each page is its own read-only transaction: a note saved between two
 * pages is in the backup or not, but no note is read twice or skipped.
 */
export async function exportPage(
  db: DossierDB,
  cursor: ExportCursor | null,
  budget: number,
): Promise<ExportPage> {
  const at = parseCursor(cursor);
  return inTransaction(db, ['pages', 'trash'], 'readonly', async (tx) => {
    const page: ExportPage = { annotations: [], trash: [], next: null };
    let used = 0;
    if (at.kind === 'notes') {
      const range =
        at.key === null ? undefined : IDBKeyRange.lowerBound(at.key as [string, number], true);
      let cursor = await tx.objectStore('pages').openCursor(range);
      while (cursor) {
        const part = cursor.value;
        for (const note of part.notes) {
          page.annotations.push(note);
          used += sizeOf(note);
        }
        if (used >= budget) {
          page.next = JSON.stringify({ kind: 'notes', key: cursor.primaryKey });
          return page;
        }
        cursor = await cursor.continue();
      }
      if (used > 0) {
        page.next = JSON.stringify({ kind: 'trash', key: null });
        return page;
      }
    }
    const key = at.kind === 'trash' ? at.key : null;
    const range = key === null ? undefined : IDBKeyRange.lowerBound(key as string, true);
    let cursor = await tx.objectStore('trash').openCursor(range);
    while (cursor) {
      page.trash.push(cursor.value);
      used += sizeOf(cursor.value.annotation);
      if (used >= budget) {
        page.next = JSON.stringify({ kind: 'trash', key: cursor.primaryKey });
        return page;
      }
      cursor = await cursor.continue();
    }
    return page;
  });
}

function parseCursor(cursor: ExportCursor | null): {
  kind: 'notes' | 'trash';
  key: unknown;
} {
  if (cursor === null) return { kind: 'notes', key: null };
  try {
    const parsed = JSON.parse(cursor) as { kind?: unknown; key?: unknown };
    const key = parsed.key ?? null;
    if (parsed.kind === 'notes' && (key === null || (Array.isArray(key) && key.length === 2))) {
      return { kind: 'notes', key };
    }
    if (parsed.kind === 'trash' && (key === null || typeof key === 'string')) {
      return { kind: 'trash', key };
    }
  } catch {
    // Refused below.
  }
  throw new StoreError('invalid', 'This export was interrupted; start it again.');
}

/**
 * `merge` adds to what is stored (the usual import); `replace` (restoring a backup into a store
 * with no notes) does the same and also restores the backup's trash. Neither ever clears or
 * deletes anything: a restore that fails half-way, or one started by mistake over a store that
 * only has notes in the trash, leaves every stored note and trash entry where it was.
 */
export type ImportMode = 'merge' | 'replace';

/** Options of `importAll`. */
export interface ImportOptions {
  mode?: ImportMode;
  /** Trash entries to restore; only used with `mode: 'replace'`. */
  trash?: readonly TrashedAnnotation[];
  /** The time of the import: an `updated` later than this (plus a day) is not trusted. */
  now?: Date;
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
  /** Trash entries written (`replace` mode). */
  trashRestored: number;
}

/** How far ahead of the import's clock an `updated` may be and still count (clock skew). */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * A stable UUID for one version of a note put aside by an import, so that importing the same
 * file twice puts it aside once (the trash is keyed by id). Four FNV-1a hashes of the note's
 * id and content, shaped as an RFC 9562 version-8 UUID (a backup checks trash ids are UUIDs).
 */
export function asideId(note: Annotation): string {
  const text = JSON.stringify([
    note.id,
    note.page.url,
    note.quote.exact,
    note.note,
    note.tags,
    note.colour,
    note.updated,
  ]);
  let hex = '';
  for (let seed = 0; seed < 4; seed += 1) {
    let h = (0x811c9dc5 ^ (seed * 0x9e3779b9)) >>> 0;
    for (let i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex += h.toString(16).padStart(8, '0');
  }
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** True when two versions of a note say the same thing (an import of it changes nothing). */
function sameVersion(a: Annotation, b: Annotation): boolean {
  return (
    contentKey(a) === contentKey(b) &&
    a.colour === b.colour &&
    a.tags.length === b.tags.length &&
    a.tags.every((t, i) => t === b.tags[i])
  );
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
  const asideAt = new Date(options.now ?? new Date()).toISOString();

  return inTransaction(db, ['pages', 'trash'], 'readwrite', async (tx) => {
    const store = tx.objectStore('pages');
    const trashStore = tx.objectStore('trash');
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

    const [stored, trashKeys] = await Promise.all([
      incoming.length > 0 ? store.index('by-note').count() : 0,
      trash.length > 0 ? trashStore.getAllKeys() : [],
    ]);
    if (incoming.length > 0) {
      if (stored <= incoming.length * 4) {
        pages.load(await store.getAll());
      } else {
        // A small import into a big store: read only the pages it touches, and the pages
        // holding notes with its ids.
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
    const trashWrites = requestsOf(trashStore);
    const inTrash = new Set<string>(trashKeys as string[]);
    const putAside = (note: Annotation): string => {
      const id = asideId(note);
      if (!inTrash.has(id)) {
        trashWrites.put({ annotation: { ...note, id }, deletedAt: asideAt });
        inTrash.add(id);
      }
      return id;
    };
    incoming.forEach((note, index) => {
      const known = byId.get(note.id);
      if (known) {
        if (sameVersion(note, known.note)) {
          report.duplicates.push({ index, id: note.id, duplicateOf: note.id, in: known.in });
          return;
        }
        const trusted =
          note.page.url === known.note.page.url &&
          !inFuture(note.updated) &&
          compareTimes(note.updated, known.note.updated) > 0;
        if (!trusted || known.in === 'batch') {
          report.stale.push({ index, id: note.id, trashedAs: putAside(note) });
          return;
        }
        // The file's later edit of the same note: the reader's version is kept in the trash.
        putAside(known.note);
        if (byContent.get(contentKey(known.note))?.id === note.id) {
          byContent.delete(contentKey(known.note));
        }
        pages.put(note);
        remember(note, 'batch');
        report.updated += 1;
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
      pages.put(added);
      remember(added, 'batch');
      report.added += 1;
    });

    pages.write(store);
    for (const entry of trash) {
      const id = entry.annotation.id;
      // The live note wins over its trashed copy; an entry already in the trash stays as is.
      if (byId.has(id) || inTrash.has(id)) continue;
      trashWrites.put({ ...entry, annotation: normaliseAnnotation(entry.annotation) });
      inTrash.add(id);
      report.trashRestored += 1;
    }
    return report;
  });
}
