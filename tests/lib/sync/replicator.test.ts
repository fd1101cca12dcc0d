// @vitest-environment node
/**
 * The replication controller against the CouchDB-protocol test server (or COUCH_URL): two
 * "devices", each a PouchDB database in memory with its own controller, as two browser profiles
 * would be. What the reader would notice: a note made on one reaches the other, edits on both
 * converge, a wrong password is refused, a server that goes away and comes back loses nothing,
 * a replication cut short catches up, and a teammate's note cannot be changed.
 */

import memory from 'pouchdb-adapter-memory/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import { describe, expect, it, vi } from 'vitest';
import { personalDatabase, type SyncConfig } from '../../../lib/sync/config';
import { editRefusal } from '../../../lib/sync/documents';
import { openRemote, replicate } from '../../../lib/sync/remote';
import {
  type ChangesFeed,
  createReplicator,
  type Database,
  type Replicator,
} from '../../../lib/sync/replicator';
import type { SyncState } from '../../../lib/sync/state';
import { notesAtSwitch, withholdFor } from '../../../lib/sync/switch';
import { applyCouchSetup, teamDatabase } from '../../../scripts/couch/setup';
import { freshName, useTestCouch } from '../../helpers/couch';

const Local = PouchDB.plugin(memory);
const alice = freshName('alice');
const bob = freshName('bob');
const team = freshName('team');
const tagTeam = freshName('tagteam');
const carol = freshName('carol');
const made: Replicator[] = [];
const couch = useTestCouch(
  {
    readers: [
      { name: alice, password: 'pa' },
      { name: bob, password: 'pb' },
      { name: carol, password: 'pc' },
    ],
    teams: [
      { name: team, members: [alice, bob] },
      { name: tagTeam, members: [alice, carol] },
    ],
  },
  made,
);

/** The part of a local database the tests read. */
interface LocalDatabase {
  put(doc: object): Promise<unknown>;
  allDocs(options: object): Promise<{ rows: { id: string; doc?: StoredNote }[] }>;
  get(id: string, options?: object): Promise<StoredNote & { _id: string; _rev: string }>;
}
interface StoredNote {
  _id: string;
  _rev?: string;
  _conflicts?: string[];
  type?: string;
  author?: string;
  note: { id: string; note: string; tags: string[] };
}

/** A device: a local database and its controller, signed in as `user`. */
function device(
  user: string,
  password: string,
  extra: Partial<SyncConfig> = {},
  local?: LocalDatabase,
  counting: ReturnType<typeof countingRemote> = { remote: openRemote, asked: [] },
) {
  const db =
    local ?? (new Local(freshName('local'), { adapter: 'memory' }) as unknown as LocalDatabase);
  const states: SyncState[] = [];
  const replicator = createReplicator({
    local: db as unknown as Database,
    remote: counting.remote,
    replicate,
    retryMs: 200,
    onState: (s) => states.push(s),
  });
  made.push(replicator);
  const config: SyncConfig = {
    server: couch.url,
    user,
    password,
    database: personalDatabase(user),
    teams: [],
    ...extra,
  };
  return { local: db, replicator, states, config, counting };
}

function note(id: string, text: string, tags: string[] = []) {
  return { _id: `note:example.org%2Fpaper:${id}`, type: 'note', note: { id, note: text, tags } };
}

/** Stores `count` notes at once on a device. */
async function bulk(local: LocalDatabase, count: number): Promise<void> {
  await (local as unknown as { bulkDocs(d: object[]): Promise<unknown> }).bulkDocs(
    Array.from({ length: count }, (_, i) => note(`n${i}`, `note ${i}`)),
  );
}

/**
 * Opens remote databases as the controller does, and records the ids each push asked the
 * reader's database about (`revsDiff`: "which of these revisions do you lack?"), which is how a
 * push sends a note back to the server.
 */
function countingRemote() {
  const asked: string[] = [];
  const remote = (url: string, config: SyncConfig): Database => {
    const db = openRemote(url, config) as unknown as Database & {
      revsDiff(diff: Record<string, string[]>): Promise<unknown>;
    };
    if (url.endsWith(`/${config.database}`)) {
      const revsDiff = db.revsDiff.bind(db);
      db.revsDiff = (diff) => {
        asked.push(...Object.keys(diff));
        return revsDiff(diff);
      };
    }
    return db;
  };
  return { remote, asked };
}

/**
 * Opens remote databases as the controller does, except that each live change feed is the one
 * `feedFor` makes, given how to open the real one.
 */
function withLiveFeeds(feedFor: (open: () => ChangesFeed) => ChangesFeed) {
  return (url: string, config: SyncConfig): Database => {
    const db = openRemote(url, config) as unknown as Database;
    const changes = db.changes.bind(db) as (options: object) => unknown;
    db.changes = ((options: { live?: boolean }) =>
      options.live
        ? feedFor(() => changes(options) as ChangesFeed)
        : changes(options)) as Database['changes'];
    return db;
  };
}

/**
 * Remote databases whose live change feeds open only once `release` is called (until then the
 * controller holds a feed that says nothing): the moment between a cycle's pull and its feed's
 * start, held open.
 */
function heldFeeds() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const remote = withLiveFeeds((open) => {
    const listeners: [event: 'change' | 'error', listener: (value: unknown) => void][] = [];
    let feed: ChangesFeed | undefined;
    let cancelled = false;
    void released.then(() => {
      if (cancelled) return;
      feed = open();
      for (const [event, listener] of listeners) feed.on(event, listener);
    });
    const held: ChangesFeed = {
      on(event, listener) {
        listeners.push([event, listener]);
        return held;
      },
      cancel() {
        cancelled = true;
        feed?.cancel();
      },
    };
    return held;
  });
  return { remote, release: () => release() };
}

/** A device made with a counting remote, with `asked()` giving and clearing what it asked. */
function counted<T extends object>(made: T & { counting: ReturnType<typeof countingRemote> }) {
  return {
    ...made,
    asked: () => made.counting.asked.splice(0).filter((id) => id.startsWith('note:')),
  };
}

/** A reader signed up on the server (password "po"), with no notes yet. */
async function newReader(): Promise<string> {
  const owner = freshName('reader');
  await applyCouchSetup(couch.url, couch.admin, {
    readers: [{ name: owner, password: 'po' }],
    teams: [],
  });
  return owner;
}

/** Waits until the reader's database on the server holds the document `id`. */
async function reachesServer(owner: string, id: string): Promise<void> {
  const server = openRemote(`${couch.url}/${personalDatabase(owner)}`, {
    user: owner,
    password: 'po',
  });
  await vi.waitFor(async () => expect((await server.get(id))._id).toBe(id), {
    timeout: 15_000,
    interval: 100,
  });
}

/** The note texts a device holds, sorted. */
async function texts(local: LocalDatabase): Promise<string[]> {
  const all = await local.allDocs({ include_docs: true, startkey: 'note:', endkey: 'note:\uffff' });
  return all.rows.map((r) => r.doc?.note.note ?? '').sort();
}

describe('the replication controller', () => {
  it('carries a note made on one device to another, and a later one while both run', async () => {
    const a = device(alice, 'pa');
    const b = device(alice, 'pa');
    const first = freshName('first');
    await a.local.put(note(first, `made on A ${first}`));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    expect(await texts(b.local)).toContain(`made on A ${first}`);

    // B is not asked: the server's change feed tells it.
    const second = freshName('second');
    await a.local.put(note(second, `later ${second}`));
    a.replicator.written();
    await vi.waitFor(async () => expect(await texts(b.local)).toContain(`later ${second}`), {
      timeout: 15_000,
      interval: 100,
    });
    await vi.waitFor(() => expect(b.replicator.state().kind).toBe('up-to-date'), {
      timeout: 15_000,
    });
  }, 60_000);

  it('hears of a note that reached the server after its pull and before its change feed opened', async () => {
    const a = device(alice, 'pa');
    const held = heldFeeds();
    const b = device(alice, 'pa', {}, undefined, { remote: held.remote, asked: [] });
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    // B has pulled and is opening its feed; A's note reaches the server meanwhile.
    const between = freshName('between');
    await a.local.put(note(between, `between ${between}`));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    held.release();
    // Nobody asks B: its feed, opened from where its pull read, tells it.
    await vi.waitFor(async () => expect(await texts(b.local)).toContain(`between ${between}`), {
      timeout: 15_000,
      interval: 100,
    });
  }, 60_000);

  it('keeps both edits made offline and converges on the same note on both devices', async () => {
    const a = device(alice, 'pa');
    const b = device(alice, 'pa');
    const id = freshName('both');
    await a.local.put(note(id, 'original'));
    await a.replicator.configure(a.config);
    await b.replicator.configure(b.config);
    a.replicator.destroy();
    b.replicator.destroy();
    // Offline: each device edits the same note.
    const onA = await a.local.get(note(id, '')._id);
    await a.local.put({ ...onA, note: { ...onA.note, note: 'edited on A' } });
    const onB = await b.local.get(note(id, '')._id);
    await b.local.put({ ...onB, note: { ...onB.note, note: 'edited on B' } });
    // Back online (new controllers, as after a restart).
    const a2 = device(alice, 'pa', {}, a.local);
    const b2 = device(alice, 'pa', {}, b.local);
    await a2.replicator.configure(a2.config);
    await b2.replicator.configure(b2.config);
    await a2.replicator.syncNow();
    const winnerA = await a.local.get(note(id, '')._id, { conflicts: true });
    const winnerB = await b.local.get(note(id, '')._id, { conflicts: true });
    expect(winnerB._rev).toBe(winnerA._rev);
    expect(winnerB.note.note).toBe(winnerA.note.note);
    // The other edit is kept as a conflict for the store to resolve, not dropped.
    expect(winnerA._conflicts).toHaveLength(1);
    const loser = await a.local.get(note(id, '')._id, { rev: winnerA._conflicts?.[0] });
    expect([winnerA.note.note, loser.note.note].sort()).toEqual(['edited on A', 'edited on B']);
  }, 60_000);

  it('says a wrong password is refused, and does not keep trying with it', async () => {
    const a = device(alice, 'wrong password');
    const state = await a.replicator.configure(a.config);
    expect(state.kind).toBe('refused');
    await new Promise((r) => setTimeout(r, 600));
    expect(a.states.filter((s) => s.kind === 'syncing')).toHaveLength(1);
  }, 60_000);

  it('loses nothing when the server is killed and restarted, and resumes by itself', async () => {
    const a = device(alice, 'pa');
    await a.replicator.configure(a.config);
    await couch.stop();
    const id = freshName('while-down');
    await a.local.put(note(id, `written while the server was down ${id}`));
    a.replicator.written();
    await vi.waitFor(() => expect(a.replicator.state().kind).toBe('offline'), { timeout: 10_000 });
    await couch.restart();
    // No call from the test: the retry timer brings it back.
    await vi.waitFor(() => expect(a.replicator.state().kind).toBe('up-to-date'), {
      timeout: 20_000,
      interval: 100,
    });
    const b = device(alice, 'pa');
    await b.replicator.configure(b.config);
    expect(await texts(b.local)).toContain(`written while the server was down ${id}`);
  }, 60_000);

  it('hears of notes again by itself when the server comes back while it had nothing to send', async () => {
    const a = device(alice, 'pa');
    const b = device(alice, 'pa');
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    // B is idle, its change feed open; the server goes away and comes back.
    await couch.stop();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await couch.restart();
    const after = freshName('after');
    await a.local.put(note(after, `after the restart ${after}`));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    // Nobody asks B: it reopened its feed by itself, and the feed tells it.
    await vi.waitFor(
      async () => expect(await texts(b.local)).toContain(`after the restart ${after}`),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
  }, 60_000);

  it('reopens a change feed that keeps dying less and less often, not in a loop', async () => {
    // Behind a proxy that cuts every long request: each feed dies as soon as it opens, while
    // the cycles themselves succeed.
    const dying = withLiveFeeds(() => {
      const feed: ChangesFeed = {
        on(event, listener) {
          if (event === 'error') setTimeout(() => listener(new Error('cut by a proxy')), 0);
          return feed;
        },
        cancel() {},
      };
      return feed;
    });
    const b = device(alice, 'pa', {}, undefined, { remote: dying, asked: [] });
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    // Waits of 0.2, 0.4, 0.8 and 1.6 s: at most five cycles in three seconds (with a fixed
    // wait of 0.2 s, 13 were counted).
    const cycles = b.states.filter((state) => state.kind === 'syncing').length;
    expect(cycles).toBeGreaterThanOrEqual(2);
    expect(cycles).toBeLessThanOrEqual(6);
  }, 30_000);

  it('catches up after a replication cut short, with no note lost or doubled', async () => {
    const owner = await newReader();
    const a = device(owner, 'po');
    await bulk(a.local, 1_200);
    const cut = a.replicator.configure(a.config);
    // Stop it as a worker is stopped: after some notes reached the server, before the rest.
    await vi.waitFor(
      async () => {
        const info = await fetch(`${couch.url}/${personalDatabase(owner)}`, {
          headers: { authorization: `Basic ${Buffer.from(`${owner}:po`).toString('base64')}` },
        }).then((r) => r.json() as Promise<{ doc_count: number }>);
        expect(info.doc_count).toBeGreaterThan(0);
      },
      { timeout: 20_000, interval: 20 },
    );
    a.replicator.destroy();
    await cut;
    const again = device(owner, 'po', {}, a.local);
    expect((await again.replicator.configure(again.config)).kind).toBe('up-to-date');
    const b = device(owner, 'po');
    await b.replicator.configure(b.config);
    const onB = await texts(b.local);
    expect(onB).toHaveLength(1_200);
    expect(new Set(onB).size).toBe(1_200);
  }, 120_000);

  it('sends a note written while the first pull runs, without waiting for another write', async () => {
    const owner = await newReader();
    const a = device(owner, 'po');
    await bulk(a.local, 600);
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');

    // B's reader saves a note while B's first pull is under way; the store tells sync.
    const local = new Local(freshName('local'), { adapter: 'memory' }) as unknown as Database &
      LocalDatabase;
    const during = note(freshName('during'), 'written during the pull');
    let pulls = 0;
    const b: Replicator = createReplicator({
      local,
      remote: openRemote,
      replicate: (source, target, options) => {
        const run = replicate(source, target, options);
        if (target === local && ++pulls === 1) {
          void local.put(during).then(() => b.written());
        }
        return run;
      },
      retryMs: 200,
    });
    made.push(b);
    expect((await b.configure({ ...a.config })).kind).toBe('up-to-date');
    expect(await texts(local)).toHaveLength(601);
    await reachesServer(owner, during._id);
  }, 120_000);

  it('does not push back the notes it just pulled, and resumes from the server after a restart', async () => {
    const owner = await newReader();
    const a = device(owner, 'po');
    await bulk(a.local, 1_500);
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');

    // B starts empty: its first cycle pulls 1,500 notes in two batches.
    const b = counted(device(owner, 'po', {}, undefined, countingRemote()));
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    expect(await texts(b.local)).toHaveLength(1_500);
    // The server was asked about none of them again: B wrote nothing of its own.
    expect(b.asked()).toEqual([]);

    // Both keep working: B's next note reaches A, and nothing B pulled went back.
    const later = freshName('later');
    await b.local.put(note(later, `written on B ${later}`));
    expect((await b.replicator.syncNow()).kind).toBe('up-to-date');
    expect(b.asked()).toEqual([note(later, '')._id]);
    await a.replicator.syncNow();
    expect(await texts(a.local)).toContain(`written on B ${later}`);

    // A new worker (nothing in memory) resumes from the checkpoint kept on the server.
    b.replicator.destroy();
    const restarted = counted(device(owner, 'po', {}, b.local, countingRemote()));
    expect((await restarted.replicator.configure(restarted.config)).kind).toBe('up-to-date');
    expect(restarted.asked()).toEqual([]);
    expect(await texts(restarted.local)).toHaveLength(1_501);
  }, 120_000);

  it("gives a wiped server database its notes back on the reader's Sync now and the timer's cycle", async () => {
    const owner = await newReader();
    const a = device(owner, 'po');
    await bulk(a.local, 30);
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    await reachesServer(owner, note('n29', '')._id);

    // The server's administrator deletes the reader's database and makes it again, empty.
    const auth = `Basic ${Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString('base64')}`;
    const deleted = await fetch(`${couch.url}/${personalDatabase(owner)}`, {
      method: 'DELETE',
      headers: { authorization: auth },
    });
    expect(deleted.ok).toBe(true);
    // Made again once the server has let go of the old one (its change feeds included).
    await vi.waitFor(
      async () => {
        const gone = await fetch(`${couch.url}/${personalDatabase(owner)}`, {
          headers: { authorization: auth },
        });
        expect(gone.status).toBe(404);
      },
      { timeout: 10_000, interval: 100 },
    );
    await applyCouchSetup(couch.url, couch.admin, {
      readers: [{ name: owner, password: 'po' }],
      teams: [],
    });

    // Nothing was written on this device since its last push; the check still sends every note.
    expect((await a.replicator.syncNow({ checkServer: true })).kind).toBe('up-to-date');
    const b = device(owner, 'po');
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    expect(await texts(b.local)).toHaveLength(30);
  }, 60_000);

  it('pushes a note written in the middle of a large pull, and every note stays single', async () => {
    const owner = await newReader();
    const a = device(owner, 'po');
    await bulk(a.local, 2_500);
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');

    // B's reader saves a note after the first of the pull's three batches is stored.
    const local = new Local(freshName('local'), { adapter: 'memory' }) as unknown as Database &
      LocalDatabase;
    const during = note(freshName('during'), 'written during the large pull');
    let wroteAt = -1;
    const b: Replicator = createReplicator({
      local,
      remote: openRemote,
      replicate: (source, target, options) => {
        const run = replicate(source, target, options);
        if (target === local && wroteAt < 0) {
          (run as unknown as { on(e: 'change', f: () => void): void }).on('change', () => {
            if (wroteAt >= 0) return;
            wroteAt = 0;
            void texts(local).then((held) => {
              wroteAt = held.length;
              return local.put(during).then(() => b.written());
            });
          });
        }
        return run;
      },
      retryMs: 200,
    });
    made.push(b);
    expect((await b.configure({ ...a.config })).kind).toBe('up-to-date');
    // Written while the pull was under way, not before it or after it.
    expect(wroteAt).toBeGreaterThan(0);
    expect(wroteAt).toBeLessThan(2_500);
    expect(await texts(local)).toHaveLength(2_501);
    await reachesServer(owner, during._id);
    await a.replicator.syncNow();
    const onA = await texts(a.local);
    expect(onA).toHaveLength(2_501);
    expect(new Set(onA).size).toBe(2_501);
    expect(onA).toContain('written during the large pull');
  }, 180_000);

  it("sends pulled notes to a team by this device's rule, and a teammate's to the reader's own database", async () => {
    const owner = freshName('reader');
    const mate = freshName('mate');
    const crew = freshName('crew');
    const tag = freshName('tag');
    await applyCouchSetup(couch.url, couch.admin, {
      readers: [
        { name: owner, password: 'po' },
        { name: mate, password: 'pm' },
      ],
      teams: [{ name: crew, members: [owner, mate] }],
    });
    // The reader's first device shares nothing; it holds a tagged note and a private one.
    const first = device(owner, 'po');
    const tagged = freshName('tagged');
    await first.local.put(note(tagged, 'tagged on the first device', [tag]));
    await first.local.put(note(freshName('private'), 'private on the first device', ['mine']));
    expect((await first.replicator.configure(first.config)).kind).toBe('up-to-date');
    // The teammate shares everything.
    const m = device(mate, 'pm', { teams: [{ database: teamDatabase(crew), tag: null }] });
    await m.local.put(note(freshName('mates'), 'the teammate wrote this', []));
    expect((await m.replicator.configure(m.config)).kind).toBe('up-to-date');

    // The second device shares the tag: what it pulls goes to the team by that rule only.
    const second = device(owner, 'po', { teams: [{ database: teamDatabase(crew), tag }] });
    expect((await second.replicator.configure(second.config)).kind).toBe('up-to-date');
    expect(await texts(second.local)).toEqual([
      'private on the first device',
      'tagged on the first device',
      'the teammate wrote this',
    ]);
    expect((await m.replicator.syncNow()).kind).toBe('up-to-date');
    expect(await texts(m.local)).toEqual(['tagged on the first device', 'the teammate wrote this']);
    // The teammate's note, pulled from the team, reaches the reader's own database too.
    expect((await second.replicator.syncNow()).kind).toBe('up-to-date');
    expect((await first.replicator.syncNow()).kind).toBe('up-to-date');
    expect(await texts(first.local)).toContain('the teammate wrote this');
  }, 120_000);

  it("shares a tag with the team, shows whose notes are whose, and cannot change a teammate's", async () => {
    const teamChoice = { database: teamDatabase(team), tag: 'shared' };
    const a = device(alice, 'pa', { teams: [teamChoice] });
    const b = device(bob, 'pb', { teams: [{ database: teamDatabase(team), tag: null }] });
    const sharedId = freshName('shared');
    await a.local.put(note(sharedId, 'for the team', ['shared']));
    await a.local.put(note(freshName('private'), 'only mine', ['private']));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    expect(await texts(b.local)).toEqual(['for the team']);
    const received = await b.local.get(note(sharedId, '')._id);
    expect(received.author).toBe(alice);
    expect(editRefusal(received, bob)).toContain(alice);
    expect(editRefusal(received, alice)).toBeNull();

    // A changed client on B edits alice's note anyway: the server refuses it, B's state says so.
    // (It even writes its own name as the author, so that its filter lets the note out.)
    await b.local.put({
      ...received,
      author: bob,
      note: { ...received.note, note: 'changed by bob' },
    });
    const state = await b.replicator.syncNow();
    expect(state).toMatchObject({ kind: 'up-to-date', denied: 1 });
    await a.replicator.syncNow();
    expect((await a.local.get(note(sharedId, '')._id)).note.note).toBe('for the team');
  }, 60_000);

  it("takes a note out of the team's database when it loses the team's tag, and back when it gains it", async () => {
    // A tag of its own: Alice's personal database holds other tests' notes tagged 'shared'.
    const tag = freshName('tag');
    const choice = { database: teamDatabase(tagTeam), tag };
    const a = device(alice, 'pa', { teams: [choice] });
    const b = device(carol, 'pc', { teams: [{ ...choice, tag: null }] });
    const id = freshName('retagged');
    const gone = freshName('purged');
    await a.local.put(note(id, 'shared for a while', [tag]));
    await a.local.put(note(gone, 'shared, then deleted for good', [tag]));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    expect(await texts(b.local)).toEqual(['shared for a while', 'shared, then deleted for good']);

    // A takes the tag off one note and deletes the other for good.
    const tagged = await a.local.get(note(id, '')._id);
    await a.local.put({ ...tagged, note: { ...tagged.note, tags: ['private'] } });
    const purged = await a.local.get(note(gone, '')._id);
    await a.local.put({ _id: purged._id, _rev: purged._rev, _deleted: true });
    expect((await a.replicator.syncNow()).kind).toBe('up-to-date');
    await b.replicator.syncNow();
    expect(await texts(b.local)).toEqual([]);
    // A still has its own note, untouched.
    expect((await a.local.get(note(id, '')._id)).note.tags).toEqual(['private']);

    // The tag goes back on: the note is the team's again.
    const untagged = await a.local.get(note(id, '')._id);
    await a.local.put({
      ...untagged,
      note: { ...untagged.note, note: 'shared again', tags: ['private', tag] },
    });
    expect((await a.replicator.syncNow()).kind).toBe('up-to-date');
    await b.replicator.syncNow();
    expect(await texts(b.local)).toEqual(['shared again']);
    expect((await a.local.get(note(id, '')._id)).note.note).toBe('shared again');
  }, 60_000);

  it("keeps the previous user's notes out of another user's account when the reader keeps them local", async () => {
    const a = device(alice, 'pa');
    const kept = freshName('alices');
    await a.local.put(note(kept, `synced as alice ${kept}`));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    a.replicator.destroy();

    // Carol signs in on the same profile; the reader keeps Alice's notes local.
    const local = a.local as unknown as Database;
    // Every note here was synced as Alice (hers from other tests came down too).
    const synced = (await texts(a.local)).length;
    expect(synced).toBeGreaterThan(0);
    expect(await notesAtSwitch(local, alice, carol)).toEqual({
      previous: alice,
      next: carol,
      notes: synced,
    });
    expect(await withholdFor(local, alice)).toBe(synced);
    const c = device(carol, 'pc', {}, a.local);
    const own = freshName('carols');
    await a.local.put(note(own, `made by carol ${own}`));
    expect((await c.replicator.configure(c.config)).kind).toBe('up-to-date');
    const carolsDb = openRemote(`${couch.url}/${personalDatabase(carol)}`, {
      user: carol,
      password: 'pc',
    });
    const ids = async (db: Database) =>
      (await db.allDocs({ startkey: 'note:', endkey: 'note:\ufff0' })).rows.map((r) => r.id);
    expect(await ids(carolsDb)).toContain(note(own, '')._id);
    expect(await ids(carolsDb)).not.toContain(note(kept, '')._id);
    // Still here, and usable.
    expect(await texts(a.local)).toContain(`synced as alice ${kept}`);
    // Nothing more to ask about Alice's notes when Carol signs in again.
    expect((await notesAtSwitch(local, alice, carol)).notes).toBe(1); // Carol's own.
    c.replicator.destroy();

    // Alice signs back in: her notes are hers to sync again.
    const again = device(alice, 'pa', {}, a.local);
    const edited = await a.local.get(note(kept, '')._id);
    await a.local.put({ ...edited, note: { ...edited.note, note: 'edited after the switch' } });
    expect((await again.replicator.configure(again.config)).kind).toBe('up-to-date');
    const alicesDb = openRemote(`${couch.url}/${personalDatabase(alice)}`, {
      user: alice,
      password: 'pa',
    });
    expect(((await alicesDb.get(note(kept, '')._id)) as unknown as StoredNote).note.note).toBe(
      'edited after the switch',
    );
  }, 60_000);
});
