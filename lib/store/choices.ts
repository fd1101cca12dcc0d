/**
 * The reader's library choices where replication sees them (issue 14): each fact
 * (lib/library/choices.ts) is one document, `choice:<id>`, in the same PouchDB database as the
 * notes, so the sync controller carries it to the reader's personal database and back to their
 * other devices with no code of its own. It never reaches a team database: only documents
 * that are notes (`note:` ids, `type: 'note'`) go there, and only notes come back.
 *
 * A fact is written once and never changed, so two devices never edit the same document and
 * replication cannot make a conflict of them; "Forget everything" removes them (tombstones,
 * which replicate, so the choices are forgotten on every device, as the reader asked).
 * The choices in force, as the library's summary uses them, stay in IndexedDB
 * (`library-choices`, library.ts), replayed from these facts.
 */
import type { ChoiceFact } from '../library/choices';
import { toStoreError } from './errors';
import type { DossierDB } from './schema';

/** The prefix of every choice document's id. */
export const CHOICE_PREFIX = 'choice:';

/** What a choice document holds besides `_id` and `_rev`. */
interface ChoiceBody {
  type: 'choice';
  fact: ChoiceFact;
}

/** The part of PouchDB these documents need (the notes database, seen for other bodies). */
interface ChoiceDatabase {
  get(id: string): Promise<object>;
  put(doc: object): Promise<unknown>;
  bulkDocs(docs: object[]): Promise<({ ok?: boolean; error?: unknown } & object)[]>;
  allDocs(options: {
    startkey: string;
    endkey: string;
    include_docs?: boolean;
  }): Promise<{ rows: { id: string; value: { rev: string }; doc?: unknown }[] }>;
}

function database(db: DossierDB): ChoiceDatabase {
  return db.notes as unknown as ChoiceDatabase;
}

const RANGE = { startkey: CHOICE_PREFIX, endkey: `${CHOICE_PREFIX}\ufff0` };

/** True when a change's document id is one of the reader's choices. */
export function isChoiceId(id: string): boolean {
  return id.startsWith(CHOICE_PREFIX);
}

/** A list of strings (a damaged or hostile document may hold anything). */
function isTexts(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isFact(doc: unknown): doc is ChoiceBody {
  const d = doc as Partial<ChoiceBody> | undefined;
  const f = d?.fact as
    | Partial<Record<'id' | 'at' | 'kind' | 'a' | 'b' | 'form' | 'pages' | 'sites', unknown>>
    | undefined;
  return (
    d?.type === 'choice' &&
    typeof f?.id === 'string' &&
    typeof f.at === 'string' &&
    (((f.kind === 'merge' || f.kind === 'split') && isTexts(f.a) && isTexts(f.b)) ||
      (f.kind === 'split-pages' &&
        typeof f.form === 'string' &&
        isTexts(f.pages) &&
        isTexts(f.sites)))
  );
}

/** Every choice fact stored (made here or replicated), damaged documents left out. */
export async function listChoiceFacts(db: DossierDB): Promise<ChoiceFact[]> {
  try {
    const result = await database(db).allDocs({ ...RANGE, include_docs: true });
    return result.rows.flatMap((row) => (isFact(row.doc) ? [row.doc.fact] : []));
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Stores facts (each once: one already there is left as it is). Resolves once stored. */
export async function addChoiceFacts(db: DossierDB, facts: readonly ChoiceFact[]): Promise<void> {
  if (facts.length === 0) return;
  const docs = facts.map((fact) => ({ _id: `${CHOICE_PREFIX}${fact.id}`, type: 'choice', fact }));
  try {
    const results = await database(db).bulkDocs(docs);
    const failed = results.find(
      (r) => r.error !== undefined && (r as { status?: number }).status !== 409,
    );
    if (failed) throw failed;
  } catch (error) {
    throw toStoreError(error);
  }
}

/** Removes every choice fact (tombstones, which replicate). Returns how many. */
export async function removeChoiceFacts(db: DossierDB): Promise<number> {
  try {
    const { rows } = await database(db).allDocs(RANGE);
    if (rows.length === 0) return 0;
    await database(db).bulkDocs(
      rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })),
    );
    return rows.length;
  } catch (error) {
    throw toStoreError(error);
  }
}

/** A local (never replicated) note that this store's older choices were carried over. */
const CARRIED_OVER = '_local/dossier-choice-facts';

/**
 * Every fact, after carrying over, once per store, the choices an earlier Dossier kept as a
 * list only (`legacy`, asked for only then). Once only: after "Forget everything" on another
 * device has removed every fact, the list in force here must not bring them back as facts.
 */
export async function choiceFactsCarriedOver(
  db: DossierDB,
  legacy: () => Promise<ChoiceFact[]>,
): Promise<ChoiceFact[]> {
  const marked = await database(db)
    .get(CARRIED_OVER)
    .then(
      () => true,
      () => false,
    );
  const facts = await listChoiceFacts(db);
  if (marked) return facts;
  // Facts from other devices may be here already (the first sync came first): add to them.
  const known = new Set(facts.map((f) => f.id));
  const old = (await legacy()).filter((f) => !known.has(f.id));
  await addChoiceFacts(db, old);
  try {
    await database(db).put({ _id: CARRIED_OVER, at: new Date().toISOString() });
  } catch (error) {
    throw toStoreError(error);
  }
  return [...facts, ...old];
}
