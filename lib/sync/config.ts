/**
 * What the reader configures for sync (issue 14): the server, their user name and password, and
 * the team databases their notes go to. Kept in `storage.local` only (never `storage.sync`, which
 * the browser copies to its own servers), and checked with a schema whenever it is read, because
 * storage outlives versions and a damaged record must not stop the background.
 */
import * as v from 'valibot';
import { serverSchema, teamChoiceSchema } from '../protocol';
import { POLICY_SITES } from '../sites';

export { serverSchema, teamChoiceSchema };

/** A team database and what goes to it: the notes of one tag, or every note (`tag: null`). */
export interface TeamChoice {
  database: string;
  tag: string | null;
}

/** The reader's sync settings. */
export interface SyncConfig {
  /** The server's address, e.g. https://couch.example.org (no credentials in it). */
  server: string;
  user: string;
  password: string;
  /** The reader's own database on the server (see `personalDatabase`). */
  database: string;
  teams: TeamChoice[];
}

const databaseName = teamChoiceSchema.entries.database;

/** The run-time schema of the settings. */
export const syncConfigSchema = v.strictObject({
  server: serverSchema,
  user: v.pipe(v.string(), v.minLength(1, 'needs a user name'), v.maxLength(200)),
  password: v.pipe(v.string(), v.maxLength(1000)),
  database: databaseName,
  teams: v.pipe(v.array(teamChoiceSchema), v.maxLength(50)),
});

/**
 * The reader's own database: `userdb-` and the user name in hexadecimal, the name CouchDB's
 * per-user option (`couch_peruser`) gives it, so a server set up either way agrees.
 */
export function personalDatabase(user: string): string {
  return `userdb-${[...new TextEncoder().encode(user)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The server address as it is used to build database URLs: no trailing slash. */
export function serverBase(server: string): string {
  return server.replace(/\/+$/, '');
}

/** The origin pattern the browser's optional host permission is asked for. */
export function hostPatternOf(server: string): string {
  const url = new URL(server);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * Host patterns whose grant lets Dossier reach the server: its own host's, or, for a server on
 * one of Dossier's listed sites, that site's patterns (granted with the content script at install
 * in Chrome, which does not count them as a grant of the single host).
 */
export function accessPatternsFor(server: string): string[][] {
  const host = new URL(server).hostname.toLowerCase();
  const site = POLICY_SITES.find((s) => host === s || host.endsWith(`.${s}`));
  const own = [hostPatternOf(server)];
  return site ? [own, [`*://${site}/*`, `*://*.${site}/*`]] : [own];
}

/** Reads stored settings: null when there are none or they are damaged (sync stays off). */
export function parseSyncConfig(raw: unknown): SyncConfig | null {
  const result = v.safeParse(syncConfigSchema, raw);
  return result.success ? result.output : null;
}
