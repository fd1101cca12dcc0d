/**
 * Teammates' notes on the way to the views (lib/store/authors.ts `noteForViews`): a note that
 * came from a team database names its author, so the views paint it apart and offer no Edit or
 * Delete; the reader's own notes never carry an author, whatever a file said.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  getAnnotation,
  listByPage,
  listTrash,
  type NotesFeedEvent,
  noteDocId,
  saveAnnotation,
  searchAnnotations,
  setSignedInUser,
  updateAnnotation,
  watchNotes,
} from '../../../lib/store';
import type { NoteBody } from '../../../lib/store/pouch';
import { connections, makeAnnotation } from './fixtures';

const openDb = connections();

afterEach(() => setSignedInUser(undefined));

/** Writes a document as replication from a team database would (its revision, its author). */
async function arrive(db: Awaited<ReturnType<typeof openDb>>, body: Omit<NoteBody, 'type'>) {
  const note = body.note;
  const _id = noteDocId(note.page.url, note.id);
  await db.notes.bulkDocs([{ _id, _rev: `1-${'b'.repeat(32)}`, type: 'note', ...body }], {
    new_edits: false,
  });
  db.index.apply(_id, false);
}

describe("a teammate's note as the views see it", () => {
  it('names its author in the page list, in search and by id; own notes name nobody', async () => {
    setSignedInUser('rana');
    const db = await openDb();
    const own = makeAnnotation({ note: 'mine' });
    await saveAnnotation(db, own);
    const theirs = makeAnnotation({ note: 'from Ana' });
    await arrive(db, { note: theirs, author: 'ana' });

    const listed = await listByPage(db, own.page.url);
    expect(listed.map((n) => [n.note, n.author])).toEqual([
      ['mine', undefined],
      ['from Ana', 'ana'],
    ]);
    expect('author' in (listed[0] ?? {})).toBe(false);
    expect((await searchAnnotations(db, 'Ana'))[0]?.author).toBe('ana');
    expect((await getAnnotation(db, theirs.id))?.author).toBe('ana');
  });

  it("names nobody on the reader's own notes stamped with their user name", async () => {
    setSignedInUser('rana');
    const db = await openDb();
    const stamped = makeAnnotation({ note: 'stamped for the team' });
    await arrive(db, { note: stamped, author: 'rana' });
    expect((await getAnnotation(db, stamped.id))?.author).toBeUndefined();
  });

  it('tells open views who wrote a note that arrives from the team', async () => {
    setSignedInUser('rana');
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch));
    const theirs = makeAnnotation({ note: 'live from Ana' });
    await arrive(db, { note: theirs, author: 'ana' });
    await vi.waitFor(() => expect(events).toHaveLength(1));
    stop();
    expect(events[0]).toEqual({
      kind: 'upsert',
      url: theirs.page.url,
      note: { ...theirs, author: 'ana' },
    });
  });

  it("never stores a view's author in the reader's own note", async () => {
    const db = await openDb();
    const note = makeAnnotation();
    await saveAnnotation(db, { ...note, author: 'someone' });
    const doc = await db.notes.get(noteDocId(note.page.url, note.id));
    expect(doc.note).not.toHaveProperty('author');
    expect(doc).not.toHaveProperty('author');
    const edited = { ...note, note: 'edited', updated: '2026-02-01T00:00:00.000Z', author: 'x' };
    expect((await updateAnnotation(db, edited)).status).toBe('updated');
    expect((await db.notes.get(noteDocId(note.page.url, note.id))).note).not.toHaveProperty(
      'author',
    );
  });

  it("refuses to change a teammate's note", async () => {
    setSignedInUser('rana');
    const db = await openDb();
    const theirs = makeAnnotation();
    await arrive(db, { note: theirs, author: 'ana' });
    await expect(
      updateAnnotation(db, { ...theirs, note: 'mine now', updated: '2027-01-01T00:00:00.000Z' }),
    ).rejects.toThrow(/ana/);
  });

  it("names the author of a teammate's note in the trash", async () => {
    setSignedInUser('rana');
    const db = await openDb();
    const theirs = makeAnnotation();
    await arrive(db, { note: theirs, author: 'ana', trashed: { deletedAt: theirs.updated } });
    expect((await listTrash(db))[0]?.annotation.author).toBe('ana');
  });
});
