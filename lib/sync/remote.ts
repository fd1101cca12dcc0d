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

const Remote = PouchDB.plugin(HttpPouch).plugin(replication);

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
