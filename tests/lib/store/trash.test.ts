/**
 * The trash as the reader browses it (lib/store/trash.ts): newest first, bounded with the total,
 * the other versions the conflict rules kept named as such, "Delete forever" for one entry, and
 * "Restore this version", which makes the note that version and keeps the one it replaces in
 * the trash, also across two devices replicating.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  type DossierDB,
  deleteAnnotation,
  getAnnotation,
  listTrash,
  noteDocId,
  purgeNote,
  resolveConflicts,
  restoreVersion,
  saveAnnotation,
  setSignedInUser,
  trashEntries,
} from '../../../lib/store';
import { replicate } from '../../../lib/sync/remote';
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

/** A note in conflict as replication leaves it, settled: "edited here" is kept aside. */
async function settledConflict(db: DossierDB): Promise<{ note: Annotation; docId: string }> {
  const note = makeAnnotation({ note: 'original', tags: ['energy'], colour: 'yellow' });
  await saveAnnotation(db, note);
  await saveAnnotation(db, {
    ...note,
    note: 'edited here',
    colour: 'green',
    tags: ['oil'],
    updated: '2026-01-02T00:00:00.000Z',
  });
  const docId = await conflictingEdit(db, note, {
    type: 'note',
    note: { ...note, note: 'edited there', tags: ['gas'], updated: '2026-01-03T00:00:00.000Z' },
  });
  await resolveConflicts(db, docId);
  return { note, docId };
}

describe('restoring a version', () => {
  it('makes the note that version, and puts the version it replaces in the trash', async () => {
    const db = await openDb();
    const { note, docId } = await settledConflict(db);
    expect((await getAnnotation(db, note.id))?.note).toBe('edited there');
    const [aside] = (await trashEntries(db, 10)).entries;
    const now = new Date('2026-02-01T00:00:00.000Z');

    const restored = await restoreVersion(db, aside!.annotation.id, { now });
    expect(restored).toMatchObject({ id: note.id, note: 'edited here', colour: 'green' });
    const live = await getAnnotation(db, note.id);
    expect(live).toMatchObject({ note: 'edited here', colour: 'green', tags: ['oil'] });
    expect(live?.created).toBe(note.created);
    expect(live?.updated).toBe(now.toISOString());
    // One note on the page, not two; the replaced version is the one in the trash now.
    expect((await db.notes.allDocs({ keys: [docId] })).rows).toHaveLength(1);
    const { entries, total } = await trashEntries(db, 10);
    expect(total).toBe(1);
    expect(entries[0]).toMatchObject({
      otherVersionOf: note.id,
      replaced: true,
      annotation: { note: 'edited there' },
    });
    expect((await db.notes.get(docId, { conflicts: true }))._conflicts ?? []).toEqual([]);

    // The choice can be undone: restoring the replaced version swaps them back.
    await restoreVersion(db, entries[0]!.annotation.id, {
      now: new Date('2026-02-02T00:00:00.000Z'),
    });
    expect(await getAnnotation(db, note.id)).toMatchObject({
      note: 'edited there',
      tags: ['gas', 'oil'],
    });
    expect((await listTrash(db)).map((t) => t.annotation.note)).toEqual(['edited here']);
  });

  it('brings a deleted note back as it was, and a version whose note is gone under its id', async () => {
    const db = await openDb();
    const plain = makeAnnotation({ note: 'plain' });
    await saveAnnotation(db, plain);
    await deleteAnnotation(db, plain.id);
    expect(await restoreVersion(db, plain.id)).toMatchObject({ id: plain.id, note: 'plain' });

    const { note } = await settledConflict(db);
    const aside = (await trashEntries(db, 10)).entries[0]!;
    await deleteAnnotation(db, note.id);
    await purgeNote(db, note.id);
    expect(await restoreVersion(db, aside.annotation.id)).toMatchObject({
      id: note.id,
      note: 'edited here',
    });
    expect((await getAnnotation(db, note.id))?.note).toBe('edited here');
    expect((await trashEntries(db, 10)).total).toBe(0);
    expect(await restoreVersion(db, 'never-saved')).toBeUndefined();
  });

  it('reaches the other device as plain edits: the same note there, no new conflict', async () => {
    // Two devices' stores, each its own databases, replicating directly.
    const a = await openDb({ name: 'device-a' });
    const b = await openDb({ name: 'device-b' });
    const both = async () => {
      await replicate(a.notes as never, b.notes as never, { batch_size: 100 });
      await replicate(b.notes as never, a.notes as never, { batch_size: 100 });
    };
    const note = makeAnnotation({ note: 'original' });
    await saveAnnotation(a, note);
    await both();
    await saveAnnotation(a, { ...note, note: 'A reads it so', updated: '2026-01-02T00:00:00Z' });
    await saveAnnotation(b, {
      ...note,
      note: 'B reads it otherwise',
      updated: '2026-01-03T00:00:00Z',
    });
    await both();
    const docId = noteDocId(note.page.url, note.id);
    await resolveConflicts(a, docId);
    await resolveConflicts(b, docId);
    await both();
    expect((await getAnnotation(b, note.id))?.note).toBe('B reads it otherwise');

    const aside = (await trashEntries(a, 10)).entries[0]!;
    await restoreVersion(a, aside.annotation.id);
    await both();
    for (const device of [a, b]) {
      expect((await getAnnotation(device, note.id))?.note).toBe('A reads it so');
      expect((await device.notes.get(docId, { conflicts: true }))._conflicts ?? []).toEqual([]);
      expect((await listTrash(device)).map((t) => t.annotation.note)).toEqual([
        'B reads it otherwise',
      ]);
    }
  });
});
