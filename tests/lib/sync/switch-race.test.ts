// @vitest-environment node
/**
 * Sync: another user signs in on the same profile while a cycle of the previous user is under
 * way, and the reader keeps the previous user's notes local. The new settings stop the old
 * cycle before its next step (lib/platform/sync.ts also halts it before `withholdFor`).
 */

import memory from 'pouchdb-adapter-memory/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import { describe, expect, it } from 'vitest';
import { personalDatabase, type SyncConfig } from '../../../lib/sync/config';
import { openRemote, replicate } from '../../../lib/sync/remote';
import {
  type ChangesFeed,
  createReplicator,
  type Database,
  type Replicate,
  type Replicator,
} from '../../../lib/sync/replicator';
import { withholdFor } from '../../../lib/sync/switch';
import { teamDatabase } from '../../../scripts/couch/setup';
import { freshName, useTestCouch } from '../../helpers/couch';

const Local = PouchDB.plugin(memory);
const alice = freshName('alice');
const bob = freshName('bob');
const carol = freshName('carol');
const crew = freshName('crew');
const made: Replicator[] = [];
const couch = useTestCouch(
  {
    readers: [
      { name: alice, password: 'pa' },
      { name: bob, password: 'pb' },
      { name: carol, password: 'pc' },
    ],
    teams: [{ name: crew, members: [alice, bob] }],
  },
  made,
);

function note(id: string, text: string, tags: string[] = []) {
  return { _id: `note:example.org%2Fpaper:${id}`, type: 'note', note: { id, note: text, tags } };
}

function config(user: string, password: string, teams: SyncConfig['teams'] = []): SyncConfig {
  return { server: couch.url, user, password, database: personalDatabase(user), teams };
}

/** Remote databases whose live change feeds never tell anything (cycles run only when asked). */
function quietFeeds(url: string, cfg: SyncConfig): Database {
  const db = openRemote(url, cfg) as unknown as Database;
  const changes = db.changes.bind(db) as (options: object) => unknown;
  db.changes = ((options: { live?: boolean }) => {
    if (!options.live) return changes(options);
    const feed: ChangesFeed = { on: () => feed, cancel() {} };
    return feed;
  }) as Database['changes'];
  return db;
}

describe('a user switch during a running cycle', () => {
  it("keeps what the previous user's cycle pulls afterwards out of the new user's account", async () => {
    const team = [{ database: teamDatabase(crew), tag: null }];
    const local = new Local(freshName('local'), { adapter: 'memory' }) as unknown as Database & {
      put(doc: object): Promise<unknown>;
    };
    // The personal pull of the cycle under way is held until the reader has answered.
    let armed = false;
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const held: Replicate = (source, target, options) => {
      if (armed && target === local) {
        armed = false;
        let run: ReturnType<Replicate> | undefined;
        let cancelled = false;
        const later = gate.then(() => {
          if (cancelled) {
            return { docs_written: 0, doc_write_failures: 0, errors: [], status: 'cancelled' };
          }
          run = replicate(source, target, options);
          return run;
        });
        return Object.assign(later, {
          cancel() {
            cancelled = true;
            run?.cancel();
          },
        });
      }
      return replicate(source, target, options);
    };
    const replicator = createReplicator({
      local,
      remote: quietFeeds,
      replicate: held,
      retryMs: 200,
    });
    made.push(replicator);
    await local.put(note(freshName('alices'), "alice's own note"));
    expect((await replicator.configure(config(alice, 'pa', team))).kind).toBe('up-to-date');

    // Bob shares a note with Alice's team (Carol is not in it).
    const bobs = new Local(freshName('local'), { adapter: 'memory' }) as unknown as Database & {
      put(doc: object): Promise<unknown>;
    };
    const b = createReplicator({ local: bobs, remote: openRemote, replicate, retryMs: 200 });
    made.push(b);
    const shared = note(freshName('bobs'), 'for the team only');
    await bobs.put(shared);
    expect((await b.configure(config(bob, 'pb', team))).kind).toBe('up-to-date');

    // A cycle of Alice's starts (the alarm, say) ...
    armed = true;
    void replicator.syncNow();
    await new Promise((r) => setTimeout(r, 300));
    // ... and meanwhile Carol signs in on this profile; the reader keeps Alice's notes local.
    await withholdFor(local, alice);
    open();
    expect((await replicator.configure(config(carol, 'pc'))).kind).toBe('up-to-date');

    const carols = openRemote(`${couch.url}/${personalDatabase(carol)}`, {
      user: carol,
      password: 'pc',
    });
    const ids = (await carols.allDocs({ startkey: 'note:', endkey: 'note:\ufff0' })).rows.map(
      (r) => r.id,
    );
    // Bob's note, shared with Alice's team only, must not land in Carol's own database.
    expect(ids).not.toContain(shared._id);
  }, 60_000);
});
