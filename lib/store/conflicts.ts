/**
 * Concurrent edits of one note on two devices, decided and visible. Replication keeps both
 * versions (PouchDB's revision tree: one winner, the others in `_conflicts`); this module
 * decides what the note becomes and writes it, and keeps whatever the decision drops where the
 * reader can see and restore it. Nothing is lost silently.
 *
 * THE RULES (`resolveConflict`, a pure function with table tests):
 * 1. The note's text, colour and the rest of its content come from the newest edit (`updated`;
 *    equal times: the higher revision, so every device decides alike).
 * 2. Tags are merged: the union of every version's tags.
 * 3. A delete against an edit: the note stays in the trash, holding the edit (text and colour of
 *    the newest edit, merged tags), and a notice says so; Undo brings it back.
 * 4. A losing version whose text or colour differs from the result is kept in the trash as an
 *    "other version" (`trashed.otherVersionOf`), under an id derived from its content, so two
 *    devices resolving the same conflict keep it once.
 * Resolution writes the result over the winning revision and removes the losing revisions.
 * Because PouchDB's revision ids are derived from content, two devices resolving the same
 * conflict write the same revisions, and their resolutions replicate without a new conflict.
 */
import type { Annotation } from '../annotation';
import { compareTimes } from '../annotation/order';
import { asideId } from './aside';
import { isTeammates } from './authors';
import { normaliseTags } from './normalise';
import { bodyOf, isNoteDoc, type NoteBody, type NoteDoc } from './pouch';
import type { DossierDB } from './schema';
import { type DocWrite, writeAll } from './writes';

/** One revision of a note document. */
export interface NoteVersion {
  rev: string;
  body: NoteBody;
}

/** What a conflict resolves to. */
export interface ConflictResolution {
  /** The note document's body from now on. */
  winner: NoteBody;
  /** Losing versions kept in the trash as "other versions" (already with their aside ids). */
  others: NoteBody[];
  /** A sentence for the reader when the result is not what one device last showed. */
  notice?: string;
  /** A delete met an edit: the note is in the trash holding the edit (rule 3). */
  deletedVsEdited?: true;
}

/** The later of two ISO times (they compare as instants). */
function later(a: string, b: string): string {
  return compareTimes(a, b) >= 0 ? a : b;
}

/** Newest edit first; equal times: the higher revision first (the same on every device). */
function byNewestEdit(a: NoteVersion, b: NoteVersion): number {
  const time = compareTimes(b.body.note.updated, a.body.note.updated);
  if (time !== 0) return time;
  const [na, nb] = [Number.parseInt(a.rev, 10), Number.parseInt(b.rev, 10)];
  if (na !== nb) return nb - na;
  return a.rev < b.rev ? 1 : a.rev > b.rev ? -1 : 0;
}

/** Whether two versions say something different (a reader would want the other one). */
function differs(a: Annotation, b: Annotation): boolean {
  return a.note !== b.note || a.colour !== b.colour || a.quote.exact !== b.quote.exact;
}

/** The same, counting the tags too (a restored version replaces them: trash.ts). */
export function differsWithTags(a: Annotation, b: Annotation): boolean {
  return differs(a, b) || JSON.stringify(a.tags) !== JSON.stringify(b.tags);
}

/** Decides a conflict between versions of one note; see the rules at the top. */
export function resolveConflict(versions: readonly NoteVersion[]): ConflictResolution {
  const sorted = [...versions].sort(byNewestEdit);
  const newest = sorted[0];
  if (!newest) throw new Error('A conflict needs at least one version.');
  const tags = normaliseTags(sorted.flatMap((v) => v.body.note.tags));
  const updated = sorted.reduce((t, v) => later(t, v.body.note.updated), newest.body.note.updated);
  const note: Annotation = { ...newest.body.note, tags, updated };
  const deletes = sorted.flatMap((v) => (v.body.trashed ? [v.body.trashed.deletedAt] : []));
  const lives = sorted.filter((v) => !v.body.trashed);
  const { trashed: _, ...rest } = bodyOf(newest.body);
  const winner: NoteBody =
    deletes.length > 0
      ? { ...rest, note, trashed: { deletedAt: deletes.reduce(later) } }
      : { ...rest, note };
  const others: NoteBody[] = [];
  const seen = new Set<string>();
  for (const version of sorted.slice(1)) {
    if (!differs(version.body.note, note)) continue;
    const id = asideId(version.body.note);
    if (seen.has(id)) continue;
    seen.add(id);
    others.push({
      ...bodyOf(version.body),
      note: { ...version.body.note, id },
      trashed: { deletedAt: updated, otherVersionOf: note.id },
    });
  }
  let notice: string | undefined;
  if (deletes.length > 0 && lives.length > 0) {
    notice =
      'A note deleted on one device was edited on another. The edited note is in the trash; ' +
      'Undo brings it back.';
  } else if (others.length > 0) {
    notice =
      'A note was edited on two devices at once. The newest edit is kept; the other version ' +
      'is in the trash, where it can be restored.';
  }
  const resolution: ConflictResolution = { winner, others };
  if (notice !== undefined) resolution.notice = notice;
  if (deletes.length > 0 && lives.length > 0) resolution.deletedVsEdited = true;
  return resolution;
}

/** True when two bodies would be written the same. */
function sameBody(a: NoteBody, b: NoteBody): boolean {
  return JSON.stringify(bodyOf(a)) === JSON.stringify(bodyOf(b));
}

/**
 * Resolves the conflicts of one document (if it has any) by the rules above and writes the
 * result: the merged winner over the winning revision, the other versions into the trash, and
 * the losing revisions removed. Teammates' notes are left for their author's devices. Returns
 * the resolution, or undefined when there was nothing to do.
 */
export async function resolveConflicts(
  db: DossierDB,
  docId: string,
): Promise<ConflictResolution | undefined> {
  const current = await db.notes.get(docId, { conflicts: true }).catch(() => undefined);
  if (!isNoteDoc(current) || !current._conflicts?.length || isTeammates(current)) {
    return undefined;
  }
  const losers = (
    await Promise.all(
      current._conflicts.map((rev) => db.notes.get(docId, { rev }).catch(() => undefined)),
    )
  ).filter(isNoteDoc);
  const all: NoteDoc[] = [current, ...losers];
  const resolution = resolveConflict(all.map((doc) => ({ rev: doc._rev, body: bodyOf(doc) })));
  const writes: DocWrite[] = [];
  if (!sameBody(resolution.winner, current)) {
    writes.push({ _id: docId, next: resolution.winner, previous: current });
  }
  for (const loser of losers) writes.push({ _id: docId, next: null, previous: loser });
  const asideIds = resolution.others.map((body) => docId.replace(/:[^:]*$/, `:${body.note.id}`));
  const existing = asideIds.length > 0 ? await db.notes.allDocs({ keys: asideIds }) : { rows: [] };
  resolution.others.forEach((body, i) => {
    const row = existing.rows[i] as { error?: string; value?: { deleted?: boolean } } | undefined;
    const id = asideIds[i];
    if (id !== undefined && (row === undefined || 'error' in row || row.value?.deleted)) {
      writes.push({ _id: id, next: body });
    }
  });
  await writeAll(db.notes, db.index, writes);
  return resolution;
}
