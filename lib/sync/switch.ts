/**
 * A different user signing in on the same browser profile (issue 14). Replication sends every
 * note of the local database to the signed-in user's own database, so without a guard the
 * second user's account would receive the first user's notes. So the profile remembers which
 * user last synced it, the background asks before a different one starts ("These N notes were
 * synced as <old>. Send them to <new>'s account too, or keep them local only?"), and unless
 * the reader answers "send", the notes present at the switch are withheld: kept and usable
 * here, never pushed to the new user's databases nor stamped with their name. The list of
 * withheld notes is a local document of the notes database (local documents never replicate),
 * kept per user, so those notes go again when their own user signs back in.
 */
import { NOTE_PREFIX } from './documents';

/** The local document listing the notes withheld from users other than the one they were synced as. */
export const WITHHELD_DOC = '_local/dossier-withheld';

/** What the switch reads and writes of the notes database. */
export interface SwitchDatabase {
  get(id: string): Promise<Record<string, unknown> & { _id: string; _rev: string }>;
  put(doc: Record<string, unknown> & { _id: string }): Promise<{ ok: boolean; rev: string }>;
  allDocs(options: { startkey: string; endkey: string }): Promise<{ rows: { id: string }[] }>;
}

/** Note document ids withheld, by the user they were synced as. */
export type Withheld = Record<string, string[]>;

/** The question the reader must answer before a different user syncs this profile. */
export interface SwitchQuestion {
  previous: string;
  next: string;
  notes: number;
}

/** The question in words, as the settings show it. */
export function askSwitch(question: SwitchQuestion): string {
  const { previous, next, notes } = question;
  const these = notes === 1 ? 'This note was' : `These ${notes} notes were`;
  return `${these} synced as ${previous}. Send them to ${next}'s account too, or keep them local only?`;
}

/** The withheld notes as stored (empty when none or damaged). */
export async function readWithheld(db: Pick<SwitchDatabase, 'get'>): Promise<Withheld> {
  try {
    const doc = await db.get(WITHHELD_DOC);
    const byUser = doc.byUser as unknown;
    if (typeof byUser !== 'object' || byUser === null) return {};
    const out: Withheld = {};
    for (const [user, ids] of Object.entries(byUser)) {
      if (Array.isArray(ids)) out[user] = ids.filter((id): id is string => typeof id === 'string');
    }
    return out;
  } catch {
    return {};
  }
}

/** The note ids that must not go to `user`'s databases: those withheld for anyone else. */
export function withheldFrom(withheld: Withheld, user: string): Set<string> {
  const ids = new Set<string>();
  for (const [owner, list] of Object.entries(withheld)) {
    if (owner !== user) for (const id of list) ids.add(id);
  }
  return ids;
}

/** Every note document id in the database, live, trashed or deleted-and-still-listed. */
async function noteIds(db: SwitchDatabase): Promise<string[]> {
  const all = await db.allDocs({ startkey: NOTE_PREFIX, endkey: `${NOTE_PREFIX}\ufff0` });
  return all.rows.map((row) => row.id);
}

/** The prefix of the reader's library choices (lib/store/choices.ts), which go with them. */
const CHOICE_PREFIX = 'choice:';

/** Every note and library choice document id: what a previous user's account holds. */
async function keptIds(db: SwitchDatabase): Promise<string[]> {
  const choices = await db.allDocs({ startkey: CHOICE_PREFIX, endkey: `${CHOICE_PREFIX}\ufff0` });
  return [...(await noteIds(db)), ...choices.rows.map((row) => row.id)];
}

/**
 * The notes a switch from `previous` to `next` would send to `next`: those in the database
 * not already withheld from `next` (the ones synced as a third user stay withheld anyway).
 */
export async function notesAtSwitch(
  db: SwitchDatabase,
  previous: string,
  next: string,
): Promise<SwitchQuestion> {
  const held = withheldFrom(await readWithheld(db), next);
  const notes = (await noteIds(db)).filter((id) => !held.has(id)).length;
  return { previous, next, notes };
}

/**
 * Keeps the notes now in the database local to `previous`: every note (and library choice)
 * not already withheld for another user is withheld for `previous` (so it goes again when
 * `previous` signs back in). Returns how many were added.
 */
export async function withholdFor(db: SwitchDatabase, previous: string): Promise<number> {
  let rev: string | undefined;
  try {
    rev = (await db.get(WITHHELD_DOC))._rev;
  } catch {
    // None yet.
  }
  const withheld = await readWithheld(db);
  const others = withheldFrom(withheld, previous);
  const mine = new Set(withheld[previous] ?? []);
  let added = 0;
  // The previous user's library choices stay theirs too (never counted: the question is of notes).
  for (const id of await keptIds(db)) {
    if (others.has(id) || mine.has(id)) continue;
    mine.add(id);
    added += 1;
  }
  withheld[previous] = [...mine];
  await db.put({ _id: WITHHELD_DOC, ...(rev ? { _rev: rev } : {}), byUser: withheld });
  return added;
}
