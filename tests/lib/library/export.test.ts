/** The person's Markdown dossier, and the library as CSV and JSON. */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  CSV_COLUMNS,
  libraryToCsv,
  libraryToJson,
  personToMarkdown,
} from '../../../lib/library/export';
import { buildLibrary, personView } from '../../../lib/library/model';
import { parseCsv } from '../../helpers/csv';
import { makeAnnotation } from '../store/fixtures';
import { libPage } from './fixtures';

const now = new Date('2026-03-01T12:00:00Z');
const pages = [
  libPage([['Antony Blinken', ['Secretary of State'], 2]], {
    title: 'Talks: "peace", at last',
    site: 'Caspian Policy Center',
    published: '2022-09-29',
    read: '2026-02-01T10:00:00.000Z',
    quotes: [['Antony Blinken', 'We are prepared,\nsaid he, to "help".']],
  }),
  libPage([['Blinken']], { quotes: [['Blinken', '<script>alert(1)</script>']], published: null }),
];
const library = buildLibrary(pages);

describe('personToMarkdown', () => {
  it('writes front matter, titles, each quotation with its link, and the notes', () => {
    const note = makeAnnotation({
      page: { url: pages[0]?.url ?? '', title: 'Talks', site: 'CPC' },
      note: 'Follow up',
    });
    const view = personView(library, library.people[0]?.id ?? '', [note]);
    if (!view) throw new Error('no view');
    const md = personToMarkdown(view, { now });
    const front = md.split('---')[1] ?? '';
    expect(parseYaml(front)).toMatchObject({
      title: 'Antony Blinken',
      aliases: ['blinken'],
      titles: ['Secretary of State'],
      quotations: '2',
      exported: '2026-03-01T12:00:00.000Z',
    });
    expect(md).toContain('# Antony Blinken');
    expect(md).toContain('- Secretary of State (2022-09-29)');
    expect(md).toContain('> We are prepared,\n> said he, to "help".');
    expect(md).toContain(`](<${library.quotes[0]?.link}>)`);
    expect(md).toContain('\\<script>alert(1)\\</script>');
    expect(md).toContain('## Notes on these pages');
    expect(md).toContain('Follow up');
  });
});

describe('libraryToCsv', () => {
  it('has the columns DESIGN.md names and one row per quotation, RFC 4180 quoted', () => {
    const rows = parseCsv(libraryToCsv(library));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.slice(1)).toHaveLength(2);
    const first = rows.find((r) => r[1]?.startsWith('We are'));
    expect(first).toEqual([
      'Antony Blinken',
      'We are prepared,\nsaid he, to "help".',
      'Talks: "peace", at last',
      pages[0]?.url,
      'Caspian Policy Center',
      '2022-09-29',
      '2026-02-01T10:00:00.000Z',
      'person',
    ]);
    const second = rows.find((r) => r[1]?.startsWith('<script>'));
    expect(second?.[0]).toBe('Antony Blinken');
    expect(second?.[5]).toBe('');
  });
});

describe('libraryToJson', () => {
  it('parses back with pages, people and quotations', () => {
    const data = JSON.parse(libraryToJson(library, { now }));
    expect(data.people.map((p: { name: string }) => p.name)).toEqual(['Antony Blinken']);
    expect(data.pages).toHaveLength(2);
    expect(data.quotations).toHaveLength(2);
    expect(data.quotations[0]).toHaveProperty('link');
  });
});

describe('an organisation that speaks, in the exports', () => {
  const withMinistry = buildLibrary([
    libPage([['Marcus Hale']], {
      quotes: [
        ['Marcus Hale', 'We will stay.', 'person'],
        ['Kavaristan’s Ministry of Energy', 'Exports will double.', 'organisation'],
        ['the annual review', 'Demand fell.', 'document'],
      ],
    }),
  ]);

  it('says its kind in the CSV, as the panel does', () => {
    const rows = parseCsv(libraryToCsv(withMinistry));
    const kind = rows[0]?.indexOf('speaker_kind') ?? -1;
    expect(kind).toBe(CSV_COLUMNS.length - 1);
    expect(rows.slice(1).map((r) => [r[0], r[kind]])).toEqual([
      ['Marcus Hale', 'person'],
      ['Kavaristan’s Ministry of Energy', 'organisation'],
      ['the annual review', 'document'],
    ]);
  });

  it('lists it under organisations in the JSON, not among the people', () => {
    const data = JSON.parse(libraryToJson(withMinistry, { now }));
    expect(data.people.map((p: { name: string }) => p.name)).toEqual(['Marcus Hale']);
    expect(data.organisations).toEqual([
      expect.objectContaining({ name: 'Kavaristan’s Ministry of Energy', kind: 'organisation' }),
      expect.objectContaining({ name: 'the annual review', kind: 'document' }),
    ]);
    expect(
      data.quotations.map((q: { speaker_kind: string; person: string | null }) => [
        q.speaker_kind,
        q.person,
      ]),
    ).toEqual([
      ['person', 'marcus hale'],
      ['organisation', null],
      ['document', null],
    ]);
  });
});
