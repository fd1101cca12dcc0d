/**
 * Concurrent edits on two devices (lib/store/conflicts.ts): the rules as a table, then the
 * resolution written to a real PouchDB database holding a conflict as replication leaves it.
 */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  getAnnotation,
  listTrash,
  type NoteBody,
  type NoteVersion,
  resolveConflict,
  resolveConflicts,
  saveAnnotation,
  undoDelete,
} from '../../../lib/store';
import { conflictingEdit, connections, makeAnnotation } from './fixtures';

const openDb = connections();

const base = makeAnnotation({
  id: 'n1',
  note: 'original',
  colour: 'yellow',
  tags: ['energy'],
  updated: '2026-01-01T00:00:00.000Z',
});

/** A version: the base note with some fields changed, at a revision. */
function version(rev: string, change: Partial<Annotation>, trashed?: string): NoteVersion {
  const body: NoteBody = { type: 'note', note: { ...base, ...change } };
  return { rev, body: trashed ? { ...body, trashed: { deletedAt: trashed } } : body };
}

describe('the conflict rules', () => {
  const cases: {
    name: string;
    versions: NoteVersion[];
    note: string;
    colour: string;
    tags: string[];
    trashed: boolean;
    others: string[];
    notice: RegExp | undefined;
  }[] = [
    {
      name: 'the newest edit gives text and colour; tags are merged',
      versions: [
        version('2-a', {
          note: 'laptop',
          tags: ['energy', 'oil'],
          updated: '2026-01-02T00:00:00.000Z',
        }),
        version('2-b', {
          note: 'desktop',
          colour: 'blue',
          tags: ['gas'],
          updated: '2026-01-03T00:00:00.000Z',
        }),
      ],
      note: 'desktop',
      colour: 'blue',
      tags: ['gas', 'energy', 'oil'],
      trashed: false,
      others: ['laptop'],
      notice: /edited on two devices/,
    },
    {
      name: 'the order the versions arrive in does not matter',
      versions: [
        version('2-b', {
          note: 'desktop',
          colour: 'blue',
          tags: ['gas'],
          updated: '2026-01-03T00:00:00.000Z',
        }),
        version('2-a', {
          note: 'laptop',
          tags: ['energy', 'oil'],
          updated: '2026-01-02T00:00:00.000Z',
        }),
      ],
      note: 'desktop',
      colour: 'blue',
      tags: ['gas', 'energy', 'oil'],
      trashed: false,
      others: ['laptop'],
      notice: /edited on two devices/,
    },
    {
      name: 'equal times: the higher revision wins, the same on every device',
      versions: [
        version('2-aaa', { note: 'one', updated: '2026-01-02T00:00:00.000Z' }),
        version('2-bbb', { note: 'two', updated: '2026-01-02T00:00:00.000Z' }),
      ],
      note: 'two',
      colour: 'yellow',
      tags: ['energy'],
      trashed: false,
      others: ['one'],
      notice: /edited on two devices/,
    },
    {
      name: 'only tags differ: merged, nothing put aside, no notice',
      versions: [
        version('2-a', { tags: ['oil'], updated: '2026-01-02T00:00:00.000Z' }),
        version('2-b', { tags: ['gas'], updated: '2026-01-03T00:00:00.000Z' }),
      ],
      note: 'original',
      colour: 'yellow',
      tags: ['gas', 'oil'],
      trashed: false,
      others: [],
      notice: undefined,
    },
    {
      name: 'a delete against an edit: the edit stays, in the trash, with a notice',
      versions: [
        version('2-a', {}, '2026-01-02T00:00:00.000Z'),
        version('2-b', { note: 'edited offline', updated: '2026-01-03T00:00:00.000Z' }),
      ],
      note: 'edited offline',
      colour: 'yellow',
      tags: ['energy'],
      trashed: true,
      others: ['original'],
      notice: /deleted on one device was edited on another/,
    },
    {
      name: 'deleted on both: stays deleted',
      versions: [
        version('2-a', {}, '2026-01-02T00:00:00.000Z'),
        version('2-b', {}, '2026-01-04T00:00:00.000Z'),
      ],
      note: 'original',
      colour: 'yellow',
      tags: ['energy'],
      trashed: true,
      others: [],
      notice: undefined,
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const result = resolveConflict(c.versions);
      expect(result.winner.note.note).toBe(c.note);
      expect(result.winner.note.colour).toBe(c.colour);
      expect(result.winner.note.tags).toEqual(c.tags);
      expect(result.winner.note.id).toBe('n1');
      expect(result.winner.trashed !== undefined).toBe(c.trashed);
      expect(result.others.map((o) => o.note.note)).toEqual(c.others);
      for (const other of result.others) {
        expect(other.trashed?.otherVersionOf).toBe('n1');
        expect(other.note.id).not.toBe('n1');
      }
      if (c.notice) expect(result.notice).toMatch(c.notice);
      else expect(result.notice).toBeUndefined();
    });
  }

  it('keeps the newest edit time, and the latest delete time', () => {
    const result = resolveConflict([
      version('2-a', { updated: '2026-01-05T00:00:00.000Z' }, '2026-01-06T00:00:00.000Z'),
      version(
        '2-b',
        { note: 'x', updated: '2026-01-03T00:00:00.000Z' },
        '2026-01-09T00:00:00.000Z',
      ),
    ]);
    expect(result.winner.note.updated).toBe('2026-01-05T00:00:00.000Z');
    expect(result.winner.trashed?.deletedAt).toBe('2026-01-09T00:00:00.000Z');
  });
});

describe('resolving a replicated conflict', () => {
  it('writes the merged note, removes the losing revision and keeps the other version', async () => {
    const db = await openDb();
    const note = makeAnnotation({ note: 'original', tags: ['energy'] });
    await saveAnnotation(db, note);
    const local = { ...note, note: 'edited here', updated: '2026-01-02T00:00:00.000Z' };
    await saveAnnotation(db, local);
    const docId = await conflictingEdit(db, note, {
      type: 'note',
      note: { ...note, note: 'edited there', tags: ['gas'], updated: '2026-01-03T00:00:00.000Z' },
    });
    expect((await db.notes.get(docId, { conflicts: true }))._conflicts).toHaveLength(1);

    const resolution = await resolveConflicts(db, docId);
    expect(resolution?.notice).toMatch(/edited on two devices/);
    const after = await db.notes.get(docId, { conflicts: true });
    expect(after._conflicts ?? []).toEqual([]);
    expect(await getAnnotation(db, note.id)).toMatchObject({
      note: 'edited there',
      tags: ['gas', 'energy'],
    });
    const trash = await listTrash(db);
    expect(trash.map((t) => t.annotation.note)).toEqual(['edited here']);
    expect(await resolveConflicts(db, docId)).toBeUndefined();
  });

  it('keeps an edit made offline when the other device deleted the note', async () => {
    const db = await openDb();
    const note = makeAnnotation({ note: 'original' });
    await saveAnnotation(db, note);
    await saveAnnotation(db, {
      ...note,
      note: 'edited offline',
      updated: '2026-01-05T00:00:00.000Z',
    });
    const docId = await conflictingEdit(db, note, {
      type: 'note',
      note,
      trashed: { deletedAt: '2026-01-04T00:00:00.000Z' },
    });
    const resolution = await resolveConflicts(db, docId);
    expect(resolution?.notice).toMatch(/deleted on one device/);
    expect(await getAnnotation(db, note.id)).toBeUndefined();
    const trash = await listTrash(db);
    expect(trash.find((t) => t.annotation.id === note.id)?.annotation.note).toBe('edited offline');
    expect((await undoDelete(db, note.id))?.note).toBe('edited offline');
  });
});
