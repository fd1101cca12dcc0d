/**
 * The trash as the reader browses it (lib/store/trash.ts): newest first, bounded with the total,
 * the other versions the conflict rules kept named as such, and "Delete forever" for one entry.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteAnnotation,
  getAnnotation,
  noteDocId,
  purgeNote,
  resolveConflicts,
  saveAnnotation,
  setSignedInUser,
  trashEntries,
} from '../../../lib/store';
import { conflictingEdit, connections, makeAnnotation } from './fixtures';

const openDb = connections();

afterEach(() => setSignedInUser(undefined));

describe('the trash list', () => {
  it('lists deleted notes newest first, at most the number asked, with the total', async () => {
    const db = await openDb();
    const notes = [makeAnnotation(), makeAnnotation(), makeAnnotation()];
    for (const [i, note] of notes.entries()) {
      await saveAnnotation(db, note);
      await deleteAnnotation(db, note.id, { now: new Date(Date.UTC(2026, 0, 1 + i)) });
    }
    await saveAnnotation(db, makeAnnotation({ note: 'still here' }));
    const page = await trashEntries(db, 2);
    expect(page.total).toBe(3);
    expect(page.entries.map((e) => e.annotation.id)).toEqual([notes[2]?.id, notes[1]?.id]);
    expect(page.entries[0]?.otherVersionOf).toBeUndefined();
  });

  it('names the other version a conflict between devices put in the trash', async () => {
    const db = await openDb();
    const note = makeAnnotation({ note: 'original' });
    await saveAnnotation(db, note);
    await saveAnnotation(db, { ...note, note: 'edited here', updated: '2026-01-02T00:00:00.000Z' });
    const docId = await conflictingEdit(db, note, {
      type: 'note',
      note: { ...note, note: 'edited there', updated: '2026-01-03T00:00:00.000Z' },
    });
    await resolveConflicts(db, docId);
    const { entries } = await trashEntries(db, 10);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      otherVersionOf: note.id,
      annotation: { note: 'edited here' },
    });
  });

  it("deletes one note in the trash for good, and refuses a live note or a teammate's", async () => {
    const db = await openDb();
    const gone = makeAnnotation();
    const live = makeAnnotation();
    await saveAnnotation(db, gone);
    await saveAnnotation(db, live);
    await deleteAnnotation(db, gone.id);
    expect(await purgeNote(db, gone.id)).toBe(true);
    expect((await trashEntries(db, 10)).total).toBe(0);
    await expect(db.notes.get(noteDocId(gone.page.url, gone.id))).rejects.toMatchObject({
      status: 404,
    });
    await expect(purgeNote(db, live.id)).rejects.toThrow(/Only a note in the trash/);
    expect(await getAnnotation(db, live.id)).toBeDefined();
    expect(await purgeNote(db, 'never-saved')).toBe(false);

    setSignedInUser('rana');
    const theirs = makeAnnotation();
    const _id = noteDocId(theirs.page.url, theirs.id);
    await db.notes.bulkDocs(
      [
        {
          _id,
          _rev: `1-${'c'.repeat(32)}`,
          type: 'note',
          note: theirs,
          author: 'ana',
          trashed: { deletedAt: theirs.updated },
        },
      ],
      { new_edits: false },
    );
    db.index.apply(_id, false);
    await expect(purgeNote(db, theirs.id)).rejects.toThrow(/ana/);
  });
});
