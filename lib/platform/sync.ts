/**
 * Sync in the background (issue 14): the reader's settings and the last state in
 * `storage.local` (never `storage.sync`), the replication controller (lib/sync/replicator.ts),
 * and the three moments it resumes by itself besides each write: at worker start, on a
 * `chrome.alarms` alarm (which wakes a stopped worker, unlike a timer), and on the retry timer
 * while the worker lives. Host access for the server is an optional permission the side panel
 * asks for when the reader saves the settings; without it sync says so instead of failing.
 */
import { browser } from 'wxt/browser';
import type { Annotation } from '../annotation';
import type { RequestOf, SyncNotice, SyncState, SyncStatus } from '../protocol';
import { type NotesDatabase, readAfterwards, setLastSignedInUser, setSignedInUser } from '../store';
import { parseSyncConfig, personalDatabase, type SyncConfig } from '../sync/config';
import {
  asideNotice,
  keepNotices,
  noticesOf,
  parseNotices,
  type ResolutionSummary,
} from '../sync/notices';
import { openRemote, replicate } from '../sync/remote';
import { createReplicator, type Database, type Replicator } from '../sync/replicator';
import { notesAtSwitch, withholdFor } from '../sync/switch';
import { hasAccess } from './sync-access';

/** The alarm that resumes sync after a worker stop or a failure. */
export const SYNC_ALARM = 'dossier-sync';
/** Minutes between alarm cycles (Chrome's shortest period is half a minute). */
const ALARM_MINUTES = 1;
const CONFIG_KEY = 'sync';
const STATE_KEY = 'syncState';
/** The user who last synced this profile (kept when sync is turned off: lib/sync/switch.ts). */
const SYNCED_AS_KEY = 'syncedAs';
/** The conflict notices not yet dismissed (lib/sync/notices.ts). */
const NOTICES_KEY = 'syncNotices';

/** What the background's message handlers call. */
export interface SyncService {
  status(): Promise<SyncStatus>;
  configure(request: RequestOf<'sync/configure'>): Promise<SyncStatus>;
  off(): Promise<SyncStatus>;
  now(): Promise<SyncStatus>;
  /** A note was written: sync soon. */
  written(): void;
  /** The conflict notices not yet dismissed, newest first. */
  notices(): Promise<SyncNotice[]>;
  /** Keeps the notices a conflict resolution raises. */
  resolved(resolution: ResolutionSummary): Promise<void>;
  /** Keeps the notice of a conflict's other version arriving in the trash. */
  setAside(note: Annotation): Promise<void>;
  /** Dismisses a notice; returns those left. */
  dismiss(id: string): Promise<SyncNotice[]>;
  /**
   * A note came back to life or was removed for good (here or on another device): the notices
   * offering to restore it go away, on every device the change reaches.
   */
  settled(noteId: string): Promise<void>;
}

/**
 * Starts sync over `local` (the notes database, from lib/store), or leaves it unavailable when
 * `local` resolves to null.
 */
export function startSync(local: () => Promise<Database | null>): SyncService {
  let replicator: Replicator | null = null;
  let config: SyncConfig | null = null;
  let saved: SyncState = { kind: 'off' };

  let database: Database | null = null;
  let noticeWrites: Promise<void> = Promise.resolve();
  /** The notes the kept notices would restore, once read (so most changes read nothing). */
  let restorable: Set<string> | null = null;
  const notices = async (): Promise<SyncNotice[]> => {
    const list = parseNotices((await browser.storage.local.get(NOTICES_KEY))[NOTICES_KEY]);
    restorable = new Set(list.map((n) => n.restoreId));
    return list;
  };
  /** Keeps the notices that pass `keep` (one change at a time); returns those left. */
  const filterNotices = async (keep: (n: SyncNotice) => boolean): Promise<SyncNotice[]> => {
    noticeWrites = noticeWrites.then(async () => {
      await browser.storage.local.set({ [NOTICES_KEY]: (await notices()).filter(keep) });
    });
    await noticeWrites;
    return notices();
  };

  /** Adds notices (each decision once: both devices may tell of one conflict). */
  const keep = async (added: SyncNotice[]): Promise<void> => {
    if (added.length === 0) return;
    // One change at a time, so two resolutions in a burst both keep their notices.
    noticeWrites = noticeWrites.then(async () => {
      await browser.storage.local.set({ [NOTICES_KEY]: keepNotices(await notices(), added) });
      for (const notice of added) restorable?.add(notice.restoreId);
    });
    await noticeWrites;
  };

  const ready = (async () => {
    const stored = await browser.storage.local.get([CONFIG_KEY, STATE_KEY, SYNCED_AS_KEY]);
    config = parseSyncConfig(stored[CONFIG_KEY]);
    // The store tells the reader's notes from teammates' by this name: set before any sync.
    // With sync off, the name it last synced under still marks the reader's own notes.
    setSignedInUser(config?.user);
    const syncedAs = stored[SYNCED_AS_KEY];
    setLastSignedInUser(typeof syncedAs === 'string' ? syncedAs : undefined);
    saved = parseState(stored[STATE_KEY]);
    const db = await local().catch(() => null);
    if (!db) return;
    database = db;
    const access = config !== null && (await hasAccess(config.server));
    replicator = createReplicator({
      local: db,
      remote: openRemote,
      replicate,
      // A large pull is read back by the change feed once, when it ends (lib/store/quiet.ts).
      quietly: (work) => readAfterwards(db as unknown as NotesDatabase, work),
      initial: !config ? { kind: 'off' } : access ? saved : noAccess(config.server, saved),
      onState: (state) => void browser.storage.local.set({ [STATE_KEY]: state }).catch(() => {}),
    });
    if (config && access) await replicator.configure(config);
  })();

  const status = (): SyncStatus => ({
    state: replicator?.state() ?? (config ? noStore() : { kind: 'off' }),
    settings: config && {
      server: config.server,
      user: config.user,
      database: config.database,
      teams: config.teams,
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    // The timer's cycle also checks the server's copy: a database wiped or restored there gets
    // its notes back even when nothing was written here.
    if (alarm.name === SYNC_ALARM)
      void ready.then(() => replicator?.syncNow({ checkServer: true, automatic: true }));
  });
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) {
      void browser.alarms.create(SYNC_ALARM, {
        delayInMinutes: ALARM_MINUTES,
        periodInMinutes: ALARM_MINUTES,
      });
    }
  });

  return {
    async status() {
      await ready;
      return status();
    },
    async configure(request) {
      await ready;
      if (!(await hasAccess(request.server))) {
        throw new Error(
          `Dossier may not reach ${new URL(request.server).host} yet: allow it first.`,
        );
      }
      // Another user synced this profile before: their notes go to this account only if the
      // reader says so; until they answer, nothing changes.
      const stored = await browser.storage.local.get(SYNCED_AS_KEY);
      const previous = typeof stored[SYNCED_AS_KEY] === 'string' ? stored[SYNCED_AS_KEY] : null;
      if (previous !== null && previous !== request.user && database) {
        if (request.previousNotes === undefined) {
          const question = await notesAtSwitch(database, previous, request.user);
          if (question.notes > 0) return { ...status(), question };
        }
        // The previous user's cycle ends first: what it would still pull is withheld too.
        if (replicator) await replicator.halt();
        if (request.previousNotes !== 'send') await withholdFor(database, previous);
      }
      const password = request.password ?? (config?.user === request.user ? config.password : '');
      const next: SyncConfig = {
        server: request.server,
        user: request.user,
        password,
        database: personalDatabase(request.user),
        teams: request.teams,
      };
      config = next;
      setSignedInUser(next.user);
      setLastSignedInUser(next.user);
      await browser.storage.local.set({ [CONFIG_KEY]: next, [SYNCED_AS_KEY]: next.user });
      if (replicator) await replicator.configure(next);
      return status();
    },
    async off() {
      await ready;
      config = null;
      setSignedInUser(undefined);
      await browser.storage.local.remove([CONFIG_KEY, STATE_KEY]);
      if (replicator) await replicator.configure(null);
      return status();
    },
    async now() {
      await ready;
      if (config && replicator) await replicator.syncNow({ checkServer: true });
      return status();
    },
    written() {
      void ready.then(() => replicator?.written());
    },
    notices,
    resolved: (resolution) => keep(noticesOf(resolution, Date.now())),
    setAside: (note) => keep([asideNotice(note, Date.now())]),
    dismiss: (id) => filterNotices((n) => n.id !== id),
    async settled(noteId) {
      if (restorable === null) await notices();
      if (!restorable?.has(noteId)) return;
      await filterNotices((n) => n.restoreId !== noteId);
    },
  };
}

/** The state shown while the notes store cannot replicate (it never should in a release). */
function noStore(): SyncState {
  return {
    kind: 'server-error',
    lastSync: null,
    status: null,
    message: 'The notes store cannot replicate in this build.',
  };
}

/**
 * The state while the browser no longer lets Dossier reach the server (the reader withdrew the
 * site access): nothing syncs until the settings are saved again, which asks for it.
 */
function noAccess(server: string, saved: SyncState): SyncState {
  return {
    kind: 'refused',
    lastSync: saved.kind === 'off' ? null : saved.lastSync,
    message: `Dossier may no longer reach ${server}: save the sync settings to allow it again.`,
  };
}

/** A stored state, or off when missing or damaged. */
function parseState(raw: unknown): SyncState {
  const kinds = ['off', 'syncing', 'up-to-date', 'offline', 'refused', 'server-error'];
  if (typeof raw !== 'object' || raw === null) return { kind: 'off' };
  const state = raw as { kind?: unknown; lastSync?: unknown };
  if (!kinds.includes(String(state.kind))) return { kind: 'off' };
  // A state saved mid-cycle by a stopped worker says nothing now; keep only the last sync time.
  const lastSync = typeof state.lastSync === 'number' ? state.lastSync : null;
  return lastSync === null ? { kind: 'off' } : { kind: 'up-to-date', lastSync };
}
