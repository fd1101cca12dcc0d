/**
 * PouchDB for the network half of sync: the HTTP adapter (a database on a CouchDB-protocol
 * server) and replication, plugged into pouchdb-core. Remote databases are opened with
 * `skip_setup`, so a missing database is an error to show rather than a database created by
 * mistake, and with the reader's credentials as HTTP Basic authentication.
 */

import HttpPouch from 'pouchdb-adapter-http/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import replication from 'pouchdb-replication/lib/index.es.js';
import type { SyncConfig } from './config';
import type { Database, Replicate } from './replicator';

/** PouchDB with the HTTP adapter and replication (typed here: lib/store types only the core). */
interface RemoteStatic {
  new (name: string, options: Record<string, unknown>): unknown;
  replicate(source: unknown, target: unknown, options: Record<string, unknown>): unknown;
}

const Remote = PouchDB.plugin(HttpPouch).plugin(replication) as unknown as RemoteStatic;

/** Opens a database on the server (never creating it) with the reader's credentials. */
export function openRemote(url: string, config: Pick<SyncConfig, 'user' | 'password'>): Database {
  return new Remote(url, {
    adapter: 'http',
    skip_setup: true,
    auth: { username: config.user, password: config.password },
  }) as unknown as Database;
}

/** PouchDB's one-shot replication between any two databases. */
export const replicate: Replicate = (source, target, options) =>
  Remote.replicate(
    source as never,
    target as never,
    options as never,
  ) as unknown as ReturnType<Replicate>;
