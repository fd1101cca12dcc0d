/**
 * The replicated note documents as the network half of sync sees them (the store half,
 * lib/store, owns how they are written): one document per note, `_id`
 * `note:<encoded page key>:<note id>`, body `{ type: 'note', note, author?, trashed? }`, where an
 * absent `author` means the reader of this profile. These rules decide what goes to a team, whose
 * note is whose, and who may change it; the server's validation function (scripts/couch) says
 * the same, so the refusal does not rest on the UI alone.
 */
import { normaliseTag } from '../annotation/rules';

/** The part of a note document these rules read. */
export interface NoteDocument {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  type?: string;
  author?: string;
  note?: { tags?: readonly string[] };
  trashed?: { deletedAt: string | number };
}

/** The prefix of every note document's id. */
export const NOTE_PREFIX = 'note:';

/** True when `doc` is the reader's own note (no author, or their sync user name). */
export function isOwnNote(doc: Pick<NoteDocument, 'author'>, user: string | null): boolean {
  return doc.author === undefined || doc.author === '' || doc.author === user;
}

/** Null when `user` may change or delete `doc`, else the refusal in words. */
export function editRefusal(doc: Pick<NoteDocument, 'author'>, user: string | null): string | null {
  return isOwnNote(doc, user)
    ? null
    : `This note is ${doc.author}'s, shared by your team: only ${doc.author} can change it.`;
}

/**
 * True when `doc` goes to a team database that takes `tag` (null: every note): the reader's own
 * notes, live or in the trash (so teammates see a removal), with the tag. Deletion tombstones
 * carry no tags and never go (their ids would tell the team which pages the reader noted).
 */
export function goesToTeam(doc: NoteDocument, tag: string | null, user: string): boolean {
  if (doc._deleted || doc.type !== 'note' || !doc._id.startsWith(NOTE_PREFIX)) return false;
  if (!isOwnNote(doc, user)) return false;
  if (tag === null) return true;
  // A tag is the same tag in any case (lib/annotation/rules.ts), as the reader typed it or not.
  const wanted = normaliseTag(tag).toLowerCase();
  return (doc.note?.tags ?? []).some((t) => normaliseTag(t).toLowerCase() === wanted);
}

/**
 * A team database only takes notes that say who wrote them (its validation function checks it
 * against the writer): the document with the reader's user name as `author`, or null when it
 * already has one.
 */
export function stampAuthor<T extends NoteDocument>(doc: T, user: string): T | null {
  if (doc._deleted || doc.type !== 'note' || (doc.author !== undefined && doc.author !== '')) {
    return null;
  }
  return { ...doc, author: user };
}
