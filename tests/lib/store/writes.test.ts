/**
 * Writing note documents (lib/store/writes.ts): what the browser cannot store is refused before
 * anything is written, and what it can store is never refused for not being plain JSON.
 */
import { describe, expect, it } from 'vitest';
import { openNotesDatabase } from '../../../lib/store/pouch';
import { plainData, writeAll } from '../../../lib/store/writes';
import { makeAnnotation } from './fixtures';

describe('writing note documents', () => {
  it('takes JSON-like data as plain, and anything else as a question for the browser', () => {
    expect(plainData({ a: [1, 'two', null, true, { b: -0.5 }] })).toBe(true);
    expect(plainData({ a: () => 1 })).toBe(false);
    expect(plainData({ at: new Date(0) })).toBe(false);
    expect(plainData(undefined)).toBe(false);
    let deep: object = {};
    for (let i = 0; i < 40; i++) deep = { deep };
    expect(plainData(deep)).toBe(false);
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
