/**
 * The library's stores (v4): the migration from a v3 database keeps every note, and the
 * library's queries record, replace, forget and pause as the side panel expects.
 */
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import type { LibraryPage } from '../../../lib/library/records';
import {
  countAnnotations,
  DB_NAME,
  DB_VERSION,
  forgetLibrary,
  forgetLibraryPage,
  getAnnotation,
  hasUnsettledPages,
  isLibraryPaused,
  listLibraryPages,
  listPeopleSummary,
  listPersonChoices,
  listTrash,
  rebuildPeopleSummary,
  recordLibraryPage,
  saveAnnotation,
  savePersonChoices,
  setLibraryPaused,
  settleLibraryPages,
  storeLibraryPage,
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

/** Two pages naming Blinken (the first with Sullivan), as the later migration fixtures hold. */
function blinkenPages(): LibraryPage[] {
  return [
    page('https://a.example/1', {
      analysis: {
        officials: [
          { name: 'Antony Blinken', titles: ['Secretary of State'], mentions: 2 },
          { name: 'Jake Sullivan', titles: [], mentions: 1 },
        ],
        quotes: [],
      },
    }),
    page('https://a.example/2', {
      analysis: {
        officials: [{ name: 'Secretary Blinken', titles: ['Secretary of State'], mentions: 1 }],
        quotes: [],
      },
    }),
  ];
}

/** The reader's merge of Blinken and Sullivan, which every migration must keep. */
const MERGE_BLINKEN_SULLIVAN = {
  id: 'c1',
  at: '2026-01-01T00:00:00.000Z',
  kind: 'merge',
  a: 'antony blinken',
  b: 'jake sullivan',
};

/** The person record versions 6 and 7 stored for Blinken (people keyed by id then). */
const OLD_BLINKEN_RECORD = {
  id: 'blinken',
  name: 'Blinken',
  forms: ['blinken'],
  titles: [],
  sites: [],
  pages: [],
  dates: [],
  mentions: 0,
  buckets: ['blinken'],
  rank: [0, 0],
  spellings: {},
};

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

/**
 * What version 4 left: the v3 notes stores and the three library stores, built with raw idb
 * calls as v4 released them, holding pages read, a reader's choice and the pause switch.
 */
async function createV4Fixture(
  notes: ReturnType<typeof makeAnnotation>[],
  pages: LibraryPage[],
  choices: unknown[],
): Promise<void> {
  const v4 = await openDB(DB_NAME, 4, {
    upgrade(db) {
      const parts = db.createObjectStore('pages', { keyPath: ['url', 'part'] });
      parts.createIndex('by-note', 'ids', { multiEntry: true, unique: true });
      parts.createIndex('by-tag', 'tags', { multiEntry: true });
      db.createObjectStore('trash', { keyPath: 'annotation.id' }).createIndex(
        'by-deleted',
        'deletedAt',
      );
      db.createObjectStore('library-pages', { keyPath: 'url' }).createIndex(
        'by-last-read',
        'lastRead',
      );
      db.createObjectStore('library-choices', { keyPath: 'id' });
      db.createObjectStore('library-settings', { keyPath: 'key' });
    },
  });
  const tx = v4.transaction(
    ['pages', 'library-pages', 'library-choices', 'library-settings'],
    'readwrite',
  );
  // One record per note, as v4 could hold them (each its own page here).
  for (const note of notes) {
    await tx
      .objectStore('pages')
      .put({ url: note.page.url, part: 0, notes: [note], ids: [note.id], tags: note.tags });
  }
  for (const page of pages) await tx.objectStore('library-pages').put(page);
  for (const choice of choices) await tx.objectStore('library-choices').put(choice);
  await tx.objectStore('library-settings').put({ key: 'paused', value: false });
  await tx.done;
  v4.close();
}

describe('migration v4 → v5', () => {
  it('adds the people summary stores, keeps every note and page, and the summary builds from them', async () => {
    const notes = [makeAnnotation({ tags: ['energy'] }), makeAnnotation({ page: OTHER_PAGE })];
    const pages = [
      page('https://a.example/1', {
        analysis: {
          officials: [
            { name: 'Antony Blinken', titles: ['Secretary of State'], mentions: 2 },
            { name: 'Tony Blinken', titles: [], mentions: 1 },
          ],
          quotes: [],
        },
      }),
      page('https://a.example/2', {
        analysis: {
          officials: [{ name: 'Secretary Blinken', titles: ['Secretary of State'], mentions: 1 }],
          quotes: [],
        },
      }),
    ];
    const split = {
      id: 'c1',
      at: '2026-01-01T00:00:00.000Z',
      kind: 'split',
      a: ['tony blinken'],
      b: ['antony blinken'],
    };
    await createV4Fixture(notes, pages, [split]);
    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    for (const note of notes) expect(await getAnnotation(db, note.id)).toEqual(note);
    expect((await listLibraryPages(db)).map((p) => p.url).sort()).toEqual(pages.map((p) => p.url));
    expect(await listPersonChoices(db)).toEqual([split]);
    // Derived data is not made by the upgrade step: it is missing, then built by current code.
    expect(await listPeopleSummary(db)).toBeNull();
    expect(await rebuildPeopleSummary(db)).toBe(2);
    const people = (await listPeopleSummary(db))?.people ?? [];
    expect(people.map((p) => [p.name, [...p.forms].sort()])).toEqual([
      ['Antony Blinken', ['antony blinken', 'blinken']],
      ['Tony Blinken', ['tony blinken']],
    ]);
  });
});

/**
 * What version 6 left: the library's stores with the summary's forms one record per form
 * (`library-forms`), people indexed by bucket, a current summary and a page marked unsettled.
 */
async function createV6Fixture(pages: LibraryPage[], choices: unknown[]): Promise<void> {
  const v6 = await openDB(DB_NAME, 6, {
    upgrade(db) {
      db.createObjectStore('library-pages', { keyPath: 'url' }).createIndex(
        'by-last-read',
        'lastRead',
      );
      db.createObjectStore('library-choices', { keyPath: 'id' });
      db.createObjectStore('library-settings', { keyPath: 'key' });
      db.createObjectStore('library-forms', { keyPath: 'key' }).createIndex('by-bucket', 'bucket');
      const people = db.createObjectStore('library-people', { keyPath: 'id' });
      people.createIndex('by-bucket', 'buckets', { multiEntry: true });
      people.createIndex('by-rank', 'rank');
      db.createObjectStore('library-search', { keyPath: 'key' });
    },
  });
  const names = ['library-pages', 'library-choices', 'library-settings', 'library-forms'];
  const tx = v6.transaction([...names, 'library-people'], 'readwrite');
  for (const page of pages) await tx.objectStore('library-pages').put(page);
  for (const choice of choices) await tx.objectStore('library-choices').put(choice);
  await tx.objectStore('library-settings').put({ key: 'paused', value: false });
  await tx.objectStore('library-settings').put({ key: 'people-summary', value: 2 });
  await tx.objectStore('library-settings').put({ key: 'unsettled:https://a.example/2', value: [] });
  await tx.objectStore('library-forms').put({ key: 'blinken', bucket: 'blinken', seen: {} });
  await tx.objectStore('library-people').put(OLD_BLINKEN_RECORD);
  await tx.done;
  v6.close();
}

describe('migration v6 → v7 (and on)', () => {
  it('keeps the pages and choices, drops the derived forms, and the summary rebuilds by bucket', async () => {
    const pages = blinkenPages();
    const merge = MERGE_BLINKEN_SULLIVAN;
    await createV6Fixture(pages, [merge]);
    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    const stores = [...db.idb.objectStoreNames] as string[];
    expect(stores).not.toContain('library-forms');
    expect(stores).not.toContain('library-buckets');
    const people = db.idb.transaction('library-people').store;
    expect([...people.indexNames]).toEqual(['by-rank']);
    expect(people.keyPath).toBe('key');
    expect((await listLibraryPages(db)).map((p) => p.url).sort()).toEqual(pages.map((p) => p.url));
    expect(await listPersonChoices(db)).toEqual([merge]);
    expect(await isLibraryPaused(db)).toBe(false);
    // The v6 summary is not taken as current: it is rebuilt from the pages, by bucket.
    expect(await listPeopleSummary(db)).toBeNull();
    expect(await rebuildPeopleSummary(db)).toBe(1);
    expect(await hasUnsettledPages(db)).toBe(false);
    const summary = (await listPeopleSummary(db))?.people ?? [];
    expect(summary.map((p) => [p.name, [...p.forms].sort(), [...p.pages].sort()])).toEqual([
      [
        'Antony Blinken',
        ['antony blinken', 'blinken', 'jake sullivan'],
        ['https://a.example/1', 'https://a.example/2'],
      ],
    ]);
    // And it is kept up to date by bucket: a page forgotten leaves the merged person's other.
    await forgetLibraryPage(db, 'https://a.example/2');
    const after = (await listPeopleSummary(db))?.people ?? [];
    expect(after.map((p) => [[...p.forms].sort(), p.pages])).toEqual([
      [['antony blinken', 'jake sullivan'], ['https://a.example/1']],
    ]);
  });
});

/**
 * What version 7 left: the forms by surname bucket (`library-buckets`), people keyed by id
 * without their forms' sightings, a current summary (version 3) and a page marked unsettled.
 */
async function createV7Fixture(pages: LibraryPage[], choices: unknown[]): Promise<void> {
  const v7 = await openDB(DB_NAME, 7, {
    upgrade(db) {
      db.createObjectStore('library-pages', { keyPath: 'url' }).createIndex(
        'by-last-read',
        'lastRead',
      );
      db.createObjectStore('library-choices', { keyPath: 'id' });
      db.createObjectStore('library-settings', { keyPath: 'key' });
      db.createObjectStore('library-buckets', { keyPath: 'bucket' });
      db.createObjectStore('library-people', { keyPath: 'id' }).createIndex('by-rank', 'rank');
      db.createObjectStore('library-search', { keyPath: 'key' });
    },
  });
  const names = ['library-pages', 'library-choices', 'library-settings', 'library-buckets'];
  const tx = v7.transaction([...names, 'library-people'], 'readwrite');
  for (const page of pages) await tx.objectStore('library-pages').put(page);
  for (const choice of choices) await tx.objectStore('library-choices').put(choice);
  await tx.objectStore('library-settings').put({ key: 'paused', value: true });
  await tx.objectStore('library-settings').put({ key: 'people-summary', value: 3 });
  await tx.objectStore('library-settings').put({
    key: 'unsettled:https://a.example/2',
    value: { held: ['blinken'], seen: [] },
  });
  await tx.objectStore('library-buckets').put({
    bucket: 'blinken',
    forms: { blinken: {} },
    people: ['blinken'],
  });
  await tx.objectStore('library-people').put(OLD_BLINKEN_RECORD);
  await tx.done;
  v7.close();
}

describe('migration v7 → v8', () => {
  it("keeps the pages, choices and pause switch, drops the buckets, and each person's record holds their forms", async () => {
    const pages = blinkenPages();
    const merge = MERGE_BLINKEN_SULLIVAN;
    await createV7Fixture(pages, [merge]);
    const db = await openDb();
    expect(db.idb.version).toBe(DB_VERSION);
    expect([...db.idb.objectStoreNames]).not.toContain('library-buckets');
    const store = db.idb.transaction('library-people').store;
    expect(store.keyPath).toBe('key');
    expect([...store.indexNames]).toEqual(['by-rank']);
    // The v7 people (no sightings) are gone, not taken as current.
    expect(await store.count()).toBe(0);
    expect(await listPeopleSummary(db)).toBeNull();
    expect((await listLibraryPages(db)).map((p) => p.url).sort()).toEqual(pages.map((p) => p.url));
    expect(await listPersonChoices(db)).toEqual([merge]);
    expect(await isLibraryPaused(db)).toBe(true);
    expect(await rebuildPeopleSummary(db)).toBe(1);
    expect(await hasUnsettledPages(db)).toBe(false);
    const summary = (await listPeopleSummary(db))?.people ?? [];
    expect(summary.map((p) => [p.name, [...p.forms].sort(), [...p.pages].sort()])).toEqual([
      [
        'Antony Blinken',
        ['antony blinken', 'blinken', 'jake sullivan'],
        ['https://a.example/1', 'https://a.example/2'],
      ],
    ]);
    // The merged person, at home in Blinken's bucket, is found from a page naming only
    // Sullivan: one person, not a second (now named by the form on most pages).
    await setLibraryPaused(db, false);
    await recordLibraryPage(
      db,
      page('https://a.example/3', {
        analysis: { officials: [{ name: 'Jake Sullivan', titles: [], mentions: 1 }], quotes: [] },
      }),
    );
    const grown = (await listPeopleSummary(db))?.people ?? [];
    expect(grown.map((p) => [p.name, [...p.pages].sort()])).toEqual([
      ['Jake Sullivan', ['https://a.example/1', 'https://a.example/2', 'https://a.example/3']],
    ]);
    await forgetLibraryPage(db, 'https://a.example/1');
    const after = (await listPeopleSummary(db))?.people ?? [];
    expect(after.map((p) => [[...p.forms].sort(), [...p.pages].sort()]).sort()).toEqual([
      [['blinken'], ['https://a.example/2']],
      [['jake sullivan'], ['https://a.example/3']],
    ]);
  });
});

/**
 * What summary version 4 left (schema v8, before organisations that speak were told apart):
 * a page recorded without speakers' kinds, whose quoting ministry the summary keeps as a
 * person, the reader's merge and split, the pause switch on, and a page marked unsettled by
 * the code of then (what the page says, and no quoted bodies).
 */
async function createSummaryV4Fixture(pages: LibraryPage[], choices: unknown[]): Promise<void> {
  const v8 = await openDB(DB_NAME, 8, {
    upgrade(db) {
      db.createObjectStore('library-pages', { keyPath: 'url' }).createIndex(
        'by-last-read',
        'lastRead',
      );
      db.createObjectStore('library-choices', { keyPath: 'id' });
      db.createObjectStore('library-settings', { keyPath: 'key' });
      db.createObjectStore('library-people', { keyPath: 'key' }).createIndex('by-rank', 'rank');
      db.createObjectStore('library-search', { keyPath: 'key' });
    },
  });
  const tx = v8.transaction(
    ['library-pages', 'library-choices', 'library-settings', 'library-people'],
    'readwrite',
  );
  for (const page of pages) await tx.objectStore('library-pages').put(page);
  for (const choice of choices) await tx.objectStore('library-choices').put(choice);
  await tx.objectStore('library-settings').put({ key: 'paused', value: true });
  await tx.objectStore('library-settings').put({ key: 'people-summary', value: 4 });
  await tx.objectStore('library-settings').put({
    key: 'unsettled:https://a.example/2',
    value: { held: [], seen: [] },
  });
  const url = 'https://a.example/1';
  const seen = { 'kavaristan ministry of energy': [[url, 'Example', '2024-01-01', 0, [], []]] };
  await tx.objectStore('library-people').put({
    key: 'energy',
    more: false,
    seen: JSON.stringify(seen),
    id: 'kavaristan ministry of energy',
    name: 'Kavaristan’s Ministry of Energy',
    forms: ['kavaristan ministry of energy'],
    titles: [],
    sites: ['Example'],
    pages: [url],
    dates: ['2024-01-01'],
    mentions: 0,
    buckets: ['energy'],
    rank: [1, 0],
    spellings: { 'kavaristan ministry of energy': ['Kavaristan’s Ministry of Energy'] },
  });
  await tx.done;
  v8.close();
}

describe('summary version 4 → 5: organisations that speak are not people', () => {
  it('rebuilds the summary from pages without kinds: the ministry is an organisation, and pages, choices and the pause switch are kept', async () => {
    const ministry = 'Kavaristan’s Ministry of Energy';
    const quote = (speaker: string, text: string) => ({
      text,
      speaker,
      quote: { type: 'TextQuoteSelector' as const, exact: text, prefix: '“', suffix: '”' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: text.length },
    });
    const pages = [
      page('https://a.example/1', {
        analysis: {
          officials: [
            { name: 'Antony Blinken', titles: ['Secretary of State'], mentions: 2 },
            { name: 'Jake Sullivan', titles: [], mentions: 1 },
            { name: 'John Smith', titles: [], mentions: 1 },
            { name: 'Jane Smith', titles: [], mentions: 1 },
          ],
          quotes: [quote(ministry, 'Exports will double.'), quote('Antony Blinken', 'We stay.')],
        },
      }),
      page('https://a.example/2', {
        analysis: {
          officials: [{ name: 'Smith', titles: [], mentions: 1 }],
          quotes: [quote('Pipeline Consortium', 'Flows resumed.')],
        },
      }),
    ];
    const merge = MERGE_BLINKEN_SULLIVAN;
    const split = {
      id: 'c2',
      at: '2026-01-02T00:00:00.000Z',
      kind: 'split',
      a: ['smith'],
      b: ['john smith'],
    };
    await createSummaryV4Fixture(pages, [merge, split]);
    const db = await openDb();
    // The version-4 summary, with the ministry as a person, is not taken as current.
    expect(await listPeopleSummary(db)).toBeNull();
    await rebuildPeopleSummary(db);
    const summary = await listPeopleSummary(db);
    const names = (summary?.people ?? []).map((p) => p.name).sort();
    expect(names).not.toContain(ministry);
    expect(names).not.toContain('Pipeline Consortium');
    expect(summary?.bodies.map((b) => [b.name, b.kind, b.pages])).toEqual([
      [ministry, 'organisation', ['https://a.example/1']],
      ['Pipeline Consortium', 'organisation', ['https://a.example/2']],
    ]);
    // Pages, choices (the merge and the split still apply) and the pause switch are kept.
    expect((await listLibraryPages(db)).map((p) => p.url).sort()).toEqual(pages.map((p) => p.url));
    expect(await listPersonChoices(db)).toEqual([merge, split]);
    expect(await isLibraryPaused(db)).toBe(true);
    expect(await hasUnsettledPages(db)).toBe(false);
    // The merge joins Blinken and Sullivan; the split keeps "Smith" from John Smith, so the one
    // Smith left for it is Jane (with no split, two Smiths would leave it on its own).
    const forms = (summary?.people ?? []).map((p) => [...p.forms].sort()).sort();
    expect(forms).toEqual([
      ['antony blinken', 'jake sullivan'],
      ['jane smith', 'smith'],
      ['john smith'],
    ]);
  });

  it('keeps the quoted bodies up to date as pages are read, read again and forgotten', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    const said = (speaker: string, kind: 'person' | 'organisation' | 'document') => ({
      text: 'Words.',
      speaker,
      speakerType: kind,
      quote: { type: 'TextQuoteSelector' as const, exact: 'Words.', prefix: '“', suffix: '”' },
      position: { type: 'TextPositionSelector' as const, start: 0, end: 6 },
    });
    await recordLibraryPage(
      db,
      page('https://a.example/1', {
        analysis: {
          officials: [],
          quotes: [said('Gazprom', 'organisation'), said('Leyla Rahimova', 'person')],
        },
      }),
    );
    await recordLibraryPage(
      db,
      page('https://a.example/2', {
        analysis: {
          officials: [],
          quotes: [said('Gazprom', 'organisation'), said('the review', 'document')],
        },
      }),
    );
    let summary = await listPeopleSummary(db);
    expect(summary?.people.map((p) => p.name)).toEqual(['Leyla Rahimova']);
    expect(summary?.bodies.map((b) => [b.name, b.kind, b.pages.length])).toEqual([
      ['Gazprom', 'organisation', 2],
      ['the review', 'document', 1],
    ]);
    // Read again, quoting nobody but a person: the review goes, Gazprom stays for page 1.
    await recordLibraryPage(
      db,
      page('https://a.example/2', {
        analysis: { officials: [], quotes: [said('Leyla Rahimova', 'person')] },
      }),
    );
    summary = await listPeopleSummary(db, 10);
    expect(summary?.bodies.map((b) => [b.name, b.pages])).toEqual([
      ['Gazprom', ['https://a.example/1']],
    ]);
    await forgetLibraryPage(db, 'https://a.example/1');
    expect((await listPeopleSummary(db))?.bodies).toEqual([]);
    await recordLibraryPage(
      db,
      page('https://a.example/3', {
        analysis: { officials: [], quotes: [said('Gazprom', 'organisation')] },
      }),
    );
    await forgetLibrary(db);
    expect((await listPeopleSummary(db))?.bodies).toEqual([]);
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

  it("records pages with relaxed durability, while the reader's own acts stay strict", async () => {
    const db = await openDb();
    const asked: [string[], string | undefined][] = [];
    const transaction = db.idb.transaction.bind(db.idb);
    db.idb.transaction = ((
      names: string[],
      mode: IDBTransactionMode,
      options?: IDBTransactionOptions,
    ) => {
      if (mode === 'readwrite') asked.push([[...names], options?.durability]);
      return transaction(names as never, mode, options);
    }) as typeof db.idb.transaction;
    await rebuildPeopleSummary(db);
    asked.length = 0;
    await recordLibraryPage(db, page('https://a.example/1'));
    await savePersonChoices(db, [
      { id: 'c1', at: '2026-01-01T00:00:00.000Z', kind: 'merge', a: 'x', b: 'y' },
    ]);
    await forgetLibraryPage(db, 'https://a.example/1');
    await setLibraryPaused(db, true);
    expect(asked.map(([names, durability]) => [names[0], durability])).toEqual([
      // The page with its mark, then resolving it into people: both derived from the page.
      ['library-pages', 'relaxed'],
      ['library-pages', 'relaxed'],
      ['library-settings', 'strict'],
      ['library-pages', 'strict'],
      ['library-settings', 'strict'],
    ]);
    // The recorded page was there, with its person, until forgotten.
    expect(await listLibraryPages(db)).toEqual([]);
    expect((await listPeopleSummary(db))?.people).toEqual([]);
  });
});

describe('pages recorded now, resolved into people later', () => {
  const named = (url: string, ...names: string[]) =>
    page(url, {
      analysis: { officials: names.map((name) => ({ name, titles: [], mentions: 1 })), quotes: [] },
    });
  /** The people of the summary, as names with their pages. */
  const people = async (db: Awaited<ReturnType<typeof openDb>>) =>
    ((await listPeopleSummary(db))?.people ?? []).map((p) => [p.name, [...p.pages].sort()]);

  it('keeps each page marked until settled, then resolves them all at once', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    await storeLibraryPage(db, named('https://a.example/1', 'Antony Blinken'));
    await storeLibraryPage(db, named('https://a.example/2', 'Secretary Blinken'));
    // Stored and listed at once; not yet among the people.
    expect(await listLibraryPages(db)).toHaveLength(2);
    expect(await hasUnsettledPages(db)).toBe(true);
    expect(await people(db)).toEqual([]);
    expect(await settleLibraryPages(db)).toBe(2);
    expect(await hasUnsettledPages(db)).toBe(false);
    expect(await people(db)).toEqual([
      ['Antony Blinken', ['https://a.example/1', 'https://a.example/2']],
    ]);
    expect(await settleLibraryPages(db)).toBe(0);
  });

  it('drops what the summary held for a page read again twice before settling', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    await recordLibraryPage(db, named('https://a.example/1', 'Antony Blinken'));
    await storeLibraryPage(db, named('https://a.example/1', 'Jake Sullivan'));
    await storeLibraryPage(db, named('https://a.example/1', 'Wendy Sherman'));
    expect(await people(db)).toEqual([['Antony Blinken', ['https://a.example/1']]]);
    expect(await settleLibraryPages(db)).toBe(1);
    expect(await people(db)).toEqual([['Wendy Sherman', ['https://a.example/1']]]);
  });

  it('forgets a page not yet settled, with what the summary held for it', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    await recordLibraryPage(db, named('https://a.example/1', 'Antony Blinken'));
    await storeLibraryPage(db, named('https://a.example/1', 'Jake Sullivan'));
    await forgetLibraryPage(db, 'https://a.example/1');
    expect(await hasUnsettledPages(db)).toBe(false);
    expect(await people(db)).toEqual([]);
  });

  it('leaves nothing to settle after a rebuild or "Forget everything"', async () => {
    const db = await openDb();
    await storeLibraryPage(db, named('https://a.example/1', 'Antony Blinken'));
    // The summary was never built: the rebuild resolves every page, marked or not.
    expect(await rebuildPeopleSummary(db)).toBe(1);
    expect(await hasUnsettledPages(db)).toBe(false);
    await storeLibraryPage(db, named('https://a.example/2', 'Jake Sullivan'));
    await setLibraryPaused(db, true);
    await forgetLibrary(db);
    expect(await hasUnsettledPages(db)).toBe(false);
    // The pause switch, kept with the marks, is not forgotten with them.
    expect(await isLibraryPaused(db)).toBe(true);
    expect(await people(db)).toEqual([]);
  });

  it('settles a mark left by an earlier version (the held keys alone) from the page itself', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    await recordLibraryPage(db, named('https://a.example/1', 'Antony Blinken'));
    await storeLibraryPage(db, named('https://a.example/1', 'Wendy Sherman'));
    // As v6 marked a page: the form keys the summary holds for it, nothing of what it says.
    const tx = db.idb.transaction('library-settings', 'readwrite');
    await tx.store.put({ key: 'unsettled:https://a.example/1', value: ['antony blinken'] });
    await tx.done;
    expect(await settleLibraryPages(db)).toBe(1);
    expect(await people(db)).toEqual([['Wendy Sherman', ['https://a.example/1']]]);
  });

  it('rewrites nothing of the summary for a page read again that says the same', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    await recordLibraryPage(db, named('https://a.example/1', 'Antony Blinken', 'Jake Sullivan'));
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const written = () => put.mock.contexts.map((store) => (store as IDBObjectStore).name);
    try {
      await storeLibraryPage(db, named('https://a.example/1', 'Antony Blinken', 'Jake Sullivan'));
      put.mockClear();
      expect(await settleLibraryPages(db)).toBe(1);
      expect(written()).toEqual([]);
      // What the page says changed: only the person of the bucket it changes is written, once
      // (Sullivan, not Blinken): their record carries the bucket's forms.
      await storeLibraryPage(db, named('https://a.example/1', 'Antony Blinken', 'Sullivan'));
      put.mockClear();
      expect(await settleLibraryPages(db)).toBe(1);
      expect(written()).toEqual(['library-people']);
    } finally {
      put.mockRestore();
    }
    expect(await people(db)).toEqual([
      ['Antony Blinken', ['https://a.example/1']],
      ['Sullivan', ['https://a.example/1']],
    ]);
  });

  it('marks nothing while paused', async () => {
    const db = await openDb();
    await setLibraryPaused(db, true);
    expect(await storeLibraryPage(db, named('https://a.example/1', 'Antony Blinken'))).toBeNull();
    expect(await hasUnsettledPages(db)).toBe(false);
  });
});
