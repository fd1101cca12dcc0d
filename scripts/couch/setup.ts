/**
 * `npm run couch:setup`: prepares a CouchDB 3.x server (or the test server) for Dossier's sync.
 * For each reader: a user in `_users` (when a password is given) and a personal database
 * `userdb-<hex of the name>` whose `_security` admits that reader alone. For each team: a
 * database `dossier-team-<name>` whose members are the team, with the design document
 * `_design/dossier` whose `validate_doc_update` lets a member write only notes that carry their
 * own name as `author`, and change or delete only notes that already carry it. The server, not
 * the extension, enforces this, so a teammate's note cannot be changed by a modified client.
 *
 *   npm run couch:setup -- --server http://127.0.0.1:5984 --admin admin:secret \
 *     --reader alice:alices-password --reader bob --team research=alice,bob
 *
 * Running it again changes nothing that is already right (users keep their passwords unless
 * given, databases their notes).
 */
import path from 'node:path';
import { personalDatabase } from '../../lib/sync/config';

/** What to create: readers (password optional: an existing user keeps theirs) and teams. */
export interface CouchPlan {
  readers: { name: string; password?: string }[];
  teams: { name: string; members: string[] }[];
}

/** A team's database name (CouchDB names: lowercase letters, digits, _$()+-/). */
export function teamDatabase(team: string): string {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(team)) {
    throw new Error(
      `Team name "${team}" must be lowercase letters, digits, - and _ (it becomes a database name).`,
    );
  }
  return `dossier-team-${team}`;
}

/**
 * The validation function of a team database, as CouchDB runs it on every write (replication
 * included). Server admins may do anything; a member writes only their own notes.
 */
export const TEAM_VALIDATION = `function (newDoc, oldDoc, userCtx) {
  if (userCtx.roles.indexOf('_admin') !== -1) return;
  if (oldDoc && !oldDoc._deleted && oldDoc.author !== userCtx.name) {
    throw({ forbidden: 'Only ' + oldDoc.author + ' may change or delete this note.' });
  }
  if (newDoc._deleted) return;
  if (newDoc.author !== userCtx.name) {
    throw({ forbidden: 'A note in a team database must carry its writer as author.' });
  }
  if (newDoc.type !== 'note' || newDoc._id.indexOf('note:') !== 0) {
    throw({ forbidden: 'A team database holds only Dossier notes.' });
  }
}`;

/** What was done, one line each, for the person running the script. */
export async function applyCouchSetup(
  server: string,
  admin: { name: string; password: string },
  plan: CouchPlan,
): Promise<string[]> {
  const base = server.replace(/\/+$/, '');
  const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
  const call = async (method: string, where: string, body?: unknown) => {
    const response = await fetch(`${base}/${where}`, {
      method,
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    return { status: response.status, json };
  };
  const must = async (method: string, where: string, body?: unknown) => {
    const result = await call(method, where, body);
    if (result.status >= 400) {
      throw new Error(
        `${method} ${where}: ${result.status} ${String(result.json.reason ?? result.json.error ?? '')}`,
      );
    }
    return result.json;
  };
  const done: string[] = [];
  const ensureDatabase = async (name: string) => {
    const made = await call('PUT', encodeURIComponent(name));
    if (made.status === 412) return; // Already there.
    if (made.status >= 400) {
      throw new Error(`PUT ${name}: ${made.status} ${String(made.json.reason ?? '')}`);
    }
    done.push(`created database ${name}`);
  };
  const putLatest = async (where: string, doc: Record<string, unknown>) => {
    const existing = await call('GET', where);
    const rev = existing.status === 200 ? existing.json._rev : undefined;
    await must('PUT', where, { ...doc, ...(rev ? { _rev: rev } : {}) });
  };

  // Single-node CouchDB 3 creates these on its set-up; a bare server needs them.
  for (const system of ['_users', '_replicator']) await ensureDatabase(system);

  for (const reader of plan.readers) {
    const where = `_users/${encodeURIComponent(`org.couchdb.user:${reader.name}`)}`;
    const existing = await call('GET', where);
    if (existing.status === 200 && reader.password === undefined) {
      // Keep the user and their password.
    } else if (reader.password === undefined) {
      throw new Error(`Reader ${reader.name} does not exist yet: give a password (name:password).`);
    } else {
      const previous = existing.status === 200 ? existing.json : {};
      await must('PUT', where, {
        ...previous,
        _id: `org.couchdb.user:${reader.name}`,
        name: reader.name,
        type: 'user',
        roles: Array.isArray(previous.roles) ? previous.roles : [],
        password: reader.password,
      });
      done.push(`${existing.status === 200 ? 'updated' : 'created'} user ${reader.name}`);
    }
    const db = personalDatabase(reader.name);
    await ensureDatabase(db);
    await must('PUT', `${db}/_security`, {
      admins: { names: [], roles: [] },
      members: { names: [reader.name], roles: [] },
    });
    done.push(`${db}: only ${reader.name} may read and write`);
  }

  for (const team of plan.teams) {
    const db = teamDatabase(team.name);
    await ensureDatabase(db);
    await must('PUT', `${db}/_security`, {
      admins: { names: [], roles: [] },
      members: { names: [...team.members], roles: [] },
    });
    await putLatest(`${db}/_design/dossier`, {
      _id: '_design/dossier',
      language: 'javascript',
      validate_doc_update: TEAM_VALIDATION,
    });
    done.push(`${db}: members ${team.members.join(', ')}; each may change only their own notes`);
  }
  return done;
}

/** Reads the command line into a plan; throws a clear message on anything it cannot read. */
export function parseSetupArgs(argv: readonly string[]): {
  server: string;
  admin: { name: string; password: string };
  plan: CouchPlan;
} {
  let server = process.env.COUCH_URL ?? '';
  let adminArg = process.env.COUCH_ADMIN ?? '';
  const plan: CouchPlan = { readers: [], teams: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value.`);
    i++;
    if (flag === '--server') server = value;
    else if (flag === '--admin') adminArg = value;
    else if (flag === '--reader') {
      const at = value.indexOf(':');
      plan.readers.push(
        at < 0 ? { name: value } : { name: value.slice(0, at), password: value.slice(at + 1) },
      );
    } else if (flag === '--team') {
      const [name, members = ''] = value.split('=');
      plan.teams.push({ name: name ?? '', members: members.split(',').filter(Boolean) });
    } else throw new Error(`Unknown option ${flag}.`);
  }
  if (!server) throw new Error('Give the server: --server URL (or COUCH_URL).');
  const at = adminArg.indexOf(':');
  if (at < 1) throw new Error('Give the admin: --admin name:password (or COUCH_ADMIN).');
  return {
    server,
    admin: { name: adminArg.slice(0, at), password: adminArg.slice(at + 1) },
    plan,
  };
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  try {
    const { server, admin, plan } = parseSetupArgs(process.argv.slice(2));
    for (const line of await applyCouchSetup(server, admin, plan)) console.log(line);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
