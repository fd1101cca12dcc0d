/**
 * A page read again whose analysis fails this time.
 */
import { describe, expect, it } from 'vitest';
import { createLibraryService } from '../../../lib/library/service';
import { getLibraryPage, listPeopleSummary, rebuildPeopleSummary } from '../../../lib/store';
import { connections } from '../store/fixtures';

const openDb = connections();

const page = {
  url: 'https://news.example/article',
  title: 'Talks',
  site: 'News',
  author: null,
  published: '2026-01-05',
};
const analysis = {
  officials: [{ name: 'Antony Blinken', titles: ['Secretary of State'], mentions: 3 }],
  quotes: [
    {
      text: 'We will not back down',
      speaker: 'Antony Blinken',
      speakerType: 'person' as const,
      quote: {
        type: 'TextQuoteSelector' as const,
        exact: 'We will not back down',
        prefix: '',
        suffix: '',
      },
      position: { type: 'TextPositionSelector' as const, start: 10, end: 31 },
    },
  ],
};

describe('a page read again', () => {
  it('keeps its officials and quotations when the new analysis fails', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    let t = Date.parse('2026-01-10T00:00:00Z');
    const tick = () => {
      t += 60_000;
      return new Date(t);
    };
    const service = createLibraryService({
      db: async () => db,
      now: tick,
      later: () => 0,
      cancel: () => undefined,
    });
    await service.record({ page, analysis });
    await service.settle();
    expect((await listPeopleSummary(db))?.people.map((p) => p.name)).toEqual(['Antony Blinken']);
    // The next visit: the extraction throws (a consent wall, a half-loaded page).
    await service.record({ page, analysis: null, failure: 'Dossier could not read this page.' });
    await service.settle();
    const stored = await getLibraryPage(db, page.url);
    expect(stored?.analysis?.quotes ?? []).toHaveLength(1);
    expect((await listPeopleSummary(db))?.people.map((p) => p.name)).toEqual(['Antony Blinken']);
  });
});
