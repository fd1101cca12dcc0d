/**
 * The background's library service over a real (fake-indexeddb) store, and the reader's
 * choices replicating between two such stores as sync carries them (issue 14).
 */
import { describe, expect, it, vi } from 'vitest';
import { buildLibrary } from '../../../lib/library/model';
import {
  createLibraryService,
  SETTLE_MAX_WAIT_MS,
  SETTLE_QUIET_MS,
} from '../../../lib/library/service';
import {
  type DossierDB,
  listLibraryPages,
  listPeopleSummary,
  listPersonChoices,
  savePersonChoices,
} from '../../../lib/store';
import { goesToTeam } from '../../../lib/sync/documents';
import { replicate } from '../../../lib/sync/remote';
import { connections } from '../store/fixtures';

const openDb = connections();
const page = { url: 'https://a.example/1', title: 'One', site: 'A' };
const analysis = { officials: [{ name: 'Antony Blinken', titles: [], mentions: 1 }], quotes: [] };

describe('createLibraryService', () => {
  it('records a page once however often it is read, and nothing while paused', async () => {
    const db = await openDb();
    const onChange = vi.fn();
    let t = 0;
    const service = createLibraryService({
      db: async () => db,
      onChange,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)),
    });
    expect(await service.record({ page, analysis })).toBe(true);
    expect(await service.record({ page, analysis })).toBe(true);
    const [record] = await listLibraryPages(db);
    expect(await listLibraryPages(db)).toHaveLength(1);
    expect(record?.firstRead).toBe('2026-01-01T00:00:00.000Z');
    expect(record?.lastRead).toBe('2026-01-01T00:00:01.000Z');
    await service.setPaused(true);
    expect(await service.paused()).toBe(true);
    expect(await service.record({ page: { ...page, url: 'https://a.example/2' }, analysis })).toBe(
      false,
    );
    expect(await listLibraryPages(db)).toHaveLength(1);
    // Recording announces nothing itself: its people are resolved (and announced) later.
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('answers before resolving people, then resolves the pages read meanwhile together', async () => {
    const db = await openDb();
    const onChange = vi.fn();
    const timers: { work: () => void; ms: number; cancelled: boolean }[] = [];
    const service = createLibraryService({
      db: async () => db,
      onChange,
      later: (work, ms) => {
        const timer = { work, ms, cancelled: false };
        timers.push(timer);
        return timer;
      },
      cancel: (timer) => {
        (timer as (typeof timers)[number]).cancelled = true;
      },
    });
    await service.summarise();
    onChange.mockClear();
    await service.record({ page, analysis });
    await service.record({
      page: { ...page, url: 'https://a.example/2' },
      analysis: { officials: [{ name: 'Secretary Blinken', titles: [], mentions: 1 }], quotes: [] },
    });
    expect((await listPeopleSummary(db))?.people).toEqual([]);
    expect(onChange).not.toHaveBeenCalled();
    // One settling waits, put off by the second page until recording is quiet.
    const waiting = timers.filter((t) => !t.cancelled);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]?.ms).toBeLessThanOrEqual(SETTLE_QUIET_MS);
    waiting[0]?.work();
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    const people = (await listPeopleSummary(db))?.people ?? [];
    expect(people.map((p) => [p.name, p.pages.length])).toEqual([['Antony Blinken', 2]]);
  });

  it('resolves a page the last worker stored but did not resolve, when the next one starts', async () => {
    const db = await openDb();
    const stopped = createLibraryService({ db: async () => db, later: () => undefined });
    await stopped.summarise();
    await stopped.record({ page, analysis });
    expect((await listPeopleSummary(db))?.people).toEqual([]);
    const onChange = vi.fn();
    const next = createLibraryService({ db: async () => db, onChange });
    expect(await next.settle()).toBe(1);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect((await listPeopleSummary(db))?.people.map((p) => p.name)).toEqual(['Antony Blinken']);
    expect(await next.settle()).toBe(0);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('puts off resolving while pages keep coming, but never past the longest wait', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const db = await openDb();
      const timers: { due: number; work: () => void; cancelled: boolean }[] = [];
      const service = createLibraryService({
        db: async () => db,
        later: (work, ms) => {
          const timer = { due: Date.now() + ms, work, cancelled: false };
          timers.push(timer);
          return timer;
        },
        cancel: (timer) => {
          (timer as (typeof timers)[number]).cancelled = true;
        },
      });
      // A page every 100 ms for twice the longest wait: never quiet for SETTLE_QUIET_MS.
      const start = Date.now();
      const fired: number[] = [];
      for (let t = 0; t < 2 * SETTLE_MAX_WAIT_MS; t += 100) {
        vi.setSystemTime(start + t);
        for (const timer of timers) {
          if (!timer.cancelled && timer.due <= Date.now()) {
            timer.cancelled = true;
            fired.push(timer.due - start);
            timer.work();
          }
        }
        await service.record({ page: { ...page, url: `https://a.example/${t}` }, analysis });
      }
      // The first page waited the longest wait, not until recording stopped; so does the next.
      expect(timers[0]?.due).toBe(start + SETTLE_QUIET_MS);
      expect(fired).toEqual([SETTLE_MAX_WAIT_MS]);
      expect(timers.filter((t) => !t.cancelled).map((t) => t.due - start)).toEqual([
        2 * SETTLE_MAX_WAIT_MS,
      ]);
      await service.settle();
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps the reader’s merge and split choices, in order, across quick clicks', async () => {
    const db = await openDb();
    let n = 0;
    const service = createLibraryService({
      db: async () => db,
      newId: () => `c${++n}`,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    });
    await Promise.all([
      service.merge(['jake sullivan'], ['jacob sullivan']),
      service.split(['tony blinken'], ['antony blinken']),
    ]);
    const choices = await listPersonChoices(db);
    expect(choices.map((c) => c.kind)).toEqual(['merge', 'split']);
    await service.record({
      page,
      analysis: {
        officials: [
          { name: 'Jake Sullivan', titles: [], mentions: 1 },
          { name: 'Jacob Sullivan', titles: [], mentions: 1 },
        ],
        quotes: [],
      },
    });
    const library = buildLibrary(await listLibraryPages(db), choices);
    expect(library.people.map((p) => p.forms.sort())).toEqual([
      ['jacob sullivan', 'jake sullivan'],
    ]);
  });
});

describe('the reader’s choices on two devices', () => {
  const sullivans = {
    officials: [
      { name: 'Jake Sullivan', titles: [], mentions: 1 },
      { name: 'Jacob Sullivan', titles: [], mentions: 1 },
    ],
    quotes: [],
  };

  /** A device: its store and library service, its clock a second ahead per choice. */
  async function device(name: string, start: number) {
    const db = await openDb({ name });
    let t = start;
    let n = 0;
    const service = createLibraryService({
      db: async () => db,
      newId: () => `${name}-${++n}`,
      now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, t++)),
    });
    await service.record({ page, analysis: sullivans });
    return { db, service };
  }

  /** Replication both ways, as the reader's personal database carries it. */
  async function sync(x: DossierDB, y: DossierDB) {
    await replicate(x.notes as never, y.notes as never, { batch_size: 100 });
    await replicate(y.notes as never, x.notes as never, { batch_size: 100 });
  }

  const people = async (db: DossierDB) =>
    buildLibrary(await listLibraryPages(db), await listPersonChoices(db))
      .people.map((p) => p.forms.sort().join(' + '))
      .sort();

  it('a merge made on the laptop shows on the home machine', async () => {
    const laptop = await device('laptop', 0);
    const home = await device('home', 100);
    expect(await people(home.db)).toEqual(['jacob sullivan', 'jake sullivan']);
    await laptop.service.merge(['jake sullivan'], ['jacob sullivan']);
    await sync(laptop.db, home.db);
    expect(await home.service.applyChoices()).toBe(true);
    expect(await people(home.db)).toEqual(['jacob sullivan + jake sullivan']);
    // Nothing new the second time.
    expect(await home.service.applyChoices()).toBe(false);
  });

  it('choices made on both while apart converge to the same, without a conflict', async () => {
    const laptop = await device('laptop2', 0);
    const home = await device('home2', 100);
    await laptop.service.merge(['jake sullivan'], ['jacob sullivan']);
    // Later on the home machine's clock: the reader changed their mind there.
    await home.service.split(['jacob sullivan'], ['jake sullivan']);
    await sync(laptop.db, home.db);
    await Promise.all([laptop.service.applyChoices(), home.service.applyChoices()]);
    expect(await listPersonChoices(laptop.db)).toEqual(await listPersonChoices(home.db));
    expect(await people(laptop.db)).toEqual(['jacob sullivan', 'jake sullivan']);
    const docs = await laptop.db.notes.allDocs({
      startkey: 'choice:',
      endkey: 'choice:\ufff0',
      conflicts: true,
      include_docs: true,
    });
    expect(docs.rows).toHaveLength(2);
    for (const row of docs.rows) {
      expect((row.doc as { _conflicts?: unknown })._conflicts).toBeUndefined();
      // A choice is the reader's alone: it never goes to a team database.
      expect(goesToTeam(row.doc as never, null, 'alice')).toBe(false);
    }
  });

  it('carries over choices kept before they replicated, and forgets them everywhere', async () => {
    const laptop = await device('laptop3', 0);
    const home = await device('home3', 100);
    // A choice stored by an earlier Dossier: in force, but no fact of it yet.
    await savePersonChoices(laptop.db, [
      {
        id: 'old',
        at: '2025-12-01T00:00:00.000Z',
        kind: 'merge',
        a: 'jake sullivan',
        b: 'jacob sullivan',
      },
    ]);
    expect(await laptop.service.applyChoices()).toBe(false);
    await sync(laptop.db, home.db);
    await home.service.applyChoices();
    expect(await people(home.db)).toEqual(['jacob sullivan + jake sullivan']);

    await laptop.service.forgetAll(false);
    await sync(laptop.db, home.db);
    await home.service.applyChoices();
    expect(await listPersonChoices(home.db)).toEqual([]);
    expect(await people(home.db)).toEqual(['jacob sullivan', 'jake sullivan']);
  });
  it('keeps an upgraded device’s older choices when the other device’s arrive first', async () => {
    const laptop = await device('laptop4', 0);
    const home = await device('home4', 100);
    await savePersonChoices(laptop.db, [
      { id: 'old', at: '2025-12-01T00:00:00.000Z', kind: 'split', a: ['x'], b: ['y'] },
    ]);
    await home.service.merge(['jake sullivan'], ['jacob sullivan']);
    await sync(laptop.db, home.db);
    await laptop.service.applyChoices();
    await sync(laptop.db, home.db);
    await home.service.applyChoices();
    for (const db of [laptop.db, home.db]) {
      expect((await listPersonChoices(db)).map((c) => c.id)).toEqual(['old', 'home4-1']);
    }
  });
});
