/** Search across the library: typo-tolerant, grouped by kind. */
import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../lib/library/model';
import type { LibraryPage } from '../../../lib/library/records';
import {
  buildSearch,
  combinedSearch,
  describeHits,
  liveIndex,
  PageIndex,
} from '../../../lib/library/search';
import { makeAnnotation } from '../store/fixtures';
import { libPage, quote } from './fixtures';

const library = buildLibrary([
  libPage(
    [
      ['Antony Blinken', ['Secretary of State']],
      ['Jeyhun Bayramov', ['Foreign Minister']],
    ],
    {
      title: 'Peace talks in Washington',
      quotes: [['Antony Blinken', 'The pipeline will carry gas to Europe.']],
    },
  ),
]);
const notes = [makeAnnotation({ note: 'Check the pipeline capacity figures', tags: ['energy'] })];
const search = buildSearch(library, notes);

describe('buildSearch', () => {
  it('finds a person despite a typo', () => {
    const groups = search.search('Blinkin');
    expect(groups[0]?.kind).toBe('person');
    expect(groups[0]?.hits[0]?.label).toBe('Antony Blinken');
  });

  it('groups quotations and notes that share a word, in the kinds order', () => {
    const groups = search.search('pipeline');
    expect(groups.map((g) => g.kind)).toEqual(['quote', 'note']);
    expect(groups[0]?.hits[0]?.detail).toContain('Antony Blinken');
  });

  it('finds titles and pages', () => {
    expect(search.search('foreign minister')[0]).toMatchObject({
      kind: 'title',
      hits: [{ label: 'Foreign Minister', detail: 'Jeyhun Bayramov' }],
    });
    expect(search.search('washington').map((g) => g.kind)).toEqual(['page']);
  });

  it('puts the person named exactly first, then the quotations with every word', () => {
    const people = buildLibrary([
      libPage([['Antony Blinken'], ['Anton Blinov']], {
        quotes: [
          ['Anton Blinov', 'Antony said the talks were over.'],
          ['Antony Blinken', 'Talks with Blinov went well.'],
        ],
      }),
    ]);
    const groups = buildSearch(people, []).search('antony blinken');
    expect(groups.map((g) => g.kind)).toEqual(['person', 'quote']);
    expect(groups[0]?.hits[0]?.label).toBe('Antony Blinken');
    // Only the quotation by him has both words (the speaker counts); "Blinov" is a typo away
    // from nothing here, so the other quotation, with "Antony" alone, is not a match.
    expect(groups[1]?.hits.map((h) => h.label)).toEqual(['Talks with Blinov went well.']);
  });

  it('answers nothing for an empty query, and treats markup as text', () => {
    expect(search.search('   ')).toEqual([]);
    expect(() => search.search('<script>alert(1)</script>')).not.toThrow();
  });
});

describe('PageIndex (the saved index of pages and quotations)', () => {
  const a = libPage([['Antony Blinken']], {
    title: 'Corridor talks',
    quotes: [['Antony Blinken', 'The corridor will open next year.']],
  });
  const b = libPage([['Jake Sullivan']], {
    title: 'Pipeline politics',
    quotes: [['Jake Sullivan', 'The pipeline is a priority.']],
  });
  const found = (index: PageIndex, query: string, pages: LibraryPage[]) =>
    describeHits(combinedSearch(index, liveIndex([], [])).search(query), (url) =>
      pages.find((p) => p.url === url),
    ).flatMap((g) => g.hits.map((h) => `${g.kind}: ${h.label}`));

  it('comes back from its saved form and is brought up to date page by page', async () => {
    const index = PageIndex.empty();
    index.add(a);
    index.add(b);
    const saved = index.toSaved();
    const loaded = (await PageIndex.load(saved)) as PageIndex;
    expect(found(loaded, 'corridor', [a, b])).toEqual([
      'quote: The corridor will open next year.',
      'page: Corridor talks',
    ]);
    // Since it was saved: `b` was forgotten and `a` read again with another quotation.
    const a2 = { ...a, lastRead: '2027-01-01T00:00:00.000Z' };
    a2.analysis = { officials: [], quotes: [quote('Antony Blinken', 'Sanctions stay in place.')] };
    const { remove, add } = loaded.diff(new Map([[a2.url, a2.lastRead]]));
    expect({ remove: remove.sort(), add }).toEqual({ remove: [a.url, b.url].sort(), add: [a.url] });
    for (const url of remove) loaded.remove(url);
    loaded.add(a2);
    expect(found(loaded, 'pipeline', [a2])).toEqual([]);
    expect(found(loaded, 'corridor', [a2])).toEqual(['page: Corridor talks']);
    expect(found(loaded, 'sanctions', [a2])).toEqual(['quote: Sanctions stay in place.']);
  });

  it('is built again when saved by another layout, or damaged', async () => {
    const saved = PageIndex.empty().toSaved();
    expect(await PageIndex.load({ ...saved, version: saved.version - 1 })).toBeNull();
    expect(await PageIndex.load({ ...saved, json: '{"not": "an index"' })).toBeNull();
  });
});

describe('an organisation that speaks, in search', () => {
  const withMinistry = buildLibrary([
    libPage([['Marcus Hale']], {
      title: 'Gas talks',
      quotes: [
        ['Kavaristan’s Ministry of Energy', 'Exports will double by spring.', 'organisation'],
      ],
    }),
  ]);
  const found = buildSearch(withMinistry, []);

  it('finds it by name in a group of its own, never among people', () => {
    const groups = found.search('ministry energy');
    expect(groups[0]?.kind).toBe('organisation');
    expect(groups.map((g) => g.kind)).not.toContain('person');
    expect(groups[0]?.hits[0]).toMatchObject({
      label: 'Kavaristan’s Ministry of Energy',
      detail: 'organisation · 1 quotation',
    });
  });

  it('still finds its quotation, said by it', () => {
    const groups = found.search('exports double');
    expect(groups.map((g) => g.kind)).toEqual(['quote']);
    expect(groups[0]?.hits[0]?.detail).toContain('Kavaristan’s Ministry of Energy');
  });
});
