/**
 * The side panel's reading half over a real (fake-indexeddb) store: pages a stopped worker
 * recorded without resolving their people are handed back to the background to resolve, and
 * the panel is not kept waiting for it.
 */
import { describe, expect, it, vi } from 'vitest';
import { libraryReader } from '../../../lib/library/reader';
import { createLibraryService } from '../../../lib/library/service';
import { storeLibraryPage } from '../../../lib/store';
import { connections } from '../store/fixtures';
import { libPage } from './fixtures';

const openDb = connections();

describe('libraryReader', () => {
  it('asks the background to resolve pages left unresolved, without waiting for it', async () => {
    const db = await openDb();
    const service = createLibraryService({ db: async () => db });
    await service.summarise();
    // Recorded by a worker that stopped before resolving it.
    await storeLibraryPage(db, libPage([['Antony Blinken']]));
    let release = () => {};
    const settle = vi.fn(
      () => new Promise<number>((resolve) => (release = () => resolve(service.settle()))),
    );
    const reader = libraryReader(
      async () => db,
      () => service.summarise(),
      { settle },
    );
    // Answered while the settling is still held back: the rows as they are.
    expect((await reader.summary()).people).toEqual([]);
    expect(settle).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(async () =>
      expect((await reader.summary()).people.map((p) => p.name)).toEqual(['Antony Blinken']),
    );
    settle.mockClear();
    await reader.summary();
    expect(settle).not.toHaveBeenCalled();
  });
});
