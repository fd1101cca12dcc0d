/**
 * The library's stores (v4): the migration from a v3 database keeps every note, and the
 * library's queries record, replace, forget and pause as the side panel expects.
 */
import { describe, expect, it } from 'vitest';
import type { LibraryPage } from '../../../lib/library/records';
import {
  countAnnotations,
  DB_VERSION,
  forgetLibrary,
  forgetLibraryPage,
  getAnnotation,
  isLibraryPaused,
  listLibraryPages,
  listPersonChoices,
  listTrash,
  recordLibraryPage,
  saveAnnotation,
  savePersonChoices,
  setLibraryPaused,
} from '../../../lib/store';
import { connections, createV3Fixture, makeAnnotation, OTHER_PAGE } from './fixtures';

const openDb = connections();

function page(url: string, overrides: Partial<LibraryPage> = {}): LibraryPage {
  return {
    url,
    title: 'A page',
    site: 'Example',
    author: null,
    published: '2024-01-01',
    firstRead: '2026-01-01T00:00:00.000Z',
    lastRead: '2026-01-01T00:00:00.000Z',
    analysis: { officials: [{ name: 'Antony Blinken', titles: [], mentions: 2 }], quotes: [] },
    ...overrides,
  };
}

describe('migration v3 → v4', () => {
  it('adds the library stores and keeps every note and the trash', async () => {
    const notes = [
      makeAnnotation({ tags: ['energy'] }),
      makeAnnotation({ page: OTHER_PAGE, note: 'keep me' }),
      ...Array.from({ length: 30 }, () => makeAnnotation({ page: OTHER_PAGE })),
    ];
    const trashed = { annotation: makeAnnotation(), deletedAt: '2026-01-05T00:00:00.000Z' };
    await createV3Fixture(notes, [trashed]);
    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    expect([...db.idb.objectStoreNames]).toEqual(
      expect.arrayContaining(['library-pages', 'library-choices', 'library-settings']),
    );
    for (const note of notes) expect(await getAnnotation(db, note.id)).toEqual(note);
    expect(await countAnnotations(db)).toBe(notes.length);
    expect(await listTrash(db)).toEqual([trashed]);
    expect(await listLibraryPages(db)).toEqual([]);
    expect(await isLibraryPaused(db)).toBe(false);
  });
});

describe('library queries', () => {
  it('replaces a page read again, keeping when it was first read', async () => {
    const db = await openDb();
    await recordLibraryPage(db, page('https://a.example/1'));
    await recordLibraryPage(
      db,
      page('https://a.example/1', {
        title: 'Updated',
        firstRead: '2026-02-01T00:00:00.000Z',
        lastRead: '2026-02-01T00:00:00.000Z',
      }),
    );
    const pages = await listLibraryPages(db);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({
      title: 'Updated',
      firstRead: '2026-01-01T00:00:00.000Z',
      lastRead: '2026-02-01T00:00:00.000Z',
    });
  });

  it('lists the pages most recently read first, and records nothing while paused', async () => {
    const db = await openDb();
    await recordLibraryPage(db, page('https://a.example/old'));
    await recordLibraryPage(
      db,
      page('https://a.example/new', { lastRead: '2026-03-01T00:00:00.000Z' }),
    );
    await setLibraryPaused(db, true);
    expect(await isLibraryPaused(db)).toBe(true);
    expect(await recordLibraryPage(db, page('https://a.example/paused'))).toBeNull();
    expect((await listLibraryPages(db)).map((p) => p.url)).toEqual([
      'https://a.example/new',
      'https://a.example/old',
    ]);
    await setLibraryPaused(db, false);
    expect(await recordLibraryPage(db, page('https://a.example/paused'))).not.toBeNull();
  });

  it('forgets a page but keeps its notes unless asked, then moves them to the trash', async () => {
    const db = await openDb();
    const note = makeAnnotation();
    const other = makeAnnotation({ page: OTHER_PAGE });
    await saveAnnotation(db, note);
    await saveAnnotation(db, other);
    await recordLibraryPage(db, page(note.page.url));
    await recordLibraryPage(db, page(OTHER_PAGE.url));
    expect(await forgetLibraryPage(db, note.page.url)).toBe(0);
    expect((await listLibraryPages(db)).map((p) => p.url)).toEqual([OTHER_PAGE.url]);
    expect(await getAnnotation(db, note.id)).toEqual(note);

    await recordLibraryPage(db, page(note.page.url));
    expect(await forgetLibraryPage(db, note.page.url, { notes: true })).toBe(1);
    expect(await getAnnotation(db, note.id)).toBeUndefined();
    expect((await listTrash(db)).map((t) => t.annotation.id)).toEqual([note.id]);
    expect(await getAnnotation(db, other.id)).toEqual(other);
  });

  it('forgets everything, notes kept unless asked', async () => {
    const db = await openDb();
    const note = makeAnnotation();
    await saveAnnotation(db, note);
    await recordLibraryPage(db, page('https://a.example/1'));
    await savePersonChoices(db, [
      { id: 'c1', at: '2026-01-01T00:00:00.000Z', kind: 'merge', a: 'x', b: 'y' },
    ]);
    expect(await forgetLibrary(db)).toBe(0);
    expect(await listLibraryPages(db)).toEqual([]);
    expect(await listPersonChoices(db)).toEqual([]);
    expect(await getAnnotation(db, note.id)).toEqual(note);
    expect(await forgetLibrary(db, { notes: true })).toBe(1);
    expect(await countAnnotations(db)).toBe(0);
    expect((await listTrash(db)).map((t) => t.annotation.id)).toEqual([note.id]);
  });

  it('keeps person choices in the order they were made', async () => {
    const db = await openDb();
    await savePersonChoices(db, [
      { id: 'b', at: '2026-01-02T00:00:00.000Z', kind: 'split', a: ['x'], b: ['y'] },
      { id: 'a', at: '2026-01-01T00:00:00.000Z', kind: 'merge', a: 'x', b: 'y' },
    ]);
    expect((await listPersonChoices(db)).map((c) => c.id)).toEqual(['a', 'b']);
  });
});
