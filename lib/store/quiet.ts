/**
 * Large writes the store makes itself (an import, a tag renamed on thousands of notes, a purge)
 * are announced as one "many notes changed" instead of being read back one document at a time.
 *
 * Why: PouchDB's live change feed reads every changed document again, one cursor step per
 * document, in a read transaction of its own. During an import of 10,000 notes that read ran
 * between the import's writes and held them up (IndexedDB runs a read-write transaction only
 * after the reads started before it), and each note was then fanned out on its own: the import
 * took several times as long as the writes alone, and the worker stayed busy for seconds after
 * it, slowing the popup opened next. The store knows what it wrote, so the followers of the
 * feed step aside while it writes and are told afterwards, in one event, that many notes
 * changed (the views then list their page again).
 *
 * Nothing is skipped that someone else wrote: the update sequence is read before and after the
 * write, and only when it moved by exactly the number of documents the store wrote (no
 * replication wrote in between) do followers jump over that span; otherwise they read it all,
 * as before.
 */
import type { NotesDatabase } from './pouch';

/** Writes of more documents than this are made quietly (views reload above 50 changes anyway). */
export const QUIET_ABOVE = 50;

/** Sequence numbers `(from, to]` hold exactly the documents one quiet write stored. */
export interface QuietSpan {
  from: number;
  to: number;
}

/** Something that reads the change feed (lib/store/feed.ts, the note index) and can step aside. */
export interface FeedFollower {
  /** Stops reading the feed; it remembers how far it had read. */
  pause(): void;
  /**
   * Reads again: from `span.to` when it had read exactly up to `span.from`, otherwise from
   * where it stopped. `span` is null when the write failed or others wrote meanwhile.
   * `announce` (default true) says the pause was a large write of the store's own, to be told
   * as one "many notes changed"; false: nothing to announce, what was stored meanwhile is read
   * and told as usual (`readAfterwards`).
   */
  resume(span: QuietSpan | null, announce?: boolean): void;
}

const followers = new WeakMap<NotesDatabase, Set<FeedFollower>>();

/** Registers a follower of `db`'s feed; returns a function that unregisters it. */
export function addFollower(db: NotesDatabase, follower: FeedFollower): () => void {
  let set = followers.get(db);
  if (!set) {
    set = new Set();
    followers.set(db, set);
  }
  set.add(follower);
  return () => {
    set.delete(follower);
  };
}

/** The database's update sequence, when it is a number (PouchDB's IndexedDB adapters). */
export async function updateSeq(db: NotesDatabase): Promise<number | undefined> {
  const info = await db.info();
  const seq = (info as { update_seq?: unknown }).update_seq;
  return typeof seq === 'number' ? seq : undefined;
}

/**
 * Runs `write` (which resolves to how many documents it stored) with every follower of `db`
 * paused, then resumes them, telling them whether they may jump over what it wrote. The
 * followers are resumed whatever happens; `write`'s error is rethrown. Resolves to the span
 * written, or null when others wrote meanwhile.
 */
export async function writeQuietly(
  db: NotesDatabase,
  write: () => Promise<number>,
): Promise<QuietSpan | null> {
  const paused = [...(followers.get(db) ?? [])];
  for (const follower of paused) follower.pause();
  let span: QuietSpan | null = null;
  try {
    const before = await updateSeq(db);
    const stored = await write();
    const after = await updateSeq(db).catch(() => undefined);
    if (before !== undefined && after !== undefined && after - before === stored) {
      span = { from: before, to: after };
    }
  } finally {
    for (const follower of paused) follower.resume(span);
  }
  return span;
}

/**
 * Runs `work` (a replication pulling many notes into `db`) with every follower of the feed
 * paused, then lets them read everything stored meanwhile in one go, as usual (each change
 * is still read, its conflicts resolved and its fan-out made: nothing is jumped over).
 *
 * Why: the live feed reads back each batch a replication writes, in a read transaction that
 * the next batch's write must wait for. During a first replication of 10,000 notes into
 * Chromium those reads, interleaved with forty writes, cost about a fifth of the time (25.1 s
 * against 19.6 s with no feed). One read after the pull does the same work without holding
 * the writes up. The price: changes stored while `work` runs reach open views when it ends,
 * so callers use this only for large pulls (lib/sync/replicator.ts), never for every sync.
 */
export async function readAfterwards<T>(db: NotesDatabase, work: () => Promise<T>): Promise<T> {
  const paused = [...(followers.get(db) ?? [])];
  for (const follower of paused) follower.pause();
  try {
    return await work();
  } finally {
    for (const follower of paused) follower.resume(null, false);
  }
}
