/**
 * The CouchDB-protocol server the sync tests and the bench run against: express-pouchdb in its
 * full-CouchDB mode (users, `_session`, `_security`, `validate_doc_update`) over pouchdb-node,
 * its databases in LevelDB under a folder so that a killed and restarted server keeps its data.
 * Tests start it themselves (no server needs to be running on the machine); with `COUCH_URL` set
 * they use that server instead (a real CouchDB 3.x), see `couchForTests`.
 *
 * Run as a program (`tsx scripts/couch/server.ts DIR PORT`) it prints `listening URL` once
 * ready, so a test can spawn it and kill it like a real server.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The administrator the test server is started with (only ever on 127.0.0.1). */
export const TEST_ADMIN = { name: 'admin', password: 'admin-secret' };

/** A running server: its base URL (no credentials) and how to stop it. */
export interface CouchServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts express-pouchdb on 127.0.0.1 with its data in `dir`. `port` 0 picks a free port; a
 * restart passes the previous port so that clients find it again.
 */
export async function startCouchServer(dir: string, port = 0): Promise<CouchServer> {
  mkdirSync(dir, { recursive: true });
  const express = require('express');
  const PouchDB = require('pouchdb-node').defaults({
    prefix: `${path.join(dir, 'db')}${path.sep}`,
  });
  mkdirSync(path.join(dir, 'db'), { recursive: true });
  const configPath = path.join(dir, 'config.json');
  // Admin passwords are hashed into the file by express-pouchdb on first start.
  writeFileSync(
    configPath,
    JSON.stringify({
      admins: { [TEST_ADMIN.name]: TEST_ADMIN.password },
      log: { file: path.join(dir, 'log.txt'), level: 'error' },
      couch_httpd_auth: { require_valid_user: false },
    }),
  );
  const app = express();
  const couch = require('express-pouchdb')(PouchDB, {
    mode: 'fullCouchDB',
    configPath,
    logPath: path.join(dir, 'log.txt'),
  });
  // express-pouchdb crashes the process when someone who is not an admin creates a database
  // (its authorisation wrapper returns no database): refuse that here as CouchDB does, 401.
  app.put(/^\/[a-z][a-z0-9_$()+-]*\/?$/, (req: AdminCheck, res: Reply, next: () => void) => {
    if (isAdmin(req.headers.authorization)) return next();
    res.status(401).json({ error: 'unauthorized', reason: 'Only an admin may create a database.' });
  });
  app.use(couch);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The parts of express's request and response the admin check uses. */
type AdminCheck = { headers: { authorization?: string }; path: string };
type Reply = { status(code: number): { json(body: unknown): void } };

/** True when an Authorization header carries the test admin's name and password. */
function isAdmin(header: string | undefined): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const [name, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
  return name === TEST_ADMIN.name && rest.join(':') === TEST_ADMIN.password;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const [dir, port] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: tsx scripts/couch/server.ts DATA_DIR [PORT]');
    process.exit(2);
  }
  const server = await startCouchServer(dir, Number(port ?? 0));
  console.log(`listening ${server.url}`);
}
