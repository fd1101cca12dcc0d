/**
 * The notes' change feed (lib/store/feed.ts): what open views hear of, whoever wrote the note,
 * and conflicts that arrive by replication settled as they arrive.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  deleteAnnotation,
  type NotesFeedEvent,
  noteDocId,
  saveAnnotation,
  undoDelete,
  watchNotes,
} from '../../../lib/store';
import { connections, makeAnnotation } from './fixtures';

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
    const stop = watchNotes(db, () => {}, { onResolved: resolved });
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
    stop();
    expect(resolved.mock.calls[0]?.[1].notice).toMatch(/edited on two devices/);
    const after = await db.notes.get(docId, { conflicts: true });
    expect(after._conflicts ?? []).toEqual([]);
    expect(after).toMatchObject({ note: { note: 'there' } });
  });
});
