/**
 * The notes' change feed (lib/store/feed.ts): what open views hear of, whoever wrote the note,
 * and conflicts that arrive by replication settled as they arrive.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  addChoiceFacts,
  deleteAnnotation,
  importAll,
  type NotesFeedEvent,
  noteDocId,
  saveAnnotation,
  undoDelete,
  watchNotes,
} from '../../../lib/store';
import { readAfterwards, writeQuietly } from '../../../lib/store/quiet';
import { conflictingEdit, connections, makeAnnotation, pageNumber } from './fixtures';

const openDb = connections();

describe('the change feed', () => {
  it('tells of notes saved, deleted and restored, in order', async () => {
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch));
    const note = makeAnnotation();
    await saveAnnotation(db, note);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    await deleteAnnotation(db, note.id);
    await vi.waitFor(() => expect(events).toHaveLength(2));
    await undoDelete(db, note.id);
    await vi.waitFor(() => expect(events).toHaveLength(3));
    stop();
    expect(events).toEqual([
      { kind: 'upsert', url: note.page.url, note },
      { kind: 'delete', url: note.page.url, id: note.id },
      { kind: 'upsert', url: note.page.url, note },
    ]);
  });

  it('tells of a note written by replication, as a note from another device arrives', async () => {
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch));
    const note = makeAnnotation({ note: 'from the laptop' });
    await db.notes.bulkDocs(
      [{ _id: noteDocId(note.page.url, note.id), _rev: `1-${'a'.repeat(32)}`, type: 'note', note }],
      { new_edits: false },
    );
    await vi.waitFor(() => expect(events).toHaveLength(1));
    stop();
    expect(events[0]).toEqual({ kind: 'upsert', url: note.page.url, note });
  });

  it('settles a conflict that arrives, and says so', async () => {
    const db = await openDb();
    const note = makeAnnotation({ note: 'original' });
    await saveAnnotation(db, note);
    const docId = noteDocId(note.page.url, note.id);
    const parent = (await db.notes.get(docId))._rev.split('-')[1];
    await saveAnnotation(db, { ...note, note: 'here', updated: '2026-01-02T00:00:00.000Z' });
    const resolved = vi.fn();
    const setAside = vi.fn();
    const stop = watchNotes(db, () => {}, { onResolved: resolved, onSetAside: setAside });
    const there = { ...note, note: 'there', updated: '2026-01-03T00:00:00.000Z' };
    await db.notes.bulkDocs(
      [
        {
          _id: docId,
          _rev: `2-${'b'.repeat(32)}`,
          _revisions: { start: 2, ids: ['b'.repeat(32), parent] },
          type: 'note',
          note: there,
        } as never,
      ],
      { new_edits: false },
    );
    await vi.waitFor(() => expect(resolved).toHaveBeenCalled());
    // The version put aside reaches the feed too (the notice of it is kept once: notices.ts).
    await vi.waitFor(() => expect(setAside).toHaveBeenCalledTimes(1));
    stop();
    expect(resolved.mock.calls[0]?.[1].notice).toMatch(/edited on two devices/);
    expect(setAside.mock.calls[0]?.[0]).toMatchObject({ note: 'here' });
    const after = await db.notes.get(docId, { conflicts: true });
    expect(after._conflicts ?? []).toEqual([]);
    expect(after).toMatchObject({ note: { note: 'there' } });
  });

  it('tells of the other version of a conflict resolved on another device, once', async () => {
    // Device B resolved the conflict first: this device never sees the conflict, only its
    // result, with the losing version in the trash.
    const db = await openDb();
    const setAside = vi.fn();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch), { onSetAside: setAside });
    const kept = makeAnnotation({ note: 'B reads it otherwise' });
    const other = { ...kept, id: makeAnnotation().id, note: 'A reads it so' };
    const trashed = { deletedAt: kept.updated, otherVersionOf: kept.id };
    const docId = noteDocId(other.page.url, other.id);
    await db.notes.bulkDocs(
      [
        {
          _id: noteDocId(kept.page.url, kept.id),
          _rev: `1-${'c'.repeat(32)}`,
          type: 'note',
          note: kept,
        },
        { _id: docId, _rev: `1-${'d'.repeat(32)}`, type: 'note', note: other, trashed },
      ] as never,
      { new_edits: false },
    );
    await vi.waitFor(() => expect(setAside).toHaveBeenCalledTimes(1));
    expect(setAside).toHaveBeenCalledWith(other);
    // Restored by the reader: a later revision of the same document says nothing more.
    await undoDelete(db, other.id);
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ kind: 'upsert', note: other }));
    stop();
    expect(setAside).toHaveBeenCalledTimes(1);
  });

  it("says nothing of the version a reader's restore replaced, and settles the restored one", async () => {
    // Device A restored the other version: B receives the note with A's text, A's entry gone
    // for good and the replaced text in the trash, marked as the reader's choice.
    const db = await openDb();
    const setAside = vi.fn();
    const settled = vi.fn();
    const stop = watchNotes(db, () => {}, { onSetAside: setAside, onSettled: settled });
    const kept = makeAnnotation({ note: 'A reads it so' });
    const replaced = { ...kept, id: makeAnnotation().id, note: 'B reads it otherwise' };
    const trashed = { deletedAt: kept.updated, otherVersionOf: kept.id, replaced: true };
    const restoredId = makeAnnotation().id;
    await db.notes.bulkDocs(
      [
        {
          _id: noteDocId(kept.page.url, kept.id),
          _rev: `3-${'c'.repeat(32)}`,
          type: 'note',
          note: kept,
        },
        {
          _id: noteDocId(replaced.page.url, replaced.id),
          _rev: `1-${'d'.repeat(32)}`,
          type: 'note',
          note: replaced,
          trashed,
        },
        {
          _id: noteDocId(kept.page.url, restoredId),
          _rev: `2-${'e'.repeat(32)}`,
          _deleted: true,
        },
      ] as never,
      { new_edits: false },
    );
    await vi.waitFor(() => expect(settled).toHaveBeenCalledWith(restoredId));
    expect(settled).toHaveBeenCalledWith(kept.id);
    expect(settled).not.toHaveBeenCalledWith(replaced.id);
    stop();
    expect(setAside).not.toHaveBeenCalled();
  });

  it('tells of a library choice stored (as replication brings one), not as a note', async () => {
    const db = await openDb();
    const onChoice = vi.fn();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch), { onChoice });
    await addChoiceFacts(db, [
      { id: 'c1', at: '2026-01-01T00:00:00.000Z', kind: 'merge', a: ['x'], b: ['y'] },
    ]);
    await vi.waitFor(() => expect(onChoice).toHaveBeenCalledTimes(1));
    stop();
    expect(events).toEqual([]);
  });

  it('tells of an import of many notes as one reload, and of the next note as usual', async () => {
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch));
    const notes = Array.from({ length: 120 }, (_, i) =>
      makeAnnotation({ page: pageNumber(i % 7) }),
    );
    await importAll(db, notes);
    await vi.waitFor(() => expect(events).toContainEqual({ kind: 'reload' }));
    const after = makeAnnotation({ note: 'saved after the import' });
    await saveAnnotation(db, after);
    await vi.waitFor(() => expect(events.at(-1)).toMatchObject({ kind: 'upsert' }));
    stop();
    // Not one event per imported note: the views list their page again instead.
    expect(events).toEqual([
      { kind: 'reload' },
      { kind: 'upsert', url: after.page.url, note: after },
    ]);
  });

  it('tells of every note a large pull stored once the pull ends, and settles its conflicts', async () => {
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const resolved: string[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch), {
      onResolved: (docId) => resolved.push(docId),
    });
    const mine = makeAnnotation({ note: 'edited here' });
    await saveAnnotation(db, mine);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    events.length = 0;
    const mineId = noteDocId(mine.page.url, mine.id);
    const pulled = [
      makeAnnotation({ note: 'from the laptop, one' }),
      makeAnnotation({ note: 'from the laptop, two' }),
    ];
    let toldDuring = -1;
    await readAfterwards(db.notes, async () => {
      await db.notes.bulkDocs(
        [
          ...pulled.map((note, i) => ({
            _id: noteDocId(note.page.url, note.id),
            _rev: `1-${String(i).repeat(32)}`,
            type: 'note' as const,
            note,
          })),
          // The same note edited on the laptop: a conflict arrives with the pull.
          {
            _id: mineId,
            _rev: `1-${'f'.repeat(32)}`,
            type: 'note' as const,
            note: { ...mine, note: 'edited on the laptop', updated: '2026-01-03T00:00:00.000Z' },
          },
        ],
        { new_edits: false },
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      toldDuring = events.length;
    });
    await vi.waitFor(() => expect(resolved).toEqual([mineId]));
    await vi.waitFor(() =>
      expect(events).toContainEqual(expect.objectContaining({ kind: 'upsert', note: pulled[1] })),
    );
    stop();
    expect(toldDuring).toBe(0);
    for (const note of pulled) {
      expect(events.filter((e) => e.kind === 'upsert' && e.note.id === note.id)).toHaveLength(1);
    }
    // Nothing to reload: each change is told as it is.
    expect(events).not.toContainEqual({ kind: 'reload' });
  });

  it('still tells of a note replication wrote while the store was importing', async () => {
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch));
    await vi.waitFor(async () => {
      // The feed has started (it reads from the sequence it found at the start).
      await saveAnnotation(db, makeAnnotation());
      expect(events.length).toBeGreaterThan(0);
    });
    events.length = 0;
    const ours = Array.from({ length: 60 }, (_, i) => {
      const note = makeAnnotation({ page: pageNumber(i % 3) });
      return { _id: noteDocId(note.page.url, note.id), type: 'note' as const, note };
    });
    const theirs = makeAnnotation({ note: 'from the laptop, meanwhile' });
    await writeQuietly(db.notes, async () => {
      await db.notes.bulkDocs(ours);
      await db.notes.bulkDocs(
        [
          {
            _id: noteDocId(theirs.page.url, theirs.id),
            _rev: `1-${'c'.repeat(32)}`,
            type: 'note',
            note: theirs,
          },
        ],
        { new_edits: false },
      );
      return ours.length;
    });
    await vi.waitFor(() =>
      expect(events).toContainEqual({ kind: 'upsert', url: theirs.page.url, note: theirs }),
    );
    stop();
    expect(events).toContainEqual({ kind: 'reload' });
  });

  it('goes on from where the last feed stopped reading: a conflict stored meanwhile is settled', async () => {
    const db = await openDb();
    let saved: number | undefined;
    const mark = {
      load: async () => saved,
      save: (seq: number) => {
        saved = seq;
      },
    };
    const note = makeAnnotation({ note: 'original' });
    const first: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => first.push(...batch), { mark });
    await saveAnnotation(db, note);
    await vi.waitFor(() => expect(first).toHaveLength(1));
    await saveAnnotation(db, { ...note, note: 'here', updated: '2026-01-02T00:00:00.000Z' });
    await vi.waitFor(() => expect(first).toHaveLength(2));
    // The worker stops (its feed with it), the mark saved on the way out ...
    stop();
    expect(saved).toBeGreaterThan(0);
    // ... and, before a new one reads, replication stores another device's edit (a worker
    // stopped in the middle of a large pull, whose feed was paused).
    const docId = await conflictingEdit(db, note, {
      type: 'note',
      note: { ...note, note: 'there', updated: '2026-01-03T00:00:00.000Z' },
    });
    const resolved = vi.fn();
    const setAside = vi.fn();
    const events: NotesFeedEvent[] = [];
    const again = watchNotes(db, (batch) => events.push(...batch), {
      mark,
      onResolved: resolved,
      onSetAside: setAside,
    });
    await vi.waitFor(() => expect(resolved).toHaveBeenCalled());
    await vi.waitFor(() => expect(setAside).toHaveBeenCalledTimes(1));
    // Nothing is read twice after that: the mark moves on past the resolution's own writes.
    const end = (await db.notes.info()).update_seq;
    await vi.waitFor(() => expect(saved).toBe(end), { timeout: 5_000 });
    again();
    expect(events).toContainEqual({
      kind: 'upsert',
      url: note.page.url,
      note: expect.objectContaining({ note: 'there' }),
    });
    const after = await db.notes.get(docId, { conflicts: true });
    expect(after._conflicts ?? []).toEqual([]);
  });

  it('starts from now when the mark is past the database (a database made afresh)', async () => {
    const db = await openDb();
    const events: NotesFeedEvent[] = [];
    const stop = watchNotes(db, (batch) => events.push(...batch), {
      mark: { load: async () => 1_000_000, save: () => {} },
    });
    const note = makeAnnotation();
    await saveAnnotation(db, note);
    await vi.waitFor(() => expect(events).toHaveLength(1));
    stop();
    expect(events).toEqual([{ kind: 'upsert', url: note.page.url, note }]);
  });
});
