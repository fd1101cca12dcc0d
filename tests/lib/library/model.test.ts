/** The library as the panel shows it: quotations per person, filters, a person's view. */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { buildLibrary, filterPeople, personView, tagCounts } from '../../../lib/library/model';
import { analysisRecordOf, libraryPageOf, type PageReading } from '../../../lib/library/record';
import { parseMessage } from '../../../lib/protocol';
import { makeAnnotation } from '../store/fixtures';
import { libPage } from './fixtures';

function threePages() {
  return [
    libPage([['Antony Blinken', ['Secretary of State'], 3]], {
      site: 'Caspian Policy Center',
      published: '2022-09-29',
      quotes: [['Antony Blinken', 'We are prepared to help.']],
    }),
    libPage(
      [
        ['Secretary Blinken', ['Secretary'], 1],
        ['Jake Sullivan', ['National Security Adviser']],
      ],
      {
        site: 'CSIS',
        published: '2023-02-01',
        quotes: [
          ['Blinken', 'Peace is within reach.'],
          ['Jake Sullivan', 'We discussed the next steps.'],
        ],
      },
    ),
    libPage([['Tony Blinken', ['Deputy Secretary of State'], 2]], {
      site: 'Atlantic Council',
      published: '2015-05-01',
      quotes: [
        ['Tony Blinken', 'The deal is verifiable.'],
        [null, 'Nobody said this.'],
      ],
    }),
  ];
}

describe('buildLibrary', () => {
  it('gives one person with the quotations of all three pages', () => {
    const library = buildLibrary(threePages());
    const blinken = library.people[0];
    expect(blinken?.name).toBe('Antony Blinken');
    expect(
      library.quotesByPerson
        .get(blinken?.id ?? '')
        ?.map((q) => q.quote.text)
        .sort(),
    ).toEqual(['Peace is within reach.', 'The deal is verifiable.', 'We are prepared to help.']);
    expect(library.quotes).toHaveLength(5);
    expect(library.quotes.find((q) => q.quote.speaker === null)?.personId).toBeNull();
  });

  it('links each quotation to its passage with a text fragment', () => {
    const library = buildLibrary(threePages());
    const q = library.quotes.find((x) => x.quote.text === 'Peace is within reach.');
    expect(q?.link).toBe(
      `${q?.page.url}#:~:text=he%20said%2C%20%E2%80%9C-,Peace%20is%20within%20reach.,-%E2%80%9D%20on%20Monday`,
    );
  });
});

describe('filterPeople', () => {
  const library = buildLibrary(threePages());
  it.each([
    [{ name: 'blink' }, ['Antony Blinken']],
    [{ name: 'tony' }, ['Antony Blinken']],
    [{ title: 'security adviser' }, ['Jake Sullivan']],
    [{ site: 'atlantic' }, ['Antony Blinken']],
    [{ from: '2023-01-01' }, ['Antony Blinken', 'Jake Sullivan']],
    [{ to: '2016-01-01' }, ['Antony Blinken']],
    [{ from: '2016-01-01', to: '2022-12-31', title: 'adviser' }, []],
    [{}, ['Antony Blinken', 'Jake Sullivan']],
  ])('%o gives %o', (filter, names) => {
    expect(filterPeople(library.people, filter).map((p) => p.name)).toEqual(names);
  });
});

describe('personView', () => {
  it('shows titles over time, quotations newest first, pages, and the notes about them', () => {
    const pages = threePages();
    const library = buildLibrary(pages);
    const onPage: Annotation = makeAnnotation({
      page: { url: pages[0]?.url ?? '', title: 'P', site: 'S' },
      note: 'Key passage',
    });
    const naming = makeAnnotation({ note: 'Ask about Tony Blinken and the deal' });
    const unrelated = makeAnnotation({ note: 'Nothing to do with it' });
    const view = personView(library, library.people[0]?.id ?? '', [onPage, naming, unrelated]);
    expect(view?.titles.map((t) => [t.title, t.first, t.last])).toEqual([
      ['Deputy Secretary of State', '2015-05-01', '2015-05-01'],
      ['Secretary of State', '2022-09-29', '2022-09-29'],
      ['Secretary', '2023-02-01', '2023-02-01'],
    ]);
    expect(view?.quotes.map((q) => q.quote.text)).toEqual([
      'Peace is within reach.',
      'We are prepared to help.',
      'The deal is verifiable.',
    ]);
    expect(view?.pages.map((p) => p.published)).toEqual(['2023-02-01', '2022-09-29', '2015-05-01']);
    expect(view?.notesOnPages).toEqual([onPage]);
    expect(view?.notesNaming).toEqual([naming]);
  });

  it('is null for a person who is no longer there', () => {
    expect(personView(buildLibrary([]), 'nobody', [])).toBeNull();
  });
});

describe('libraryPageOf', () => {
  it('records a failed analysis as a page read with no analysis', () => {
    const page = { url: 'https://a.example/x', title: 'X', site: 'A' };
    const record = libraryPageOf({ page, analysis: null }, new Date('2026-03-01T00:00:00Z'));
    expect(record).toMatchObject({
      url: page.url,
      analysis: null,
      failure: 'Dossier could not analyse this page.',
      firstRead: '2026-03-01T00:00:00.000Z',
    });
    expect(buildLibrary([record]).pages).toHaveLength(1);
  });
});

describe('tagCounts', () => {
  it('counts tags, most used first', () => {
    const notes = [makeAnnotation({ tags: ['oil', 'gas'] }), makeAnnotation({ tags: ['oil'] })];
    expect(tagCounts(notes)).toEqual([
      { tag: 'oil', count: 2 },
      { tag: 'gas', count: 1 },
    ]);
  });
});

describe('analysisRecordOf', () => {
  it('keeps a quotation’s context inside its paragraph, so its link can match', () => {
    const text = 'First paragraph ends here. “We will help,” she said in Baku on Monday.';
    const start = text.indexOf('We will');
    const end = text.indexOf(',”');
    const record = analysisRecordOf(
      text,
      { officials: [], quotes: [{ text: 'We will help', speaker: 'X', start, end }] },
      [0, text.indexOf('“')],
    );
    expect(record.quotes[0]?.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'We will help',
      prefix: '\n“',
      suffix: ',” she said in Baku on Monday.',
    });
    expect(record.quotes[0]?.position).toEqual({ type: 'TextPositionSelector', start, end });
  });

  it('keeps each speaker’s kind, which the background accepts, so the library can tell people apart', () => {
    const text = '“Exports will double,” the ministry said. “We stay,” Hale said.';
    const record = analysisRecordOf(text, {
      officials: [],
      quotes: [
        {
          text: 'Exports will double',
          speaker: 'Ministry of Energy',
          speakerType: 'organisation',
          start: 1,
          end: 20,
        },
        { text: 'We stay', speaker: 'Hale', speakerType: 'person', start: 43, end: 50 },
        { text: 'We stay', speaker: null, start: 43, end: 50 },
      ],
    });
    expect(record.quotes.map((q) => q.speakerType)).toEqual(['organisation', 'person', undefined]);
    const page = { url: 'https://www.example.org/a', title: 'A', site: 'Example' };
    const parsed = parseMessage({ type: 'library/record', payload: { page, analysis: record } }, [
      'library/record',
    ]);
    const payload = parsed.ok ? (parsed.message.payload as PageReading) : null;
    expect(payload?.analysis?.quotes[0]?.speakerType).toBe('organisation');
    const bad = { ...record, quotes: [{ ...record.quotes[0], speakerType: 'robot' }] };
    expect(
      parseMessage({ type: 'library/record', payload: { page, analysis: bad } }, ['library/record'])
        .ok,
    ).toBe(false);
  });
});
