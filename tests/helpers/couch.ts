/**
 * The CouchDB-protocol server for a test file: the test server (scripts/couch/server.ts) in a
 * temporary folder, or, when `COUCH_URL` and `COUCH_ADMIN` (name:password) are set, that server
 * (a real CouchDB 3.x), so the same tests run against both. Every test file makes its own readers
 * and teams with fresh names, so runs never see each other's notes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCouchServer, TEST_ADMIN } from '../../scripts/couch/server';

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
  let server = await startCouchServer(dir);
  const port = Number(new URL(server.url).port);
  return {
    url: server.url,
    admin: TEST_ADMIN,
    stop: () => server.close(),
    restart: async () => {
      server = await startCouchServer(dir, port);
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A name no earlier run used (readers and teams on a shared outside server). */
export function freshName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
