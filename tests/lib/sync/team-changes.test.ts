// @vitest-environment node
/**
 * Sync: team databases against the CouchDB-protocol test server, as in
 * tests/lib/sync/replicator.test.ts.
 */

import memory from 'pouchdb-adapter-memory/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import { describe, expect, it, vi } from 'vitest';
import { personalDatabase, type SyncConfig } from '../../../lib/sync/config';
import { openRemote, replicate } from '../../../lib/sync/remote';
import {
  type ChangesFeed,
  createReplicator,
  type Database,
  type Replicator,
} from '../../../lib/sync/replicator';
import type { SyncState } from '../../../lib/sync/state';
import { teamDatabase } from '../../../scripts/couch/setup';
import { freshName, useTestCouch } from '../../helpers/couch';

const Local = PouchDB.plugin(memory);
const alice = freshName('alice');
const bob = freshName('bob');
const crew = freshName('crew');
const made: Replicator[] = [];
const couch = useTestCouch(
  {
    readers: [
      { name: alice, password: 'pa' },
      { name: bob, password: 'pb' },
    ],
    teams: [{ name: crew, members: [alice, bob] }],
  },
  made,
);

interface LocalDatabase {
  put(doc: object): Promise<unknown>;
  allDocs(options: object): Promise<{ rows: { id: string; doc?: { note: { note: string } } }[] }>;
  get(id: string, options?: object): Promise<Record<string, unknown> & { _rev: string }>;
}

function device(
  user: string,
  password: string,
  extra: Partial<SyncConfig> = {},
  remote: (url: string, config: SyncConfig) => Database = openRemote,
) {
  const db = new Local(freshName('local'), { adapter: 'memory' }) as unknown as LocalDatabase;
  const states: SyncState[] = [];
  const replicator = createReplicator({
    local: db as unknown as Database,
    remote,
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
  return { local: db, replicator, states, config };
}

function note(id: string, text: string, tags: string[] = []) {
  return { _id: `note:example.org%2Fpaper:${id}`, type: 'note', note: { id, note: text, tags } };
}

/** The note ids the team database holds (live), as a teammate reads them. */
async function inTeam(): Promise<string[]> {
  const db = openRemote(`${couch.url}/${teamDatabase(crew)}`, { user: bob, password: 'pb' });
  const all = await db.allDocs({ startkey: 'note:', endkey: 'note:\ufff0' });
  return all.rows.map((r) => r.id);
}

async function texts(local: LocalDatabase): Promise<string[]> {
  const all = await local.allDocs({ include_docs: true, startkey: 'note:', endkey: 'note:\uffff' });
  return all.rows.map((r) => r.doc?.note.note ?? '').sort();
}

describe('what goes to a team when the reader changes what the team gets', () => {
  it('sends the notes of the new tag once the team is given another tag', async () => {
    const first = freshName('first');
    const second = freshName('second');
    const a = device(alice, 'pa', { teams: [{ database: teamDatabase(crew), tag: first }] });
    const x = freshName('x');
    const y = freshName('y');
    await a.local.put(note(y, 'tagged with the second tag', [second]));
    await a.local.put(note(x, 'tagged with the first tag', [first]));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    expect(await inTeam()).toContain(note(x, '')._id);
    expect(await inTeam()).not.toContain(note(y, '')._id);

    // The reader now shares the second tag with this team instead.
    const next = { ...a.config, teams: [{ database: teamDatabase(crew), tag: second }] };
    expect((await a.replicator.configure(next)).kind).toBe('up-to-date');
    expect((await a.replicator.syncNow({ checkServer: true })).kind).toBe('up-to-date');
    const held = await inTeam();
    // The first tag's note left the team (withdrawn) ...
    expect.soft(held).not.toContain(note(x, '')._id);
    // ... and the second tag's note, which the team now takes, reached it.
    expect(held).toContain(note(y, '')._id);
  }, 60_000);

  it('sends every note once the team is switched from one tag to all notes', async () => {
    const only = freshName('only');
    const a = device(alice, 'pa', { teams: [{ database: teamDatabase(crew), tag: only }] });
    const untagged = freshName('untagged');
    await a.local.put(note(untagged, 'a note with no tag'));
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    expect(await inTeam()).not.toContain(note(untagged, '')._id);

    const all = { ...a.config, teams: [{ database: teamDatabase(crew), tag: null }] };
    expect((await a.replicator.configure(all)).kind).toBe('up-to-date');
    expect((await a.replicator.syncNow({ checkServer: true })).kind).toBe('up-to-date');
    expect(await inTeam()).toContain(note(untagged, '')._id);
  }, 60_000);
});

describe('change feeds of a reader with a team', () => {
  it("reopens a team's change feed that died while the personal one lives on", async () => {
    // The team database's first feed dies at once (a proxy cut it, the team database was
    // briefly unavailable); every later feed, and the personal one, are real.
    let teamFeeds = 0;
    const remote = (url: string, config: SyncConfig): Database => {
      const db = openRemote(url, config) as unknown as Database;
      const changes = db.changes.bind(db) as (options: object) => unknown;
      db.changes = ((options: { live?: boolean }) => {
        if (options.live && url.endsWith(`/${teamDatabase(crew)}`) && ++teamFeeds === 1) {
          const dead: ChangesFeed = {
            on(event, listener) {
              if (event === 'error') setTimeout(() => listener(new Error('cut')), 0);
              return dead;
            },
            cancel() {},
          };
          return dead;
        }
        return changes(options);
      }) as Database['changes'];
      return db;
    };
    const team = { database: teamDatabase(crew), tag: null };
    const a = device(alice, 'pa', { teams: [team] }, remote);
    expect((await a.replicator.configure(a.config)).kind).toBe('up-to-date');
    // The dead feed brings a cycle (README: "a feed that dies brings a cycle soon that opens a
    // new one"); let it run.
    await vi.waitFor(() => expect(a.states.filter((s) => s.kind === 'syncing').length).toBe(2), {
      timeout: 10_000,
    });
    await vi.waitFor(() => expect(a.replicator.state().kind).toBe('up-to-date'), {
      timeout: 10_000,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    // The cycle that followed the dead feed opened no new feed on the team database.
    expect.soft(teamFeeds).toBeGreaterThan(1);

    // Bob shares a note with the team; nobody asks Alice's device to sync.
    const b = device(bob, 'pb', { teams: [team] });
    const id = freshName('bobs');
    await b.local.put(note(id, `shared by bob ${id}`));
    expect((await b.replicator.configure(b.config)).kind).toBe('up-to-date');
    await vi.waitFor(async () => expect(await texts(a.local)).toContain(`shared by bob ${id}`), {
      timeout: 15_000,
      interval: 200,
    });
  }, 60_000);
});

describe('a wrong password', () => {
  it('is not tried again by the next note written or the minute alarm (README: "not retried until the settings change")', async () => {
    const a = device(alice, 'wrong password');
    expect((await a.replicator.configure(a.config)).kind).toBe('refused');
    await a.local.put(note(freshName('later'), 'written after the refusal'));
    // What the background does on each stored change and on each alarm.
    a.replicator.written();
    await a.replicator.syncNow({ checkServer: true, automatic: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(a.states.filter((s) => s.kind === 'syncing')).toHaveLength(1);
    // The reader's "Sync now" tries again.
    await a.replicator.syncNow({ checkServer: true });
    expect(a.states.filter((s) => s.kind === 'syncing')).toHaveLength(2);
  }, 30_000);
});
