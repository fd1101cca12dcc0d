/**
 * Device to device over loopback (issue 14): the replication controller of lib/sync on two
 * "devices" (PouchDB databases in memory, in this Node process) and the CouchDB-protocol test
 * server started for the run, over real HTTP on 127.0.0.1. Measures how long one note takes from
 * being written on A to being in B's database (B is told by the server's change feed), against
 * a plain HTTP round trip to the same server as the baseline; and the first replication of
 * 10,000 notes into an empty device. The browsers' IndexedDB is not in these figures: the
 * two-profile end-to-end run covers the extension itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import memory from 'pouchdb-adapter-memory/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import { personalDatabase, type SyncConfig } from '../../lib/sync/config';
import { openRemote, replicate } from '../../lib/sync/remote';
import { createReplicator, type Database } from '../../lib/sync/replicator';
import { startCouchServer, TEST_ADMIN } from '../couch/server';
import { applyCouchSetup } from '../couch/setup';
import type { Scenario } from './env';
import { median, progress, round, versus } from './stats';

const Local = PouchDB.plugin(memory);
let counter = 0;

/** A fresh in-memory database. */
const freshLocal = () =>
  new Local(`bench-${Date.now()}-${counter++}`, { adapter: 'memory' }) as unknown as Database & {
    get(id: string): Promise<unknown>;
    bulkDocs(docs: object[]): Promise<unknown>;
  };

const note = (id: string) => ({
  _id: `note:www.csis.org%2Fbench:${id}`,
  type: 'note',
  note: { id, note: `Bench note ${id}`, tags: ['bench'] },
});

export const devices: Scenario = {
  name: 'devices',
  async run() {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-couch-'));
    const server = await startCouchServer(dir);
    try {
      const user = `bench${Date.now().toString(36)}`;
      await applyCouchSetup(server.url, TEST_ADMIN, {
        readers: [{ name: user, password: 'bench' }],
        teams: [],
      });
      const config: SyncConfig = {
        server: server.url,
        user,
        password: 'bench',
        database: personalDatabase(user),
        teams: [],
      };
      const a = freshLocal();
      const b = freshLocal();
      const syncA = createReplicator({ local: a, remote: openRemote, replicate });
      const syncB = createReplicator({ local: b, remote: openRemote, replicate });
      await syncA.configure(config);
      await syncB.configure(config);

      progress('device to device, one note');
      const oneNote: number[] = [];
      const roundTrip: number[] = [];
      const auth = `Basic ${Buffer.from(`${user}:bench`).toString('base64')}`;
      for (let i = 0; i < 11; i++) {
        const t0 = performance.now();
        await fetch(`${server.url}/${config.database}`, { headers: { authorization: auth } }).then(
          (r) => r.json(),
        );
        roundTrip.push(performance.now() - t0);

        const id = `one-${i}`;
        const start = performance.now();
        await a.put(note(id));
        syncA.written();
        for (;;) {
          try {
            await b.get(note(id)._id);
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 2));
          }
        }
        oneNote.push(performance.now() - start);
      }
      syncA.destroy();
      syncB.destroy();

      progress('first replication of 10,000 notes into an empty device');
      const seeded = freshLocal();
      await seeded.bulkDocs(Array.from({ length: 10_000 }, (_, i) => note(`many-${i}`)));
      const seed = createReplicator({ local: seeded, remote: openRemote, replicate });
      await seed.configure(config);
      seed.destroy();
      const firstTimes: number[] = [];
      for (let run = 0; run < 3; run++) {
        const empty = freshLocal();
        const fresh = createReplicator({ local: empty, remote: openRemote, replicate });
        const start = performance.now();
        const state = await fresh.configure(config);
        firstTimes.push(performance.now() - start);
        fresh.destroy();
        if (state.kind !== 'up-to-date') throw new Error(`First replication ended ${state.kind}.`);
      }
      return [
        versus(
          'sync: device to device, one note (loopback; baseline HTTP round trip)',
          oneNote,
          roundTrip,
        ),
        {
          name: 'sync: first replication of 10,000 notes into an empty device',
          unit: 's',
          median: round(median(firstTimes) / 1000, 2),
        },
      ];
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
