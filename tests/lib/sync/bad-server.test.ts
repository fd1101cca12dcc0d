// @vitest-environment node
/**
 * The replication controller against a server that misbehaves: a proxy in front of the
 * CouchDB-protocol test server answers as told (hangs, answers garbage, refuses a note as too
 * large, fails with 500 again and again) and then passes requests through again. What the reader
 * would notice: the state says what is wrong in words, sync tries again by itself, and when the
 * server behaves again every note gets there, once. (The pure rules for each status are in
 * state.test.ts; the server going away entirely is in replicator.test.ts.)
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import memory from 'pouchdb-adapter-memory/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { personalDatabase, type SyncConfig } from '../../../lib/sync/config';
import { openRemote, replicate } from '../../../lib/sync/remote';
import { createReplicator, type Database, type Replicator } from '../../../lib/sync/replicator';
import type { SyncState } from '../../../lib/sync/state';
import { applyCouchSetup } from '../../../scripts/couch/setup';
import { freshName, startTestCouch, type TestCouch } from '../../helpers/couch';

const Local = PouchDB.plugin(memory);

/** How the proxy answers a request: pass it on, or misbehave. */
type Mode = 'pass' | 'hang' | 'garbage' | 'too-large' | 'fail';

let couch: TestCouch;
let proxy: http.Server;
let proxyUrl: string;
let mode: Mode = 'pass';
/** Requests the proxy answered with a 500 (the storm's size). */
let failures = 0;
const made: Replicator[] = [];

beforeAll(async () => {
  couch = await startTestCouch();
  const target = new URL(couch.url);
  proxy = http.createServer((req, res) => {
    const misbehave =
      mode === 'hang' ||
      mode === 'garbage' ||
      mode === 'fail' ||
      // Only the writes of notes are refused as too large, as a server's size limit would.
      (mode === 'too-large' && req.method === 'POST' && req.url?.includes('/_bulk_docs'));
    if (misbehave) {
      req.resume();
      if (mode === 'hang') return; // Never answers; the connection stays open.
      if (mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('<html><body>Please sign in to the Wi-Fi</body></html>');
        return;
      }
      if (mode === 'fail') {
        failures += 1;
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal_server_error', reason: 'storm' }));
        return;
      }
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'too_large', reason: 'the request entity is too large' }));
      return;
    }
    const forward = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await couch?.close();
}, 30_000);
afterEach(() => {
  mode = 'pass';
  for (const r of made.splice(0)) r.destroy();
});

interface LocalDatabase {
  put(doc: object): Promise<unknown>;
  allDocs(options: object): Promise<{ rows: { doc?: { note: { note: string } } }[] }>;
}

function note(id: string, text: string) {
  return {
    _id: `note:example.org%2Fpaper:${id}`,
    type: 'note',
    note: { id, note: text, tags: [] },
  };
}

async function texts(db: LocalDatabase): Promise<string[]> {
  const all = await db.allDocs({ include_docs: true, startkey: 'note:', endkey: 'note:\uffff' });
  return all.rows.map((r) => r.doc?.note.note ?? '').sort();
}

/** A reader of their own, a device that syncs through the proxy, and one that syncs directly. */
async function setUp() {
  const user = freshName('reader');
  await applyCouchSetup(couch.url, couch.admin, {
    readers: [{ name: user, password: 'pw' }],
    teams: [],
  });
  const config = (server: string): SyncConfig => ({
    server,
    user,
    password: 'pw',
    database: personalDatabase(user),
    teams: [],
  });
  const local = new Local(freshName('local'), { adapter: 'memory' }) as unknown as LocalDatabase;
  const states: SyncState[] = [];
  const replicator = createReplicator({
    local: local as unknown as Database,
    remote: openRemote,
    replicate,
    retryMs: 100,
    stallMs: 1_500,
    onState: (s) => states.push(s),
  });
  made.push(replicator);
  /** What the server holds, read by another device that syncs directly. */
  const serverTexts = async () => {
    const other = new Local(freshName('other'), {
      adapter: 'memory',
    }) as unknown as LocalDatabase;
    const direct = createReplicator({
      local: other as unknown as Database,
      remote: openRemote,
      replicate,
    });
    made.push(direct);
    expect((await direct.configure(config(couch.url))).kind).toBe('up-to-date');
    direct.destroy();
    return texts(other);
  };
  return { local, states, replicator, config: config(proxyUrl), serverTexts };
}

describe('sync with a server that misbehaves', () => {
  it('gives up on a server that stops answering, says so, and catches up when it answers', async () => {
    const d = await setUp();
    await d.local.put(note('first', 'before the server hung'));
    expect((await d.replicator.configure(d.config)).kind).toBe('up-to-date');

    mode = 'hang';
    await d.local.put(note('second', 'written while the server hung'));
    // Not "syncing" for ever: the cycle is given up, and the state says why.
    const state = await d.replicator.syncNow();
    expect(state).toMatchObject({
      kind: 'offline',
      message: expect.stringMatching(/stopped answering/),
    });
    // The note is still here, and usable.
    expect(await texts(d.local)).toEqual([
      'before the server hung',
      'written while the server hung',
    ]);

    mode = 'pass';
    // No call from the test: the retry timer brings it back.
    await vi.waitFor(() => expect(d.replicator.state().kind).toBe('up-to-date'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await d.serverTexts()).toEqual([
      'before the server hung',
      'written while the server hung',
    ]);
  }, 90_000);

  it('says an answer that is not JSON cannot be read, and retries', async () => {
    const d = await setUp();
    await d.local.put(note('one', 'kept through the garbage'));
    mode = 'garbage';
    const state = await d.replicator.configure(d.config);
    expect(state).toMatchObject({
      kind: 'server-error',
      message: expect.stringMatching(/could not be read.*check the server address/),
    });
    // It keeps trying by itself.
    const before = d.states.filter((s) => s.kind === 'syncing').length;
    await vi.waitFor(
      () => expect(d.states.filter((s) => s.kind === 'syncing').length).toBeGreaterThan(before),
      { timeout: 10_000 },
    );
    mode = 'pass';
    await vi.waitFor(() => expect(d.replicator.state().kind).toBe('up-to-date'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await d.serverTexts()).toEqual(['kept through the garbage']);
  }, 90_000);

  it('names the setting when the server refuses a note as too large, and sends it once allowed', async () => {
    const d = await setUp();
    mode = 'too-large';
    await d.local.put(note('big', 'x'.repeat(200_000)));
    const state = await d.replicator.configure(d.config);
    expect(state).toMatchObject({ kind: 'server-error', status: 413 });
    expect(state.kind === 'server-error' && state.message).toContain('max_http_request_size');
    expect(await texts(d.local)).toEqual(['x'.repeat(200_000)]);

    // The server's limit is raised: the retry sends it, once.
    mode = 'pass';
    await vi.waitFor(() => expect(d.replicator.state().kind).toBe('up-to-date'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await d.serverTexts()).toEqual(['x'.repeat(200_000)]);
  }, 90_000);

  it('rides out a storm of 500s, retrying by itself, and loses and doubles nothing', async () => {
    const d = await setUp();
    await d.local.put(note('a', 'written before the storm'));
    expect((await d.replicator.configure(d.config)).kind).toBe('up-to-date');

    mode = 'fail';
    failures = 0;
    await d.local.put(note('b', 'written during the storm'));
    const state = await d.replicator.syncNow();
    expect(state).toMatchObject({ kind: 'server-error', status: 500 });
    expect(state.kind === 'server-error' && state.message).toContain('500');
    // Several attempts fail in turn, each said, none given up for good.
    await vi.waitFor(() => expect(failures).toBeGreaterThan(3), { timeout: 20_000 });
    expect(d.replicator.state().kind).toMatch(/server-error|syncing/);

    mode = 'pass';
    await vi.waitFor(() => expect(d.replicator.state().kind).toBe('up-to-date'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(await d.serverTexts()).toEqual(['written before the storm', 'written during the storm']);
  }, 90_000);
});
