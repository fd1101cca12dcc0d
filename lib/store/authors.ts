/**
 * Whose note is it. With sync, a database holds the reader's notes and, from shared team
 * databases, teammates' notes, which the reader may read but not change (the server's
 * validation refuses it too; this is the local half, so the reader is told at once instead of
 * seeing the change bounce). A note without `author` is the reader's own (written here before
 * signing in); lib/sync tells the store who is signed in.
 */
import type { Annotation } from '../annotation';
import { StoreError } from './errors';
import type { NoteBody } from './pouch';

let signedIn: string | undefined;
/** The user this profile last synced as (kept when sync is turned off). */
let lastSignedIn: string | undefined;

/** lib/sync: the sync user signed in now, or undefined when sync is off. */
export function setSignedInUser(user: string | undefined): void {
  signedIn = user === '' ? undefined : user;
}

/**
 * lib/sync: the user this profile last synced as (at start, and each time sync is set up). With
 * sync off, the notes written under that name are still the reader's own (edit, delete), as
 * they were while it was on.
 */
export function setLastSignedInUser(user: string | undefined): void {
  lastSignedIn = user === '' ? undefined : user;
}

/** The sync user signed in now, stamped on notes this reader writes. */
export function signedInUser(): string | undefined {
  return signedIn;
}

/** True when a note was written by someone other than this reader. */
export function isTeammates(doc: Pick<NoteBody, 'author'>): boolean {
  // An empty author says nobody, like a missing one (lib/sync/documents.ts reads it so too).
  if (doc.author === undefined || doc.author === '') return false;
  return doc.author !== (signedIn ?? lastSignedIn);
}

/** Throws the reader's "not yours" error when the note belongs to a teammate. */
export function assertOwn(doc: Pick<NoteBody, 'author'>): void {
  if (isTeammates(doc)) {
    throw new StoreError(
      'readonly',
      `This note was written by ${doc.author}, a teammate; only they can change or delete it.`,
    );
  }
}

/** The `author` field for a note this reader writes now (none before signing in). */
export function ownAuthor(): { author?: string } {
  return signedIn === undefined ? {} : { author: signedIn };
}

/**
 * The note as the views see it: a teammate's note names its author (the views paint it apart
 * and offer no Edit or Delete); the reader's own carries no `author`, whatever a file imported
 * into it said. Allocates only when there is an author to add or remove.
 */
export function noteForViews(doc: Pick<NoteBody, 'author' | 'note'>): Annotation {
  if (isTeammates(doc) && doc.author !== undefined) {
    return doc.note.author === doc.author ? doc.note : { ...doc.note, author: doc.author };
  }
  return withoutAuthor(doc.note);
}

/** The note without a view's `author`: what is written into the reader's own documents. */
export function withoutAuthor(note: Annotation): Annotation {
  if (note.author === undefined) return note;
  const { author: _, ...own } = note;
  return own;
}
