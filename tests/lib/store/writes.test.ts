/**
 * Writing note documents (lib/store/writes.ts): what the browser cannot store is refused before
 * anything is written, what it can store is never refused for not being plain JSON, and a large
 * write is cut into transactions by its count and by its text.
 */
import { describe, expect, it } from 'vitest';
import { openNotesDatabase } from '../../../lib/store/pouch';
import { plainSize, writeAll } from '../../../lib/store/writes';
import { makeAnnotation } from './fixtures';

describe('writing note documents', () => {
  it('takes JSON-like data as plain, and anything else as a question for the browser', () => {
    // Strings and keys count their characters; every other value 8.
    expect(plainSize({ a: [1, 'two', null, true, { b: -0.5 }] })).toBe(
      8 + 1 + 8 + 8 + 3 + 8 + 8 + 8 + 1 + 8,
    );
    expect(plainSize({ a: () => 1 })).toBe(-1);
    expect(plainSize({ at: new Date(0) })).toBe(-1);
    expect(plainSize(undefined)).toBe(-1);
    let deep: object = {};
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(plainSize(deep)).toBe(-1);
  });

  it('cuts a large write by its count and by its text, in order, and stores all of it', async () => {
    const notes = Array.from({ length: 7 }, (_, i) =>
      makeAnnotation({ note: i === 3 ? 'long '.repeat(2000) : 'short '.repeat(10) }),
    );
    const writes = notes.map((note) => ({
      _id: `note:p:${note.id}`,
      next: { type: 'note' as const, note },
    }));
    const cuts = async (name: string, options: { chunk?: number; chunkChars?: number }) => {
      const db = openNotesDatabase(name);
      // Once open: PouchDB calls `bulkDocs` again for a call made while it was opening.
      await db.info();
      const calls: number[][] = [];
      const bulkDocs = db.bulkDocs.bind(db);
      db.bulkDocs = ((docs: { _id: string }[]) => {
        calls.push(docs.map((doc) => writes.findIndex((write) => write._id === doc._id)));
        return bulkDocs(docs as never);
      }) as typeof db.bulkDocs;
      await writeAll(db, undefined, writes, options);
      expect((await db.allDocs({})).rows).toHaveLength(7);
      await db.destroy();
      return calls;
    };
    expect(await cuts('writes-by-count', { chunk: 3 })).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    // Room for two short notes by text (three would not fit), and the long one goes alone.
    const short = Math.max(...writes.filter((_, i) => i !== 3).map((w) => plainSize(w.next)));
    expect(3 * short).toBeGreaterThan(2 * short + 1);
    expect(await cuts('writes-by-text', { chunk: 3, chunkChars: 2 * short + 1 })).toEqual([
      [0, 1],
      [2],
      [3],
      [4, 5],
      [6],
    ]);
  });

  it('refuses a body holding a function and writes none of the others', async () => {
    const db = openNotesDatabase('writes-refused');
    const good = makeAnnotation();
    const bad = { ...makeAnnotation(), extra: { say: () => 'x' } };
    const writes = [good, bad].map((note) => ({
      _id: `note:p:${note.id}`,
      next: { type: 'note' as const, note },
    }));
    await expect(writeAll(db, undefined, writes)).rejects.toMatchObject({ code: 'invalid' });
    expect((await db.allDocs({})).rows).toEqual([]);
    await db.destroy();
  });

  it('stores a body the browser can clone though JSON could not say it (a date)', async () => {
    const db = openNotesDatabase('writes-date');
    const note = { ...makeAnnotation(), seenAt: new Date('2026-01-02T03:04:05Z') };
    await writeAll(db, undefined, [{ _id: `note:p:${note.id}`, next: { type: 'note', note } }]);
    const stored = (await db.get(`note:p:${note.id}`)) as unknown as { note: { seenAt: unknown } };
    // PouchDB itself stores a date as its ISO text.
    expect(stored.note.seenAt).toBe('2026-01-02T03:04:05.000Z');
    await db.destroy();
  });
});
