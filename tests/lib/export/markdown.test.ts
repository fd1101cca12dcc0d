import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Annotation } from '../../../lib/annotation';
import {
  blockIds,
  escapeMarkdown,
  obsidianTag,
  pageToMarkdown,
  toMarkdown,
} from '../../../lib/export/markdown';
import { CASPIAN, makeAnnotation, NOW, uuid } from './fixtures';

function frontMatterOf(markdown: string): unknown {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!match) throw new Error('no front matter');
  return parseYaml(match[1]!);
}

const at = (n: number, over: Partial<Annotation> = {}) =>
  makeAnnotation({
    id: uuid(n),
    position: { type: 'TextPositionSelector', start: n * 100, end: n * 100 + 40 },
    ...over,
  });

describe('pageToMarkdown', () => {
  it('writes front matter, then the notes in page order with tags, link and block id', () => {
    const notes = [
      at(3, {
        quote: {
          type: 'TextQuoteSelector',
          exact: 'We expect the first investments\nby the end of the year.',
          prefix: 'said in a statement. ',
          suffix: ' The fund is backed by',
        },
        note: 'Multi-line quote; compare with the 2023 plan.',
        tags: ['energy', 'South Caucasus'],
        colour: 'green',
      }),
      at(1, {
        quote: {
          type: 'TextQuoteSelector',
          exact: 'Secretary of State Antony Blinken',
          prefix: 'the visit by U.S. ',
          suffix: ', who met President Aliyev',
        },
        note: '**Key** point: see [[Energy]] and <script>alert(1)</script>\n# not a heading\n- not a list\n1. not a list either\n> not a quote\n^not-a-block-id\nA #hashtag and $x$ math and %%comment%% and ==mark== and a | pipe',
        tags: ['officials', '🇺🇸 diplomacy', 'U.S. / Iran'],
      }),
      at(2, { note: '', tags: [] }),
    ];
    expect(pageToMarkdown(CASPIAN, notes, { now: NOW })).toMatchInlineSnapshot(`
      "---
      title: "Caspian: Seed Fund \\"Round 2\\" — What #Next?"
      url: "https://www.caspianpolicy.org/research/energy/caspian-seed-fund"
      site: "Caspian Policy Center"
      author: "Jane Doe"
      published: "2024-03-01"
      tags:
        - "energy"
        - "South-Caucasus"
        - "officials"
        - "🇺🇸-diplomacy"
        - "U-S/Iran"
      exported: "2026-11-28T12:00:00.000Z"
      ---

      # Caspian: Seed Fund "Round 2" — What \\#Next?

      [Caspian Policy Center](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund>) · Jane Doe · 2024-03-01

      ## Notes

      > Secretary of State Antony Blinken

      ^dossier-00000001

      \\*\\*Key\\*\\* point: see \\[\\[Energy\\]\\] and \\<script>alert(1)\\</script>
      \\# not a heading
      \\- not a list
      1\\. not a list either
      \\> not a quote
      \\^not-a-block-id
      A \\#hashtag and \\$x\\$ math and \\%\\%comment\\%\\% and \\=\\=mark\\=\\= and a \\| pipe

      #officials · #🇺🇸-diplomacy · #U-S/Iran · [Go to passage](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund#:~:text=visit%20by%20U.S.-,Secretary%20of%20State%20Antony%20Blinken,-%2C%20who%20met>)

      > the fund will support early-stage companies

      ^dossier-00000002

      [Go to passage](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund#:~:text=to%20the%20announcement%2C-,the%20fund%20will%20support%20early%2Dstage%20companies,-across%20the%20South>)

      > We expect the first investments
      > by the end of the year.

      ^dossier-00000003

      Multi-line quote; compare with the 2023 plan.

      #energy · #South-Caucasus · [Go to passage](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund#:~:text=in%20a%20statement.-,We%20expect%20the%20first%20investments,the%20end%20of%20the%20year.,-The%20fund%20is>)
      "
    `);
  });

  it('lists orphans in their own section and adds officials and who said what', () => {
    const page = { ...CASPIAN, title: 'Note: a title with a colon', author: null, published: null };
    const notes = [
      at(5, { page, note: 'Still here.' }),
      at(6, { page, note: 'Lost passage.', tags: ['follow up'] }),
    ];
    const md = pageToMarkdown(page, notes, {
      now: NOW,
      orphanIds: new Set([uuid(6)]),
      officials: [
        { name: 'Antony Blinken', titles: ['Secretary of State'], mentions: 3 },
        { name: 'Efgan Nifti', titles: ['CPC Chief Executive Officer', 'Chair'], mentions: 1 },
        { name: '<b>Nobody</b>', titles: [], mentions: 2 },
      ],
      quotes: [
        { text: 'We are ready to invest.\nBut not alone.', speaker: 'President Aliyev' },
        { text: '> quoted with a marker', speaker: null },
      ],
    });
    expect(md).toMatchInlineSnapshot(`
      "---
      title: "Note: a title with a colon"
      url: "https://www.caspianpolicy.org/research/energy/caspian-seed-fund"
      site: "Caspian Policy Center"
      author: null
      published: null
      tags:
        - "follow-up"
      exported: "2026-11-28T12:00:00.000Z"
      ---

      # Note: a title with a colon

      [Caspian Policy Center](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund>)

      ## Notes

      > the fund will support early-stage companies

      ^dossier-00000005

      Still here.

      [Go to passage](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund#:~:text=to%20the%20announcement%2C-,the%20fund%20will%20support%20early%2Dstage%20companies,-across%20the%20South>)

      ## Orphaned notes

      Dossier could not find these passages on the page the last time it was opened; the text may have changed.

      > the fund will support early-stage companies

      ^dossier-00000006

      Lost passage.

      #follow-up · [Go to passage](<https://www.caspianpolicy.org/research/energy/caspian-seed-fund#:~:text=to%20the%20announcement%2C-,the%20fund%20will%20support%20early%2Dstage%20companies,-across%20the%20South>)

      ## Officials on this page

      - **Antony Blinken**: Secretary of State (3 mentions)
      - **Efgan Nifti**: CPC Chief Executive Officer; Chair (1 mention)
      - **\\<b>Nobody\\</b>** (2 mentions)

      ## Who said what

      > We are ready to invest.
      > But not alone.
      >
      > — President Aliyev

      > \\> quoted with a marker
      >
      > — *speaker not identified*
      "
    `);
  });
});

describe('front matter', () => {
  const titles = [
    'Energy: a title with a colon',
    'He said "no" and \'yes\'',
    '#1 in the region',
    '- leading dash',
    'first line\nsecond line\r\nthird',
    '  padded  ',
    'null',
    'true',
    '12345',
    '',
    '@handle `code` {a: 1} [list] *alias &anchor !tag % | > ---',
    '...',
    'tab\there and back\\slash',
    'Unicode: עברית, Ελληνικά, 中文, emoji 🚀🇦🇿',
    'controls \u0007 \u0085 \u2028 \u2029 \ufeff',
  ];
  it.each(titles)('parses back a title of %j exactly', (title) => {
    const page = { ...CASPIAN, title, author: 'O\'Brien: "Ed"', published: null };
    const md = pageToMarkdown(page, [at(1, { page, tags: ['a b', 'x'] })], { now: NOW });
    expect(frontMatterOf(md)).toEqual({
      title,
      url: page.url,
      site: page.site,
      author: 'O\'Brien: "Ed"',
      published: null,
      tags: ['a-b', 'x'],
      exported: '2026-11-28T12:00:00.000Z',
    });
  });

  it('writes an empty tag list when no note has tags', () => {
    const md = pageToMarkdown(CASPIAN, [at(1)], { now: NOW });
    expect(frontMatterOf(md)).toMatchObject({ tags: [] });
  });
});

describe('obsidianTag', () => {
  it.each([
    ['energy', 'energy'],
    ['foreign policy', 'foreign-policy'],
    ['  South   Caucasus ', 'South-Caucasus'],
    ['#already-hashed', 'already-hashed'],
    ['U.S. / Iran', 'U-S/Iran'],
    ['region/caspian', 'region/caspian'],
    ['2024', 'tag-2024'],
    ['énergie', 'énergie'],
    ['Εξωτερική πολιτική', 'Εξωτερική-πολιτική'],
    ['🚀', '🚀'],
    ['🇦🇿 Azerbaijan', '🇦🇿-Azerbaijan'],
    ['a&b, c;d', 'a-b-c-d'],
    ['snake_case', 'snake_case'],
    ['<script>', 'script'],
    ['!!!', null],
  ])('%j becomes %j', (input, expected) => {
    expect(obsidianTag(input)).toBe(expected);
  });
});

describe('escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['12) item', '12\\) item'],
    ['> quote', '\\> quote'],
    ['[[Wiki]] and ![[embed]]', '\\[\\[Wiki\\]\\] and !\\[\\[embed\\]\\]'],
    ['see ^block', 'see \\^block'],
    ['    code block', '\u00a0\u00a0\u00a0\u00a0code block'],
    ['AT&T &amp; co', 'AT&T \\&amp; co'],
    ['a - b > c', 'a - b > c'],
    ['===', '\\=\\=\\='],
    ['```js', '\\`\\`\\`js'],
  ])('%j stays text', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('keeps HTML and script in every field as text in the exported page', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert("x")</script>';
    const page = { ...CASPIAN, title: evil, site: evil, author: evil, published: evil };
    const md = pageToMarkdown(
      page,
      [
        at(1, {
          page,
          note: evil,
          tags: [evil],
          quote: { type: 'TextQuoteSelector', exact: evil, prefix: evil, suffix: evil },
        }),
      ],
      {
        now: NOW,
        officials: [{ name: evil, titles: [evil], mentions: 1 }],
        quotes: [{ text: evil, speaker: evil }],
      },
    );
    const body = md.slice(md.indexOf('\n---\n', 4) + 5);
    // Outside link destinations `<…>`, every `<` is escaped.
    const outsideLinks = body.replace(/\]\(<[^>\s]*>\)/g, '](LINK)');
    expect(outsideLinks).not.toMatch(/(^|[^\\])</);
    expect(outsideLinks).toContain('\\<script>alert("x")\\</script>');
    expect(frontMatterOf(md)).toMatchObject({ title: evil, author: evil });
  });
});

describe('block ids', () => {
  it('derives ids from annotation ids and lengthens only colliding ones', () => {
    const a = makeAnnotation({ id: 'abcdef01-0000-4000-8000-000000000001' });
    const b = makeAnnotation({ id: 'abcdef01-0000-4000-8000-000000000002' });
    const c = makeAnnotation({ id: '12345678-0000-4000-8000-000000000003' });
    expect([...blockIds([a, b, c]).values()]).toEqual([
      'dossier-abcdef01000040008000000000000001',
      'dossier-abcdef01000040008000000000000002',
      'dossier-12345678',
    ]);
  });

  it('changes only the edited note when a page is exported again', () => {
    const notes = [1, 2, 3, 4].map((n) => at(n, { note: `Note ${n}`, tags: ['t'] }));
    const before = pageToMarkdown(CASPIAN, notes, { now: NOW }).split('\n');
    const edited = notes.map((a) => (a.id === uuid(3) ? { ...a, note: 'Changed' } : a));
    const after = pageToMarkdown(CASPIAN, edited, { now: NOW }).split('\n');
    expect(after.length).toBe(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toEqual(['Changed']);
  });
});

describe('toMarkdown', () => {
  const other = { url: 'https://example.org/b', title: 'CON', site: 'Example', author: null };
  const third = { url: 'https://example.org/c', title: 'con', site: 'Example' };
  const slashes = { url: 'https://example.org/d', title: 'A/B: "C"? <D> | E*', site: 'Example' };
  const notes = [
    at(1, { tags: ['Energy'] }),
    at(2, { page: other, tags: ['energy', 'oil'] }),
    at(3, { page: third, tags: ['gas'] }),
    at(4, { page: slashes, tags: [] }),
  ];

  it('gives one page as exactly pageToMarkdown', () => {
    const md = toMarkdown(notes, { now: NOW, scope: 'page', url: CASPIAN.url, layout: 'combined' });
    expect(md).toBe(pageToMarkdown(CASPIAN, [notes[0]!], { now: NOW }));
  });

  it('selects a tag case-insensitively and combines pages under one front matter', () => {
    const md = toMarkdown(notes, { now: NOW, scope: 'tag', tag: 'ENERGY', layout: 'combined' });
    expect(frontMatterOf(md)).toEqual({
      title: 'Dossier notes tagged #ENERGY',
      tags: ['Energy', 'oil'],
      exported: '2026-11-28T12:00:00.000Z',
    });
    expect(md.match(/^## /gm)).toHaveLength(2);
    expect(md).toContain('## [CON](<https://example.org/b>)');
    expect(md).not.toContain('example.org/c');
    expect(md.match(/^---$/gm)).toHaveLength(2);
  });

  it('writes one file per page with safe, unique names', () => {
    const files = toMarkdown(notes, { now: NOW, scope: 'all', layout: 'per-page' });
    expect(files.map((f) => f.path)).toEqual([
      'A B C D E.md',
      'Caspian Seed Fund Round 2 — What Next.md',
      '_CON.md',
      '_con (2).md',
    ]);
    for (const file of files) expect(frontMatterOf(file.content)).toHaveProperty('title');
  });

  it('passes analysis and orphans through to each page', () => {
    const files = toMarkdown(notes, {
      now: NOW,
      scope: 'all',
      layout: 'per-page',
      orphanIds: new Set([uuid(2)]),
      analysis: new Map([[other.url, { officials: [{ name: 'X', titles: [], mentions: 1 }] }]]),
    });
    const con = files.find((f) => f.path === '_CON.md')!.content;
    expect(con).toContain('# Orphaned notes');
    expect(con).not.toContain('# Notes');
    expect(con).toContain('## Officials on this page\n\n- **X** (1 mention)');
  });

  it('says so when nothing matches', () => {
    const md = toMarkdown(notes, { now: NOW, scope: 'tag', tag: 'missing', layout: 'combined' });
    expect(md).toContain('No notes.');
    expect(
      toMarkdown(notes, { now: NOW, scope: 'tag', tag: 'missing', layout: 'per-page' }),
    ).toEqual([]);
  });
});

describe("teammates' notes", () => {
  it('signs a teammate’s note with its writer’s name and leaves the reader’s own unsigned', () => {
    const own = at(1, { note: 'mine' });
    const theirs = at(2, { note: 'theirs', author: 'bob *the* [analyst]' });
    const md = pageToMarkdown(CASPIAN, [own, theirs], { now: NOW });
    const [, ownPart, theirPart] = md.split(/^> /m);
    expect(theirPart).toContain('theirs\n\n— bob \\*the\\* \\[analyst\\]\n\n');
    expect(ownPart).toContain('mine');
    expect(ownPart).not.toContain('—');
    // A teammate's plain highlight (no note) is signed too.
    expect(pageToMarkdown(CASPIAN, [at(3, { note: '', author: 'ana' })], { now: NOW })).toContain(
      '\n\n— ana\n\n',
    );
  });
});
