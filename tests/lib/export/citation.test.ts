// @vitest-environment node
/**
 * Citations of pages read, checked by parsing them back with the same library (citation-js):
 * what Zotero or BibTeX would read from the files is what the reader's page said.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import { describe, expect, it } from 'vitest';
import {
  authorsFromByline,
  formatCitations,
  type PageMetadata,
  pagesReadFromNotes,
  toCslItem,
} from '../../../lib/export/citation';
import { formatReference } from '../../../lib/export/citation-reference';
import { CASPIAN, makeAnnotation } from './fixtures';

const now = new Date('2026-12-04T15:00:00Z');

const PAGE: PageMetadata = {
  url: 'https://www.caspianpolicy.org/research/energy/trans-caspian-talks?ref=a&b=1',
  title: 'Trans-Caspian Gas Talks: “Momentum” & 50% {more} as Washington_Steps Up',
  byline: 'By Elena Marsh, Senior Fellow, and Ludwig van Beethoven',
  site: 'Caspian Policy Center',
  published: '2025-03-06',
};

const SECOND: PageMetadata = {
  url: 'https://www.csis.org/analysis/black-sea',
  title: 'The Black Sea After the Grain Deal',
  byline: 'CSIS Europe Program',
  site: 'CSIS',
  published: '2024-11-20T09:30:00Z',
  accessed: '2026-11-30T08:00:00Z',
};

/** The items citation-js reads back from a file. */
const parse = (text: string) => new Cite(text).data as Record<string, unknown>[];

describe('authorsFromByline', () => {
  it('reads people and organisations, leaving out "By", roles and "and"', () => {
    expect(authorsFromByline(PAGE.byline)).toEqual([
      { given: 'Elena', family: 'Marsh' },
      { given: 'Ludwig', family: 'van Beethoven' },
    ]);
    expect(authorsFromByline('Ana Petrova & Tom Reyes | March 6, 2025')).toEqual([
      { given: 'Ana', family: 'Petrova' },
      { given: 'Tom', family: 'Reyes' },
    ]);
    expect(authorsFromByline('CSIS Europe Program')).toEqual([{ literal: 'CSIS Europe Program' }]);
    expect(authorsFromByline(null)).toEqual([]);
  });
});

describe('toCslItem', () => {
  it('makes a webpage item with the site as container and publisher, and both dates', () => {
    expect(toCslItem(PAGE, { now })).toMatchObject({
      type: 'webpage',
      title: PAGE.title,
      'container-title': 'Caspian Policy Center',
      publisher: 'Caspian Policy Center',
      issued: { 'date-parts': [[2025, 3, 6]] },
      accessed: { 'date-parts': [[2026, 12, 4]] },
      URL: PAGE.url,
    });
  });

  it('leaves out what the page does not say, and never invents a date', () => {
    const item = toCslItem({ url: 'https://x.org/a', title: '', published: 'not a date' }, { now });
    expect(item).toEqual({
      id: 'https://x.org/a',
      type: 'webpage',
      title: 'https://x.org/a',
      accessed: { 'date-parts': [[2026, 12, 4]] },
      URL: 'https://x.org/a',
    });
  });
});

describe('formatCitations', () => {
  it('writes CSL-JSON that citation-js reads back as the same pages', () => {
    const json = formatCitations([PAGE, SECOND, PAGE], 'csl-json', { now });
    const back = parse(json);
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({
      title: PAGE.title,
      author: [
        { given: 'Elena', family: 'Marsh' },
        { given: 'Ludwig', family: 'van Beethoven' },
      ],
      'container-title': 'Caspian Policy Center',
      issued: { 'date-parts': [[2025, 3, 6]] },
      accessed: { 'date-parts': [[2026, 12, 4]] },
      URL: PAGE.url,
    });
    expect(back[1]).toMatchObject({
      author: [{ literal: 'CSIS Europe Program' }],
      issued: { 'date-parts': [[2024, 11, 20]] },
      accessed: { 'date-parts': [[2026, 11, 30]] },
    });
  });

  it('writes BibTeX that citation-js reads back: title with TeX specials, authors, site, dates, URL', () => {
    const bib = formatCitations([PAGE, SECOND], 'bibtex', { now });
    expect(bib.match(/^@\w+\{/gm)).toHaveLength(2);
    const back = parse(bib);
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({
      title: PAGE.title,
      author: [
        { given: 'Elena', family: 'Marsh' },
        { given: 'Ludwig', family: 'Beethoven', 'non-dropping-particle': 'van' },
      ],
      publisher: 'Caspian Policy Center',
      issued: { 'date-parts': [[2025, 3, 6]] },
      URL: PAGE.url,
    });
    expect(String(back[0]?.note)).toContain('2026-12-04');
    // The organisation stays one name (braced), not a person called "Program".
    expect(back[1]?.author).toEqual([{ family: 'CSIS Europe Program' }]);
    expect(new Set(back.map((b) => b['citation-key'])).size).toBe(2);
  });

  it('writes an empty list for no pages', () => {
    expect(JSON.parse(formatCitations([], 'csl-json', { now }))).toEqual([]);
    expect(formatCitations([], 'bibtex', { now })).toBe('');
  });
});

describe('formatReference', () => {
  // citeproc-js compiles the APA style on first use: slow on a loaded machine, not a hang.
  it('formats one page in APA, naming the site once', { timeout: 60_000 }, () => {
    expect(formatReference(PAGE, { now })).toBe(
      `Marsh, E., & van Beethoven, L. (2025, March 6). ${PAGE.title}. Caspian Policy Center. ${PAGE.url}`,
    );
  });
});

describe('pagesReadFromNotes', () => {
  it('lists each page with notes once, accessed on the day of its first note', () => {
    const other = { ...CASPIAN, url: 'https://www.csis.org/a', title: 'Other', author: null };
    const pages = pagesReadFromNotes([
      makeAnnotation({ created: '2026-02-03T10:00:00.000Z' }),
      makeAnnotation({ page: other, created: '2026-01-05T10:00:00.000Z' }),
      makeAnnotation({ created: '2026-02-01T10:00:00.000Z' }),
    ]);
    expect(pages).toEqual([
      {
        url: other.url,
        title: 'Other',
        byline: null,
        site: CASPIAN.site,
        published: CASPIAN.published,
        accessed: '2026-01-05T10:00:00.000Z',
      },
      {
        url: CASPIAN.url,
        title: CASPIAN.title,
        byline: 'Jane Doe',
        site: CASPIAN.site,
        published: CASPIAN.published,
        accessed: '2026-02-01T10:00:00.000Z',
      },
    ]);
    const back = parse(formatCitations(pages, 'bibtex', { now }));
    expect(back.map((b) => b.title)).toEqual(['Other', CASPIAN.title]);
  });
});
