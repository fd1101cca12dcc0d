/**
 * The replication controller of the background (issue 14): replicates the notes database with
 * the reader's database on a CouchDB-protocol server, and pushes the chosen notes to team
 * databases and pulls the teammates' notes back. A cycle is a few one-shot PouchDB replications
 * (push, pull, push: see `cycle`), each writing a checkpoint on the server after every batch
 * (PULL and PUSH below): a cycle cut short (the server went away, the service worker was
 * stopped) starts again from the last checkpoint, and since documents travel with their
 * revisions nothing is duplicated. Cycles run at start, after each local write, whenever the
 * server announces a change (a long-poll on its changes feed while the worker lives), on a retry
 * timer after a failure, and on the background's `chrome.alarms` alarm.
 *
 * The controller takes the local database and the way to open remote ones as parameters, so the
 * tests run it in Node against the test server (scripts/couch/server.ts).
 */

import { type SyncConfig, serverBase, type TeamChoice } from './config';
import { goesToTeam, isOwnNote, NOTE_PREFIX, type NoteDocument, stampAuthor } from './documents';
import { nextState, retries, type SyncEvent, type SyncState } from './state';
import { readWithheld, withheldFrom } from './switch';

/**
 * The part of a PouchDB database the controller uses. Written out here rather than taken from
 * @types/pouchdb-core, whose global declarations pull another Node typing into the whole project.
 */
export interface Database {
  get(id: string): Promise<Record<string, unknown> & { _id: string; _rev: string }>;
  put(doc: Record<string, unknown> & { _id: string }): Promise<{ ok: boolean; rev: string }>;
  bulkDocs(docs: Record<string, unknown>[]): Promise<unknown[]>;
  changes(options: {
    since: string | number;
    include_docs?: boolean;
    limit?: number;
    live?: false;
  }): Promise<{ results: { id: string; doc?: unknown }[]; last_seq: string | number }>;
  changes(options: { since: string | number; live: true }): ChangesFeed;
  allDocs(options: { startkey: string; endkey: string }): Promise<{ rows: { id: string }[] }>;
  allDocs(options: { keys: string[]; include_docs: true }): Promise<{
    rows: { key: string; doc?: (NoteDocument & { _rev: string }) | null; error?: string }[];
  }>;
  /**
   * How many documents the database holds, and its update sequence (PouchDB's and CouchDB's
   * `info`; a number in PouchDB's local adapters, an opaque string on a server).
   */
  info(): Promise<{ doc_count?: number; update_seq?: unknown }>;
}

/** A live changes feed (PouchDB's `changes({ live: true })`). */
export interface ChangesFeed {
  on(event: 'change' | 'error', listener: (value: unknown) => void): unknown;
  cancel(): void;
}

/** Runs a one-shot replication from `source` to `target` (PouchDB.replicate). */
export type Replicate = (
  source: Database,
  target: Database,
  options: {
    batch_size: number;
    filter?: (doc: NoteDocument) => boolean;
    /** Which side keeps the replication's checkpoints (PouchDB's `checkpoint` option). */
    checkpoint?: 'source' | 'target';
    /** What the filter depends on, for the replication's id (PouchDB's `query_params`). */
    query_params?: Record<string, string | null>;
    /**
     * Start after this source sequence: PouchDB first writes it as the checkpoint, then reads
     * the changes after it (PouchDB's `since` option).
     */
    since?: number;
  },
) => PromiseLike<ReplicationResult> & {
  cancel(): void;
};

/** What a one-shot replication resolves with (the part of PouchDB's result the controller reads). */
export interface ReplicationResult {
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
  /** The source sequence the replication read through (and checkpointed). */
  last_seq?: unknown;
  /** 'complete', or 'cancelled' when it was stopped. */
  status?: string;
}

/** What the controller needs. */
export interface ReplicatorDeps {
  local: Database;
  /** Opens a database on the server with the reader's credentials (never creating it). */
  remote(url: string, config: SyncConfig): Database;
  replicate: Replicate;
  now?: () => number;
  /** Told every state change (the background keeps it and answers `sync/status`). */
  onState?(state: SyncState): void;
  /** Milliseconds before the first retry after a failure (doubles up to a minute). */
  retryMs?: number;
  /**
   * Milliseconds a cycle may go without progress (a batch replicated, a step finished) before
   * it is given up as a server that stopped answering: its replications are cancelled, the
   * state says so, and it is retried like a server that is down. Default a minute.
   */
  stallMs?: number;
  /** The state saved by a previous worker (its last sync time survives restarts). */
  initial?: SyncState;
  /**
   * Runs a large pull with the local change feed's readers stepping aside until it ends
   * (lib/store/quiet.ts `readAfterwards`); absent: pulls run as they are.
   */
  quietly?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The replication controller. */
export interface Replicator {
  /** Takes new settings (null: sync off) and starts a cycle when on. */
  configure(config: SyncConfig | null): Promise<SyncState>;
  /**
   * Stops the running cycle (and the timers and feeds that would start one) and waits for it:
   * until `configure` is called again, nothing syncs. Before a switch of user, so that what the
   * previous user's cycle would still pull is not left out of what is withheld.
   */
  halt(): Promise<void>;
  /**
   * Runs a cycle now (or right after the running one) and resolves with the state after it.
   * `checkServer`: push even when nothing was written here since the last push, so that the
   * push compares with the server's own checkpoint (the reader's "Sync now" and the alarm's
   * cycle: a server database wiped or restored from an old copy gets every note back).
   * `automatic`: a cycle nobody asked for (the alarm's), skipped while the password is refused.
   */
  syncNow(options?: { checkServer?: boolean; automatic?: boolean }): Promise<SyncState>;
  /** A local write happened: sync soon (unless the password is refused). */
  written(): void;
  state(): SyncState;
  /** Stops every timer, long-poll and replication (the tests' teardown). */
  destroy(): void;
}

/**
 * Documents per replication batch. Each batch costs a few fixed round trips and one IndexedDB
 * transaction; 1,000 notes (about a megabyte) took a first replication of 10,000 notes from
 * 32.6 s to 29.5 s in Chromium against 250 (scripts/bench/devices-chromium.ts).
 */
const BATCH_SIZE = 1000;
/**
 * Replication's checkpoints are kept on the server only, for pulls and pushes alike. Why: a
 * checkpoint in the local database is one more IndexedDB write per batch, and every write of
 * the notes database waits for the disk (strict durability, pouch.ts), which made a
 * checkpoint cost about a third of a second on a busy machine. The server's copy is enough to
 * resume: a pull writes it only after the batch is durably stored here, and a push after the
 * server stored it. A new local database has a new replication id, so it never resumes from
 * another database's checkpoint.
 */
const PULL = { batch_size: BATCH_SIZE, checkpoint: 'source' } as const;
const PUSH = { batch_size: BATCH_SIZE, checkpoint: 'target' } as const;
/** A pull expected to bring more notes than this is read back by the change feed afterwards. */
const LARGE_PULL = 1000;
/** How long a local write waits for more before the cycle (several saves, one cycle). */
const WRITE_DELAY_MS = 150;
/** How long a cycle may go without progress before it is given up (`stallMs`). */
const STALL_MS = 60_000;
/** The longest wait between retries while the worker lives. */
const MAX_RETRY_MS = 60_000;
/** Where the progress of author stamping is kept (a local document: it never replicates). */
const STAMP_DOC = '_local/dossier-author-stamp';
/** Local changes read per step when looking for notes to withdraw from a team. */
const WITHDRAW_STEP = 2_000;

/** Creates the controller, off until `configure` is given settings. */
export function createReplicator(deps: ReplicatorDeps): Replicator {
  const now = deps.now ?? Date.now;
  let config: SyncConfig | null = null;
  let state: SyncState = deps.initial ?? { kind: 'off' };
  let running: Promise<SyncState> | null = null;
  let again = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let writeTimer: ReturnType<typeof setTimeout> | null = null;
  let retryDelay = deps.retryMs ?? 1_000;
  /**
   * Milliseconds before the cycle that reopens a change feed that died. Doubles (up to a
   * minute) while feeds keep dying without telling anything, as behind a proxy that cuts long
   * requests, so that such a network never brings a cycle a second; back to the first delay
   * once a feed tells a change.
   */
  let feedDelay = deps.retryMs ?? 1_000;
  /** The open change feeds, by server database. */
  let watchers = new Map<string, { cancel(): void }>();
  let inFlight: { cancel(): void }[] = [];
  let generation = 0;
  let destroyed = false;
  /** Notes the server refused since the settings were given (shown until they change). */
  let deniedTotal = 0;
  /**
   * Whether the running cycle's push to the reader's database has started. Until it has, a
   * local write needs no cycle of its own: the push reads every change stored before it starts.
   */
  let pushing = false;
  /**
   * The local sequence through which the last completed push to the reader's database read
   * (PouchDB's `last_seq`, also its checkpoint on the server); undefined when unknown (a new
   * worker, new settings, a push that failed). Kept in memory only: unknown costs one push
   * that reads from the server's checkpoint, as before.
   */
  let pushedThrough: number | undefined;
  /**
   * For each server database, the sequence through which the last completed cycle pulled it:
   * where its change feed starts (`watch`), so that a change stored on the server after the
   * pull read it and before the feed opened is still told.
   */
  let pulledThrough = new Map<string, string | number>();
  /**
   * The next cycle starts with a push whatever `pushedThrough` says (`syncNow`'s
   * `checkServer`). Taken by the cycle that starts next, so a request made while a cycle runs
   * is honoured by the one after it.
   */
  let checkServer = false;
  /**
   * The running cycle's number. A cycle given up as stalled may still wake later (its server
   * answering at last); it then changes nothing the next cycle relies on.
   */
  let cycleNumber = 0;
  /** Tells the watchdog of the running cycle that it made progress (`guarded`). */
  let progressed = () => {};

  const set = (event: SyncEvent) => {
    state = nextState(state, event);
    deps.onState?.(state);
  };

  const clearTimers = () => {
    if (retryTimer) clearTimeout(retryTimer);
    if (writeTimer) clearTimeout(writeTimer);
    retryTimer = writeTimer = null;
  };

  const stopWatching = () => {
    for (const w of watchers.values()) w.cancel();
    watchers = new Map();
  };

  const replicate: Replicate = (source, target, options) => {
    const run = deps.replicate(source, target, options);
    inFlight.push(run);
    // Each batch replicated is progress (PouchDB's replication is an event emitter).
    (run as { on?: (event: string, listener: () => void) => unknown }).on?.('change', () =>
      progressed(),
    );
    return run;
  };

  /**
   * Runs a cycle, giving it up when it goes `stallMs` without progress: a server that accepts
   * the connection and never answers would otherwise leave the state "syncing" for ever and no
   * cycle could run again. Each finished step and each batch counts as progress.
   */
  const guarded = (cfg: SyncConfig): Promise<number> => {
    const stallMs = deps.stallMs ?? STALL_MS;
    return new Promise<number>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const settle = () => {
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
      };
      const arm = () => {
        if (settled) return;
        if (timer !== undefined) clearTimeout(timer);
        timer = setTimeout(() => {
          settle();
          // The stalled cycle's later steps find they are no longer the running one.
          cycleNumber += 1;
          for (const run of inFlight) run.cancel();
          reject(stalled(stallMs));
        }, stallMs);
      };
      progressed = arm;
      arm();
      cycle(cfg).then(
        (denied) => {
          settle();
          resolve(denied);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
    });
  };

  /**
   * Pushes, pulls and pushes again once; throws the first failure. Returns the changes the
   * server refused.
   *
   * Why two pushes: a push reads the local changes since its checkpoint, and what a pull
   * stores here is local changes too. Pushed as they are, the notes just pulled went back to
   * the server to be asked about (`revs_diff`) one batch at a time: after a first replication
   * of 10,000 notes that read-back took most of the cycle. So the cycle first pushes what this
   * device wrote since its last push, then pulls, and when the local sequence moved by exactly
   * the revisions the pull wrote (nothing else was written meanwhile), the last push starts
   * after them (`since`). Otherwise it reads them like any other change: a note written while
   * the pull ran is never jumped over.
   */
  const cycle = async (cfg: SyncConfig): Promise<number> => {
    const mine = ++cycleNumber;
    const current = () => mine === cycleNumber;
    const base = serverBase(cfg.server);
    const personal = deps.remote(`${base}/${cfg.database}`, cfg);
    let denied = 0;
    const pulled = new Map<string, string | number>();
    // Notes synced as another user on this profile, which the reader chose to keep local
    // (lib/sync/switch.ts), go nowhere from here.
    const held = withheldFrom(await readWithheld(deps.local), cfg.user);
    if (checkServer) {
      checkServer = false;
      pushedThrough = undefined;
    }
    const pushPersonal = async (since?: number) => {
      // Unknown until this push completes (a failure leaves it unknown).
      if (current()) pushedThrough = undefined;
      const push = await replicate(deps.local, personal, {
        ...PUSH,
        filter: (doc) => notDesign(doc) && !held.has(doc._id),
        ...(since === undefined ? {} : { since }),
      });
      failOn(push);
      denied += push.doc_write_failures;
      if (!current()) throw stalled(0);
      pushedThrough = push.status === 'complete' ? sequence(push.last_seq) : undefined;
      progressed();
    };
    // What this device wrote since the last push goes first; nothing to do when the local
    // sequence has not moved since (a cycle woken by the server's change feed).
    if (pushedThrough === undefined || pushedThrough !== (await localSeq())) await pushPersonal();
    const before = await localSeq();
    const pulling = async () => replicate(personal, deps.local, { ...PULL, filter: notDesign });
    const pull =
      deps.quietly && (await largePull(personal)) ? await deps.quietly(pulling) : await pulling();
    failOn(pull);
    if (!current()) throw stalled(0);
    remember(pulled, cfg.database, pull);
    progressed();
    // From here a local write is told after the sequence below is read, or is counted in it.
    pushing = true;
    const after = await localSeq();
    // The pull's own revisions only, right after what the first push sent: start after them.
    const pulledOnly =
      before !== undefined &&
      after !== undefined &&
      before === pushedThrough &&
      pull.docs_written > 0 &&
      after - before === pull.docs_written;
    if (after === undefined || after !== pushedThrough) {
      await pushPersonal(pulledOnly ? after : undefined);
    }
    if (cfg.teams.length > 0) await stampOwnNotes(deps.local, cfg.user, held);
    for (const team of cfg.teams) {
      if (!current()) throw stalled(0);
      const db = deps.remote(`${base}/${team.database}`, cfg);
      const out = await replicate(deps.local, db, {
        ...PUSH,
        filter: (doc) => goesToTeam(doc, team.tag, cfg.user) && !held.has(doc._id),
        // PouchDB names a push's checkpoint after its filter's source text, the same whatever
        // the team's tag: these name it after the tag and the reader too, so that a team given
        // another tag (or all notes) is sent every note it now takes, not only later edits.
        query_params: { tag: team.tag, user: cfg.user },
      });
      failOn(out);
      // A note that lost the team's tag (or was deleted for good) leaves the team database.
      await withdrawFromTeam(deps.local, db, team, cfg.user);
      // Only notes come back: not the team's design document (its validation function).
      const back = await replicate(db, deps.local, { ...PULL, filter: isNote });
      failOn(back);
      remember(pulled, team.database, back);
      denied += out.doc_write_failures;
      progressed();
    }
    if (current()) pulledThrough = pulled;
    return denied;
  };

  /** The local database's update sequence, when it is a number (PouchDB's local adapters). */
  const localSeq = async (): Promise<number | undefined> =>
    sequence((await deps.local.info()).update_seq);

  /**
   * Whether the server holds many more notes than this device (a first replication, mostly):
   * such a pull is read back by the change feed once, afterwards (`quietly`). An ordinary cycle
   * brings a few notes, and the feed keeps telling open views of each change as it is stored.
   */
  const largePull = async (remote: Database): Promise<boolean> => {
    if (!deps.quietly) return false;
    const [there, here] = await Promise.all([remote.info(), deps.local.info()]);
    return (there.doc_count ?? 0) - (here.doc_count ?? 0) > LARGE_PULL;
  };

  /** Runs a cycle after `ms`, unless one is already due; returns whether it set one. */
  const cycleLater = (ms: number): boolean => {
    if (retryTimer || destroyed) return false;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void syncNow();
    }, ms);
    return true;
  };

  const scheduleRetry = () => {
    if (cycleLater(retryDelay)) retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
  };

  /**
   * Long-polls the server's changes so that another device's note arrives at once: opens the
   * feed of each database that has none (the first time, or after its feed died).
   */
  const watch = (cfg: SyncConfig, mine: number) => {
    if (destroyed) return;
    const base = serverBase(cfg.server);
    for (const name of [cfg.database, ...cfg.teams.map((t) => t.database)]) {
      if (watchers.has(name)) continue;
      // From where the last cycle's pull read (else from now): what reached the server since is
      // told at once, and is then pulled.
      const since = pulledThrough.get(name) ?? 'now';
      const feed = deps.remote(`${base}/${name}`, cfg).changes({ since, live: true });
      feed.on('change', () => {
        feedDelay = deps.retryMs ?? 1_000;
        if (mine === generation) void syncNow();
      });
      feed.on('error', () => {
        // The feed died with the server (or the network). A device with nothing to send runs no
        // cycle that could fail and be retried, and would hear of other devices' notes only at
        // the next alarm: a cycle is run soon, and the first one that succeeds opens a new feed
        // (while the server is still away, it fails and is retried like any other).
        if (watchers.get(name) === feed) watchers.delete(name);
        if (mine === generation && cycleLater(feedDelay)) {
          feedDelay = Math.min(feedDelay * 2, MAX_RETRY_MS);
        }
      });
      watchers.set(name, feed);
    }
  };

  const syncNow = (
    options: { checkServer?: boolean; automatic?: boolean } = {},
  ): Promise<SyncState> => {
    // A refused password is tried again only when the reader asks (or changes the settings):
    // a timer trying it every minute could lock the account on the server.
    if (options.automatic && state.kind === 'refused') return Promise.resolve(state);
    if (options.checkServer) checkServer = true;
    if (running) {
      again = true;
      return running;
    }
    const cfg = config;
    if (!cfg || destroyed) return Promise.resolve(state);
    const mine = generation;
    running = (async () => {
      do {
        again = false;
        pushing = false;
        set({ type: 'active' });
        try {
          const denied = await guarded(cfg);
          if (mine !== generation) break;
          deniedTotal += denied;
          set({ type: 'complete', at: now(), denied: deniedTotal });
          retryDelay = deps.retryMs ?? 1_000;
          watch(cfg, mine);
        } catch (error) {
          if (mine !== generation) break;
          set({ type: 'failed', error });
          stopWatching();
          if (retries(state)) scheduleRetry();
          break;
        } finally {
          inFlight = [];
        }
      } while (again && mine === generation);
      return state;
    })().finally(() => {
      running = null;
    });
    return running;
  };

  /**
   * Stops the running cycle and everything that would start one, and waits for it to end: its
   * later steps find they are no longer the running cycle (`current`), so nothing more is
   * pushed or pulled under the old settings.
   */
  const halt = async () => {
    generation += 1;
    cycleNumber += 1;
    clearTimers();
    stopWatching();
    for (const run of inFlight) run.cancel();
    inFlight = [];
    if (running) await running.catch(() => undefined);
  };

  return {
    halt,
    async configure(next) {
      await halt();
      config = next;
      deniedTotal = 0;
      pushedThrough = undefined;
      pulledThrough = new Map();
      retryDelay = deps.retryMs ?? 1_000;
      feedDelay = deps.retryMs ?? 1_000;
      if (!next) {
        set({ type: 'stop' });
        return state;
      }
      return syncNow();
    },
    syncNow,
    written() {
      // A write stored before the running cycle's push starts goes with that push. (Writes are
      // told after they are stored: the change feed reports only stored changes.)
      if (running && !pushing) return;
      if (!config || writeTimer || state.kind === 'refused') return;
      writeTimer = setTimeout(() => {
        writeTimer = null;
        void syncNow();
      }, WRITE_DELAY_MS);
    },
    state: () => state,
    destroy() {
      destroyed = true;
      generation += 1;
      clearTimers();
      stopWatching();
      for (const run of inFlight) run.cancel();
    },
  };
}

/**
 * The error of a cycle given up after `ms` without progress (lib/sync/state.ts says it in
 * words). Also thrown, to end it quietly, by a cycle that wakes after it was given up.
 */
function stalled(ms: number): Error {
  return Object.assign(new Error(`The server stopped answering for ${Math.round(ms / 1000)} s.`), {
    name: 'timeout',
  });
}

/** A sequence when it is a number (PouchDB's local adapters), else undefined. */
function sequence(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Keeps in `pulled` the sequence through which `result` (a pull) read server database
 * `database`: a number on the test server and PouchDB, an opaque text on CouchDB.
 */
function remember(
  pulled: Map<string, string | number>,
  database: string,
  result: ReplicationResult,
): void {
  const seq = result.last_seq;
  if (typeof seq === 'string' || typeof seq === 'number') pulled.set(database, seq);
}

/** Everything but design documents (a server's own, which only its admins may write). */
const notDesign = (doc: NoteDocument) => !doc._id.startsWith('_design/');

/** Note documents only. */
const isNote = (doc: NoteDocument) => doc._id.startsWith(NOTE_PREFIX);

/**
 * Throws a replication's first error (PouchDB resolves a batch's per-note failures in `errors`).
 * A note the server's validation refused (`forbidden`) is counted, not fatal: the rest went.
 */
function failOn(result: { errors: unknown[] }): void {
  const error = result.errors.find((e) => !isRefusedNote(e));
  if (error) throw error;
}

/** True for the answer to one note refused by the server's validation function. */
function isRefusedNote(error: unknown): boolean {
  const e = (error ?? {}) as { status?: unknown; name?: unknown; error?: unknown };
  const name = String(e.name ?? e.error ?? '').toLowerCase();
  return e.status === 403 || name === 'forbidden' || name === 'unauthorized';
}

/**
 * Writes the reader's user name into each of their notes that has none, so that a team database
 * (whose validation checks the author) takes them. Goes through the changes since the last run
 * (kept in a local document), so a cycle costs only the notes written since.
 */
async function stampOwnNotes(
  local: Database,
  user: string,
  held: ReadonlySet<string>,
): Promise<void> {
  let since: string | number = 0;
  let stampRev: string | undefined;
  try {
    const done = (await local.get(STAMP_DOC)) as {
      seq?: string | number;
      _rev: string;
      user?: unknown;
    };
    if (done.user === user && done.seq !== undefined) since = done.seq;
    stampRev = done._rev;
  } catch {
    // First run: from the beginning.
  }
  const changes = await local.changes({ since, include_docs: true, limit: 5_000 });
  const stamped: Record<string, unknown>[] = [];
  for (const change of changes.results) {
    const doc = change.doc as unknown as NoteDocument | undefined;
    if (!doc?._id.startsWith(NOTE_PREFIX) || held.has(doc._id)) continue;
    const next = stampAuthor(doc, user);
    if (next) stamped.push({ ...next });
  }
  // A note the store changed meanwhile refuses (409) and is stamped on a later cycle, when its
  // newer revision comes through the changes feed.
  if (stamped.length > 0) await local.bulkDocs(stamped);
  await local.put({
    _id: STAMP_DOC,
    ...(stampRev ? { _rev: stampRev } : {}),
    seq: changes.last_seq,
    user,
  });
  if (changes.results.length === 5_000) await stampOwnNotes(local, user, held);
}

/** The local document keeping how far withdrawal from one team database has read. */
function withdrawDoc(database: string): string {
  return `_local/dossier-withdrawn-${database}`;
}

/**
 * Deletes from a team database the reader's notes that no longer go to it: a note whose tag
 * for the team was taken off, or that was deleted for good here. The push only sends what
 * goes, so without this the team would keep the note's old version for ever. Only notes the
 * team holds under the reader's own name are deleted (the server allows nothing else), and a
 * note that gains the tag again is simply pushed again (its new revision wins over the
 * deletion). Reads only the local changes since its last run (kept in a local document).
 * Returns how many notes it deleted from the team database.
 */
export async function withdrawFromTeam(
  local: Database,
  team: Database,
  choice: TeamChoice,
  user: string,
): Promise<number> {
  const mark = withdrawDoc(choice.database);
  let since: string | number = 0;
  let rev: string | undefined;
  try {
    const done = (await local.get(mark)) as { seq?: string | number; _rev: string; key?: unknown };
    rev = done._rev;
    // Other settings (another tag, another user): every note is looked at again.
    if (done.key === `${user}\n${choice.tag}` && done.seq !== undefined) since = done.seq;
  } catch {
    // First run for this team: from the beginning.
  }
  let withdrawn = 0;
  for (;;) {
    const changes = await local.changes({ since, include_docs: true, limit: WITHDRAW_STEP });
    const leaving: string[] = [];
    for (const change of changes.results) {
      if (!change.id.startsWith(NOTE_PREFIX)) continue;
      const doc = change.doc as NoteDocument | undefined;
      if (!doc || doc._deleted) leaving.push(change.id);
      else if (isOwnNote(doc, user) && !goesToTeam(doc, choice.tag, user)) leaving.push(change.id);
    }
    if (leaving.length > 0) {
      const held = await team.allDocs({ keys: leaving, include_docs: true });
      const removals = held.rows.flatMap((row) =>
        row.doc && !row.doc._deleted && row.doc.author === user
          ? [{ _id: row.doc._id, _rev: row.doc._rev, _deleted: true }]
          : [],
      );
      if (removals.length > 0) {
        const results = (await team.bulkDocs(removals)) as { error?: unknown }[];
        const failed = results.filter((r) => r.error).length;
        withdrawn += results.length - failed;
        // Tried again next cycle from the same place (the team's copy changed meanwhile).
        if (failed > 0) return withdrawn;
      }
    }
    since = changes.last_seq;
    if (changes.results.length < WITHDRAW_STEP) break;
  }
  await local.put({
    _id: mark,
    ...(rev ? { _rev: rev } : {}),
    seq: since,
    key: `${user}\n${choice.tag}`,
  });
  return withdrawn;
}
