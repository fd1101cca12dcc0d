/** The background's library service over a real (fake-indexeddb) store. */
import { describe, expect, it, vi } from 'vitest';
import { buildLibrary } from '../../../lib/library/model';
import { createLibraryService } from '../../../lib/library/service';
import { listLibraryPages, listPersonChoices } from '../../../lib/store';
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
    expect(onChange).toHaveBeenCalledTimes(3);
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
