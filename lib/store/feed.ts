/**
 * The notes' change feed: every change to a note document, whoever made it (this reader's tabs
 * through the background, or replication from another device or a teammate), as it is
 * stored. The background fans these out to open tabs (lib/notes/feed.ts), so a note synced
 * from elsewhere appears in an open page like one saved in another tab; lib/sync may listen
 * too. A document that arrives with conflicts is resolved here (conflicts.ts), and the
 * resolution arrives in the feed in its turn.
 */
import type { Annotation } from '../annotation';
import { isTeammates, noteForViews } from './authors';
import { isChoiceId } from './choices';
import { type ConflictResolution, resolveConflicts } from './conflicts';
import { isNoteDoc, parseNoteDocId } from './pouch';
import { addFollower, updateSeq } from './quiet';
import type { DossierDB } from './schema';

/**
 * One change: a note now live (`note`), gone from the page (trashed or removed), or `reload`:
 * many notes changed at once (a large write by the store itself, see quiet.ts), so every view
 * should list its page again.
 */
export type NotesFeedEvent =
  | { kind: 'upsert'; url: string; note: Annotation }
  | { kind: 'delete'; url: string; id: string }
  | { kind: 'reload' };

/** Options of `watchNotes`. */
export interface WatchOptions {
  /** Called with each conflict resolved (its notice is for the reader). */
  onResolved?: (docId: string, resolution: ConflictResolution) => void;
  /**
   * Called when the losing version of a conflict arrives in the trash, whichever device
   * resolved the conflict: when another device resolved it first, this device never sees the
   * conflict itself, only its result, and the reader must still be told.
   */
  onSetAside?: (note: Annotation) => void;
  /**
   * Called with the note id of a document that came back to life or was removed for good
   * (here or on another device): a notice offering to restore it has nothing left to do.
   */
  onSettled?: (id: string) => void;
  /**
   * Called when one of the reader's library choices is stored or removed (choices.ts), most
   * often arriving from another device: the choices in force should be replayed.
   */
  onChoice?: () => void;
  /** Called when the feed fails (the caller may watch again on a fresh connection). */
  onError?: (error: unknown) => void;
  /**
   * Where the last feed stopped reading, kept where the next one finds it (the background: in
   * `storage.local`, across worker restarts). Given, the feed starts from there instead of from
   * now, so that what was stored while no feed read (a worker stopped in the middle of a large
   * pull, a feed that failed) still has its conflicts resolved and its other versions told.
   */
  mark?: FeedMark;
}

/** Keeps how far a feed read (see `WatchOptions.mark`). */
export interface FeedMark {
  load(): Promise<number | undefined>;
  save(seq: number): void;
}

/** Milliseconds between two saves of a feed's mark while changes keep coming. */
const MARK_EVERY_MS = 1_000;

/**
 * Calls `listener` with the changes stored from now on, in the order stored, gathered into
 * batches (everything the feed delivered before the next task). The store's own large writes
 * arrive as one `reload` (quiet.ts). Returns a function that stops watching.
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
  const push = (event: NotesFeedEvent) => {
    batch.push(event);
    timer ??= setTimeout(flush, 0);
  };

  /** The sequence number of the last change read; undefined until the feed has started. */
  let lastSeq: number | undefined;
  let feed: { cancel(): void } | undefined;
  let stopped = false;
  /** Quiet writes under way (they may overlap); the feed reads again when none is. */
  let paused = 0;
  /** Whether a quiet write ended during the pause, to be told as one reload when it ends. */
  let reloadDue = false;
  /** The pending save of how far the feed read (`options.mark`). */
  let markTimer: ReturnType<typeof setTimeout> | undefined;
  const saveMark = () => {
    markTimer = undefined;
    if (lastSeq !== undefined) options.mark?.save(lastSeq);
  };
  const markSoon = () => {
    if (options.mark) markTimer ??= setTimeout(saveMark, MARK_EVERY_MS);
  };

  const onChange = (change: {
    id: string;
    seq?: number | string;
    deleted?: boolean;
    doc?: unknown;
  }) => {
    if (typeof change.seq === 'number') {
      lastSeq = change.seq;
      markSoon();
    }
    const parsed = parseNoteDocId(change.id);
    if (!parsed) {
      if (isChoiceId(change.id)) options.onChoice?.();
      return;
    }
    db.index.apply(change.id, change.deleted === true);
    const doc = change.doc;
    if (isNoteDoc(doc) && doc._conflicts?.length) {
      resolveConflicts(db, change.id).then(
        (resolution) => {
          if (resolution) options.onResolved?.(change.id, resolution);
        },
        (error: unknown) => options.onError?.(error),
      );
    }
    // An other version is written once, at its first revision (conflicts.ts): later
    // revisions are the reader restoring or purging it. One the reader's own "Restore this
    // version" replaced is their choice, not a conflict to tell of; a teammate's (their
    // conflict, come through the team's database) is theirs to restore, not this reader's.
    if (
      !change.deleted &&
      isNoteDoc(doc) &&
      !isTeammates(doc) &&
      doc.trashed?.otherVersionOf &&
      !doc.trashed.replaced &&
      doc._rev.startsWith('1-')
    ) {
      options.onSetAside?.(noteForViews(doc));
    }
    if (change.deleted || (isNoteDoc(doc) && !doc.trashed)) options.onSettled?.(parsed.id);
    push(
      !change.deleted && isNoteDoc(doc) && !doc.trashed
        ? { kind: 'upsert', url: doc.note.page.url, note: noteForViews(doc) }
        : { kind: 'delete', url: parsed.url, id: parsed.id },
    );
  };

  const start = (since: number) => {
    if (stopped || paused > 0) return;
    // A feed cancelled for a quiet write may still deliver what it had read: only the
    // current one is listened to.
    const current = db.notes.changes({ since, live: true, include_docs: true, conflicts: true });
    feed = current;
    current.on('change', (change) => {
      if (feed === current) onChange(change);
    });
    current.on('error', (error) => {
      if (feed === current) options.onError?.(error);
    });
  };

  const unfollow = addFollower(db.notes, {
    pause() {
      paused += 1;
      feed?.cancel();
      feed = undefined;
    },
    resume(span, announce = true) {
      paused -= 1;
      // Jump over the write only when everything before it was read (quiet.ts).
      if (span && lastSeq === span.from) {
        lastSeq = span.to;
        markSoon();
      }
      if (announce) reloadDue = true;
      if (paused > 0) return;
      if (reloadDue) push({ kind: 'reload' });
      reloadDue = false;
      if (lastSeq !== undefined) start(lastSeq);
    },
  });

  // Start from the current update sequence ("now"), known, so a quiet write can be jumped; or
  // from where the last feed stopped reading, when that is known and not past now (a database
  // made afresh starts its sequence again).
  Promise.all([updateSeq(db.notes), options.mark?.load().catch(() => undefined)]).then(
    ([seq, saved]) => {
      const now = seq ?? 0;
      lastSeq = saved !== undefined && saved <= now ? saved : now;
      start(lastSeq);
    },
    (error: unknown) => options.onError?.(error),
  );

  return () => {
    stopped = true;
    unfollow();
    feed?.cancel();
    feed = undefined;
    if (timer !== undefined) clearTimeout(timer);
    flush();
    if (markTimer !== undefined) {
      clearTimeout(markTimer);
      saveMark();
    }
  };
}
