/**
 * The notes' change feed: every change to a note document, whoever made it (this reader's tabs
 * through the background, or replication from another device or a teammate), as it is
 * stored. The background fans these out to open tabs (lib/notes/feed.ts), so a note synced
 * from elsewhere appears in an open page like one saved in another tab; lib/sync may listen
 * too. A document that arrives with conflicts is resolved here (conflicts.ts), and the
 * resolution arrives in the feed in its turn.
 */
import type { Annotation } from '../annotation';
import { noteForViews } from './authors';
import { type ConflictResolution, resolveConflicts } from './conflicts';
import { isNoteDoc, parseNoteDocId } from './pouch';
import type { DossierDB } from './schema';

/** One change: a note now live (`note`), or gone from the page (trashed or removed). */
export type NotesFeedEvent =
  | { kind: 'upsert'; url: string; note: Annotation }
  | { kind: 'delete'; url: string; id: string };

/** Options of `watchNotes`. */
export interface WatchOptions {
  /** Called with each conflict resolved (its notice is for the reader). */
  onResolved?: (docId: string, resolution: ConflictResolution) => void;
  /** Called when the feed fails (the caller may watch again on a fresh connection). */
  onError?: (error: unknown) => void;
}

/**
 * Calls `listener` with the changes stored from now on, in the order stored, gathered into
 * batches (everything the feed delivered before the next task), so that an import of 10,000
 * notes can be announced as one reload. Returns a function that stops watching.
 */
export function watchNotes(
  db: DossierDB,
  listener: (events: NotesFeedEvent[]) => void,
  options: WatchOptions = {},
): () => void {
  let batch: NotesFeedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const events = batch;
    batch = [];
    if (events.length > 0) listener(events);
  };
  const feed = db.notes.changes({ since: 'now', live: true, include_docs: true, conflicts: true });
  feed.on('change', (change) => {
    const parsed = parseNoteDocId(change.id);
    if (!parsed) return;
    db.index.apply(change.id, change.deleted === true);
    const doc = change.doc as unknown;
    if (isNoteDoc(doc) && doc._conflicts?.length) {
      resolveConflicts(db, change.id).then(
        (resolution) => {
          if (resolution) options.onResolved?.(change.id, resolution);
        },
        (error: unknown) => options.onError?.(error),
      );
    }
    batch.push(
      !change.deleted && isNoteDoc(doc) && !doc.trashed
        ? { kind: 'upsert', url: doc.note.page.url, note: noteForViews(doc) }
        : { kind: 'delete', url: parsed.url, id: parsed.id },
    );
    timer ??= setTimeout(flush, 0);
  });
  feed.on('error', (error) => options.onError?.(error));
  return () => {
    feed.cancel();
    if (timer !== undefined) clearTimeout(timer);
    flush();
  };
}
