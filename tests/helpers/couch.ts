/**
 * The CouchDB-protocol server for a test file: the test server (scripts/couch/server.ts) in a
 * temporary folder, or, when `COUCH_URL` and `COUCH_ADMIN` (name:password) are set, that server
 * (a real CouchDB 3.x), so the same tests run against both. Every test file makes its own readers
 * and teams with fresh names, so runs never see each other's notes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TEST_ADMIN } from '../../scripts/couch/server';
import { applyCouchSetup, type CouchPlan } from '../../scripts/couch/setup';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A server for one test file. */
export interface TestCouch {
  url: string;
  admin: { name: string; password: string };
  /** Stops the server, keeping its data (a no-op against an outside server). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops it and removes its data. */
  close(): Promise<void>;
}

/**
 * The server of a test file, set up with `plan` (its readers and teams) before the file's tests
 * and closed after them; each replicator a test puts in `made` is destroyed after that test.
 * The server's fields are read once it has started (inside the tests).
 */
export function useTestCouch(plan: CouchPlan, made: { destroy(): void }[]): TestCouch {
  let server: TestCouch | undefined;
  beforeAll(async () => {
    server = await startTestCouch();
    await applyCouchSetup(server.url, server.admin, plan);
  }, 60_000);
  afterAll(() => server?.close(), 30_000);
  afterEach(() => {
    for (const replicator of made.splice(0)) replicator.destroy();
  });
  const started = (): TestCouch => {
    if (!server) throw new Error('The test server has not started yet.');
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get admin() {
      return started().admin;
    },
    stop: () => started().stop(),
    restart: () => started().restart(),
    close: () => started().close(),
  };
}

/** Starts (or finds) the server. */
export async function startTestCouch(): Promise<TestCouch> {
  const outside = process.env.COUCH_URL;
  if (outside) {
    const [name = '', ...rest] = (process.env.COUCH_ADMIN ?? '').split(':');
    return {
      url: outside.replace(/\/+$/, ''),
      admin: { name, password: rest.join(':') },
      stop: async () => {},
      restart: async () => {},
      close: async () => {},
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-couch-'));
  let server = await spawnCouch(dir, 0);
  const port = Number(new URL(server.url).port);
  return {
    url: server.url,
    admin: TEST_ADMIN,
    stop: () => server.kill(),
    restart: async () => {
      server = await spawnCouch(dir, port);
    },
    close: async () => {
      await server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs the test server as its own process, so that stopping it is a real kill (SIGKILL: no
 * chance to finish writes), as a crashed or unplugged server would be.
 */
export async function spawnCouch(
  dir: string,
  port: number,
): Promise<{ url: string; kill(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    // tsx as a loader in this very process (its CLI would run the server in a grandchild that a
    // kill would miss).
    ['--import', 'tsx', 'scripts/couch/server.ts', dir, String(port)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening (\S+)/.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.on('exit', (code) => reject(new Error(`The test CouchDB server exited (${code}).`)));
  });
  return {
    url,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** A name no earlier run used (readers and teams on a shared outside server). */
export function freshName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
