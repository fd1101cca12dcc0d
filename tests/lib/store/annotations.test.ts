/** Saving, listing, searching, counting and deleting single notes (lib/store/annotations.ts). */
import { describe, expect, it, vi } from 'vitest';
import {
  countAnnotations,
  type DossierDB,
  deleteAnnotation,
  getAnnotation,
  listAll,
  listByPage,
  listByTag,
  listTrash,
  purgeTrash,
  saveAnnotation,
  searchAnnotations,
  undoDelete,
  updateAnnotation,
} from '../../../lib/store';
import { connections, fullScans, makeAnnotation, OTHER_PAGE } from './fixtures';

const openDb = connections();

describe('saving notes', () => {
  it('brings a saved note back after the database is closed and reopened', async () => {
    const note = makeAnnotation({ note: 'Check the 2023 figures', tags: ['energy'] });
    const first = await openDb();
    expect(await saveAnnotation(first, note)).toEqual({ status: 'created', annotation: note });
    first.close();

    const second = await openDb();
    expect(await getAnnotation(second, note.id)).toEqual(note);
  });

  it('stores tags in canonical form so one tag is never listed twice', async () => {
    const db = await openDb();
    const result = await saveAnnotation(
      db,
      makeAnnotation({ tags: [' #Energy  policy ', 'energy policy', '', '#'] }),
    );
    expect(result.status).toBe('created');
    if (result.status !== 'created') return;
    expect(result.annotation.tags).toEqual(['Energy policy']);
    expect((await getAnnotation(db, result.annotation.id))?.tags).toEqual(['Energy policy']);
  });

  it('does not bring back a deleted note through an update from a stale tab', async () => {
    const db = await openDb();
    const note = makeAnnotation();
    await saveAnnotation(db, note);
    await deleteAnnotation(db, note.id);
    expect(await updateAnnotation(db, { ...note, note: 'edited' })).toEqual({
      status: 'missing',
      id: note.id,
    });
    expect(await getAnnotation(db, note.id)).toBeUndefined();
  });
});

describe('the conflict rule (last writer wins by `updated`)', () => {
  it('accepts an edit that is newer than the stored one', async () => {
    const db = await openDb();
    const note = makeAnnotation({ updated: '2026-01-01T10:00:00.000Z' });
    await saveAnnotation(db, note);
    const edit = { ...note, note: 'newer', updated: '2026-01-01T10:05:00.000Z' };
    expect(await updateAnnotation(db, edit)).toEqual({ status: 'updated', annotation: edit });
    expect((await getAnnotation(db, note.id))?.note).toBe('newer');
  });

  it('rejects an edit older than the stored one and returns the newer note', async () => {
    const db = await openDb();
    const note = makeAnnotation({ updated: '2026-01-01T10:00:00.000Z' });
    await saveAnnotation(db, note);
    const tabA = { ...note, note: 'from tab A', updated: '2026-01-01T10:02:00.000Z' };
    const tabB = { ...note, note: 'from tab B', updated: '2026-01-01T10:01:00.000Z' };
    await saveAnnotation(db, tabA);
    expect(await saveAnnotation(db, tabB)).toEqual({ status: 'conflict', current: tabA });
    expect(await updateAnnotation(db, tabB)).toEqual({ status: 'conflict', current: tabA });
    expect((await getAnnotation(db, note.id))?.note).toBe('from tab A');
  });

  it('compares times as instants, not as strings', async () => {
    const db = await openDb();
    const note = makeAnnotation({ updated: '2026-01-01T10:00:00.000Z' });
    await saveAnnotation(db, note);
    // 11:30 in +02:00 is 09:30Z: older, although its string sorts after.
    const stale = { ...note, note: 'stale', updated: '2026-01-01T11:30:00+02:00' };
    expect((await saveAnnotation(db, stale)).status).toBe('conflict');
  });
});

describe('listing', () => {
  it("lists a page's notes in page order and no other page's", async () => {
    const db = await openDb();
    const later = makeAnnotation({
      position: { type: 'TextPositionSelector', start: 500, end: 510 },
    });
    const earlier = makeAnnotation({
      position: { type: 'TextPositionSelector', start: 5, end: 9 },
    });
    const elsewhere = makeAnnotation({ page: OTHER_PAGE });
    for (const note of [later, elsewhere, earlier]) await saveAnnotation(db, note);

    expect((await listByPage(db, later.page.url)).map((n) => n.id)).toEqual([earlier.id, later.id]);
    expect((await listByPage(db, OTHER_PAGE.url)).map((n) => n.id)).toEqual([elsewhere.id]);
    expect(await listByPage(db, 'https://nowhere.example/')).toEqual([]);
  });

  it('reads a page through its own range of documents, without scanning every stored note', async () => {
    const db = await openDb();
    for (let i = 0; i < 50; i++) {
      await saveAnnotation(db, makeAnnotation(i % 10 === 0 ? {} : { page: OTHER_PAGE }));
    }
    const reads = vi.spyOn(db.notes, 'allDocs');
    const notes = await listByPage(db, makeAnnotation().page.url);
    expect(notes).toHaveLength(5);
    expect(await countAnnotations(db, { url: OTHER_PAGE.url })).toBe(45);
    expect(reads).toHaveBeenCalledTimes(2);
    expect(fullScans(reads)).toBe(0);
  });

  it('keeps apart two pages whose addresses begin alike', async () => {
    const db = await openDb();
    const short = makeAnnotation({ page: { ...OTHER_PAGE, url: 'https://example.org/a' } });
    const long = makeAnnotation({ page: { ...OTHER_PAGE, url: 'https://example.org/a:b' } });
    const longer = makeAnnotation({ page: { ...OTHER_PAGE, url: 'https://example.org/ab' } });
    for (const note of [short, long, longer]) await saveAnnotation(db, note);
    expect(await listByPage(db, 'https://example.org/a')).toEqual([short]);
    expect(await listByPage(db, 'https://example.org/a:b')).toEqual([long]);
  });

  it('lists the notes with a tag, and all notes newest first', async () => {
    const db = await openDb();
    const a = makeAnnotation({ tags: ['energy', 'EU'], updated: '2026-02-01T00:00:00.000Z' });
    const b = makeAnnotation({ tags: ['energy'], updated: '2026-03-01T00:00:00.000Z' });
    const c = makeAnnotation({ tags: ['security'], updated: '2026-01-15T00:00:00.000Z' });
    for (const note of [a, b, c]) await saveAnnotation(db, note);

    expect((await listByTag(db, 'energy')).map((n) => n.id)).toEqual([b.id, a.id]);
    expect((await listByTag(db, '#EU')).map((n) => n.id)).toEqual([a.id]);
    expect(await listByTag(db, 'nothing')).toEqual([]);
    expect((await listAll(db)).map((n) => n.id)).toEqual([b.id, a.id, c.id]);
    expect((await listAll(db, { limit: 2 })).map((n) => n.id)).toEqual([b.id, a.id]);
  });

  it('counts all notes and the notes of one page', async () => {
    const db = await openDb();
    expect(await countAnnotations(db)).toBe(0);
    await saveAnnotation(db, makeAnnotation());
    await saveAnnotation(db, makeAnnotation());
    await saveAnnotation(db, makeAnnotation({ page: OTHER_PAGE }));
    expect(await countAnnotations(db)).toBe(3);
    expect(await countAnnotations(db, { url: OTHER_PAGE.url })).toBe(1);
  });
});

describe('search', () => {
  async function seed(db: DossierDB) {
    const notes = {
      pipeline: makeAnnotation({
        note: 'Compare with the TAP pipeline capacity',
        quote: {
          type: 'TextQuoteSelector',
          exact: 'President Aliyev said',
          prefix: '',
          suffix: '',
        },
        tags: ['Energy'],
        updated: '2026-01-02T00:00:00.000Z',
      }),
      peace: makeAnnotation({
        page: OTHER_PAGE,
        note: 'Follow up on the treaty',
        quote: {
          type: 'TextQuoteSelector',
          exact: 'Prime Minister Pashinyan',
          prefix: '',
          suffix: '',
        },
        tags: ['security', 'Armenia'],
        updated: '2026-01-03T00:00:00.000Z',
      }),
      accent: makeAnnotation({
        note: 'Quoted in Le Monde: « café » diplomacy',
        tags: [],
        updated: '2026-01-01T00:00:00.000Z',
      }),
    };
    for (const note of Object.values(notes)) await saveAnnotation(db, note);
    return notes;
  }

  it('finds words in the note, the quote, the tags and the page title, ignoring case', async () => {
    const db = await openDb();
    const n = await seed(db);
    const ids = async (q: string, url?: string) =>
      (await searchAnnotations(db, q, url === undefined ? {} : { url })).map((x) => x.id);
    expect(await ids('tap PIPELINE')).toEqual([n.pipeline.id]);
    expect(await ids('aliyev')).toEqual([n.pipeline.id]);
    expect(await ids('armenia')).toEqual([n.peace.id]);
    expect(await ids('south caucasus')).toEqual([n.peace.id]);
    expect(await ids('cafe')).toEqual([n.accent.id]);
    expect(await ids('#sec')).toEqual([n.peace.id]);
    expect(await ids('treaty aliyev')).toEqual([]);
  });

  it('searches one page only when given its url', async () => {
    const db = await openDb();
    const n = await seed(db);
    const url = n.pipeline.page.url;
    expect((await searchAnnotations(db, 'the', { url })).map((x) => x.id)).toEqual([n.pipeline.id]);
    expect(await searchAnnotations(db, 'treaty', { url })).toEqual([]);
    expect((await searchAnnotations(db, '  ', { url })).map((x) => x.id)).toEqual([
      n.pipeline.id,
      n.accent.id,
    ]);
  });
});

describe('delete, undo and the trash', () => {
  it('moves a deleted note to the trash and undo restores it exactly', async () => {
    const db = await openDb();
    const note = makeAnnotation({ tags: ['energy'], colour: 'pink', note: 'keep me' });
    await saveAnnotation(db, note);
    const now = new Date('2026-03-01T12:00:00.000Z');

    expect(await deleteAnnotation(db, note.id, { now })).toEqual({
      annotation: note,
      deletedAt: now.toISOString(),
    });
    expect(await getAnnotation(db, note.id)).toBeUndefined();
    expect(await listByPage(db, note.page.url)).toEqual([]);
    expect(await listByTag(db, 'energy')).toEqual([]);
    expect(await listTrash(db)).toEqual([{ annotation: note, deletedAt: now.toISOString() }]);

    expect(await undoDelete(db, note.id)).toEqual(note);
    expect(await getAnnotation(db, note.id)).toEqual(note);
    expect(await listByTag(db, 'energy')).toEqual([note]);
    expect(await listTrash(db)).toEqual([]);
  });

  it('survives a reopen between delete and undo', async () => {
    const note = makeAnnotation();
    const first = await openDb();
    await saveAnnotation(first, note);
    await deleteAnnotation(first, note.id);
    first.close();
    const second = await openDb();
    expect(await undoDelete(second, note.id)).toEqual(note);
  });

  it('reports nothing to delete or undo for unknown ids', async () => {
    const db = await openDb();
    expect(await deleteAnnotation(db, 'missing')).toBeUndefined();
    expect(await undoDelete(db, 'missing')).toBeUndefined();
  });

  it('keeps a newer note saved under the same id when an old delete is undone', async () => {
    const db = await openDb();
    const note = makeAnnotation({ updated: '2026-01-01T00:00:00.000Z' });
    await saveAnnotation(db, note);
    await deleteAnnotation(db, note.id);
    const recreated = { ...note, note: 'written again', updated: '2026-02-01T00:00:00.000Z' };
    await saveAnnotation(db, recreated);
    expect(await undoDelete(db, note.id)).toEqual(recreated);
    expect(await getAnnotation(db, note.id)).toEqual(recreated);
    expect(await listTrash(db)).toEqual([]);
  });

  it('purges only trash older than the cut-off', async () => {
    const db = await openDb();
    const old = makeAnnotation();
    const recent = makeAnnotation();
    await saveAnnotation(db, old);
    await saveAnnotation(db, recent);
    await deleteAnnotation(db, old.id, { now: new Date('2026-01-01T00:00:00.000Z') });
    await deleteAnnotation(db, recent.id, { now: new Date('2026-03-01T00:00:00.000Z') });

    expect(await purgeTrash(db, new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
    expect((await listTrash(db)).map((e) => e.annotation.id)).toEqual([recent.id]);
    expect(await undoDelete(db, old.id)).toBeUndefined();
    expect(await undoDelete(db, recent.id)).toEqual(recent);
  });
});
