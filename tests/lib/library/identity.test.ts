/** Identity resolution: which names on different pages are one person. */
import { describe, expect, it } from 'vitest';
import {
  addMerge,
  addSplit,
  formKey,
  parseName,
  resolvePeople,
  titlesAgree,
} from '../../../lib/library/identity';
import type { LibraryPage, PersonChoice } from '../../../lib/library/records';
import { libPage, type O } from './fixtures';

/** The people's names, each as the sorted list of name forms it holds. */
function clusters(pages: LibraryPage[], choices: PersonChoice[] = []): string[][] {
  return resolvePeople(pages, choices)
    .people.map((p) => [...p.forms].sort())
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** Each case: pages (officials, site), then the expected groups of name forms. */
const CASES: { name: string; pages: [O[], string?][]; expected: string[][] }[] = [
  {
    name: 'four forms of Blinken on four pages are one person',
    pages: [
      [[['Antony Blinken', ['Secretary of State']]]],
      [[['Blinken']]],
      [[['Secretary Blinken']]],
      [[['Tony Blinken']]],
    ],
    expected: [['antony blinken', 'blinken', 'tony blinken']],
  },
  {
    name: 'two different Smiths stay apart, and a bare "Smith" joins neither',
    pages: [
      [[['John Smith', ['Senator']]], 'Site A'],
      [[['Jane Smith', ['Ambassador']]], 'Site B'],
      [[['Smith']], 'Site C'],
    ],
    expected: [['jane smith'], ['john smith'], ['smith']],
  },
  {
    name: 'a bare surname joins the Smith whose title agrees',
    pages: [
      [[['John Smith', ['Senator']]], 'Site A'],
      [[['Jane Smith', ['Ambassador']]], 'Site B'],
      [[['Smith', ['Senator']]], 'Site C'],
    ],
    expected: [['jane smith'], ['john smith', 'smith']],
  },
  {
    name: 'a bare surname joins the Smith of the same site when titles do not decide',
    pages: [
      [[['John Smith']], 'Site A'],
      [[['Jane Smith']], 'Site B'],
      [[['Smith']], 'Site B'],
    ],
    expected: [['jane smith', 'smith'], ['john smith']],
  },
  {
    name: 'father and son: Jr. and Sr. never merge',
    pages: [[[['Robert Kennedy Jr.']]], [[['Robert Kennedy Sr.']]], [[['Robert Kennedy']]]],
    expected: [['robert kennedy'], ['robert kennedy jr'], ['robert kennedy sr']],
  },
  {
    name: 'father and son: different middle initials stay apart; the plain name joins neither',
    pages: [[[['George H. W. Bush']]], [[['George W. Bush']]], [[['George Bush']]]],
    expected: [['george bush'], ['george h w bush'], ['george w bush']],
  },
  {
    name: 'father and son: different first names stay apart',
    pages: [
      [[['Ilham Aliyev', ['President']]]],
      [[['Heydar Aliyev', ['President']]]],
      [[['President Aliyev']]],
    ],
    expected: [['aliyev'], ['heydar aliyev'], ['ilham aliyev']],
  },
  {
    name: 'the plain name joins the one person with a middle initial',
    pages: [[[['George W. Bush']]], [[['George Bush']]]],
    expected: [['george bush', 'george w bush']],
  },
  {
    name: 'an initial joins the full name it fits, not the other',
    pages: [[[['John Smith']]], [[['Jane Smith']]], [[['J. Smith']]], [[['K. Smith']]]],
    expected: [['j smith'], ['jane smith'], ['john smith'], ['k smith']],
  },
  {
    name: 'accents and possessives do not make a new person',
    pages: [[[['Ilham Əliyev']]], [[['Recep Tayyip Erdoğan']]], [[['Erdogan’s']]]],
    expected: [['ilham əliyev'], ['erdogan', 'recep tayyip erdogan']],
  },
];

describe('resolvePeople', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const pages = c.pages.map(([officials, site]) => libPage(officials, site ? { site } : {}));
      expect(clusters(pages)).toEqual(
        c.expected
          .map((g) => [...g].sort())
          .sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
      );
    });
  }

  it('names the person by their fullest, most used spelling, with every title and page', () => {
    const pages = [
      libPage([['Antony Blinken', ['U.S. Secretary of State'], 4]]),
      libPage([['Antony Blinken', ['Secretary'], 2]]),
      libPage([['Secretary Blinken', [], 1]]),
    ];
    const [person] = resolvePeople(pages).people;
    expect(person).toMatchObject({
      name: 'Antony Blinken',
      mentions: 7,
      pages: pages.map((p) => p.url),
    });
    expect(person?.titles).toEqual(['U.S. Secretary of State', 'Secretary']);
  });

  it('sorts people by how many pages name them, then mentions', () => {
    const pages = [
      libPage([['Jake Sullivan', [], 9], ['Antony Blinken']]),
      libPage([['Antony Blinken'], ['Karen Donfried', [], 3]]),
    ];
    expect(resolvePeople(pages).people.map((p) => p.name)).toEqual([
      'Antony Blinken',
      'Jake Sullivan',
      'Karen Donfried',
    ]);
  });

  it('counts a speaker who is not an official as a person', () => {
    const pages = [libPage([], { quotes: [['Efgan Nifti', 'We will build it.']] })];
    expect(resolvePeople(pages).people.map((p) => p.name)).toEqual(['Efgan Nifti']);
  });

  it('skips pages recorded without an analysis', () => {
    const failed = { ...libPage([['Antony Blinken']]), analysis: null };
    expect(resolvePeople([failed]).people).toEqual([]);
  });
});

describe("the reader's choices", () => {
  const meta = (i: number) => ({ id: `c${i}`, at: `2026-02-0${i}T00:00:00.000Z` });

  it('a merge joins two people, and still holds with a page read later', () => {
    const pages = [
      libPage([['Jake Sullivan']]),
      libPage([['J. Sullivan']]),
      libPage([['Jacob Sullivan']]),
    ];
    // "Jake" and "Jacob" are not known nicknames: three people... no, J. is ambiguous.
    expect(clusters(pages)).toEqual([['j sullivan'], ['jacob sullivan'], ['jake sullivan']]);
    const choices = addMerge([], ['jake sullivan'], ['jacob sullivan'], meta(1));
    const later = [...pages, libPage([['Jake Sullivan']]), libPage([['Sullivan']])];
    expect(clusters(later, choices)).toEqual([
      ['j sullivan', 'jacob sullivan', 'jake sullivan', 'sullivan'],
    ]);
  });

  it('a split keeps names apart, also when a new page would join them', () => {
    const pages = [libPage([['Antony Blinken']]), libPage([['Blinken']])];
    const choices = addSplit([], ['antony blinken'], ['blinken'], meta(1));
    expect(clusters(pages, choices)).toEqual([['antony blinken'], ['blinken']]);
    const later = [...pages, libPage([['Secretary Blinken']]), libPage([['Tony Blinken']])];
    expect(clusters(later, choices)).toEqual([['antony blinken', 'tony blinken'], ['blinken']]);
  });

  it('a name split off does not leave the remaining names ambiguous', () => {
    const pages = [
      libPage([['Antony Blinken', ['Secretary of State']]]),
      libPage([['Blinken', ['Secretary']]]),
      libPage([['Tony Blinken', ['Deputy Secretary of State']]]),
    ];
    const choices = addSplit([], ['tony blinken'], ['antony blinken', 'blinken'], meta(1));
    expect(clusters(pages, choices)).toEqual([['antony blinken', 'blinken'], ['tony blinken']]);
  });

  it('a merge after a split of the same names undoes the split, and the other way round', () => {
    const pages = [libPage([['Antony Blinken']]), libPage([['Blinken']])];
    const split = addSplit([], ['antony blinken'], ['blinken'], meta(1));
    const merged = addMerge(split, ['blinken'], ['antony blinken'], meta(2));
    expect(merged.map((c) => c.kind)).toEqual(['merge']);
    expect(clusters(pages, merged)).toEqual([['antony blinken', 'blinken']]);
    const again = addSplit(merged, ['antony blinken'], ['blinken'], meta(3));
    expect(again.map((c) => c.kind)).toEqual(['split']);
    expect(clusters(pages, again)).toEqual([['antony blinken'], ['blinken']]);
  });
});

describe('names and titles', () => {
  it.each([
    ['Secretary of State Antony Blinken', 'antony blinken'],
    ['Mr. Smith', 'smith'],
    ['President', 'president'],
    ['Robert F. Kennedy Jr.', 'robert f kennedy jr'],
    ['  Jake   SULLIVAN ', 'jake sullivan'],
  ])('%s has the key %s', (name, key) => {
    expect(formKey(name)).toBe(key);
  });

  it('resolves nicknames in the first name only', () => {
    expect(parseName('Tony Blinken').first).toBe(parseName('Antony Blinken').first);
    expect(parseName('Bill Burns').first).toBe('william');
  });

  it('survives a 1 MB name', () => {
    const huge = `${'A'.repeat(1_000_000)} Smith`;
    expect(formKey(huge).length).toBeLessThan(400);
  });

  it.each([
    ['Secretary', 'U.S. Secretary of State', true],
    ['President', 'Prime Minister', false],
    ['former Ambassador', 'Ambassador to Azerbaijan', true],
    ['', 'Senator', false],
  ])('titles %s and %s agree: %s', (a, b, agree) => {
    expect(titlesAgree(a, b)).toBe(agree);
  });
});

describe("a person's name", () => {
  /** Every order of `xs` (small lists only). */
  function orders<T>(xs: readonly T[]): T[][] {
    if (xs.length <= 1) return [[...xs]];
    return xs.flatMap((x, i) =>
      orders([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]),
    );
  }

  /** The name and titles of the one person `pages` name, resolved with `choices`. */
  function shown(pages: LibraryPage[], choices: PersonChoice[] = []) {
    return resolvePeople(pages, choices).people.map((p) => ({ name: p.name, titles: p.titles }));
  }

  it('is the most used spelling, whatever order the pages were read in', () => {
    const pages = [
      libPage([['Antony Blinken', [], 1]]),
      libPage([['ANTONY BLINKEN', [], 2]]),
      libPage([['Antony Blinken', [], 2]]),
    ];
    for (const order of orders(pages)) {
      expect(shown(order).map((p) => p.name)).toEqual(['Antony Blinken']);
    }
  });

  it('breaks a tie by length, then code-point order, not by which page came first', () => {
    // Equally often, equally long: the accent makes "Blínken" come after "Blinken".
    const pages = [
      libPage([['Antony Blínken', ['Secretary of State']]]),
      libPage([['Antony Blinken', ['Secretary']]]),
      libPage([['Mr. Antony Blinken', []]]),
    ];
    for (const order of orders(pages)) {
      expect(shown(order)).toEqual([
        // "Mr. Antony Blinken" is of the same form, so it counts as a spelling: the longest of
        // three equally used ones. Titles as often seen: the longer first.
        { name: 'Mr. Antony Blinken', titles: ['Secretary of State', 'Secretary'] },
      ]);
    }
    for (const order of orders(pages.slice(0, 2))) {
      expect(shown(order).map((p) => p.name)).toEqual(['Antony Blinken']);
    }
  });

  it('of a merged person, is the same whatever order the pages and the choices came in', () => {
    const pages = [
      libPage([['Jake Sullivan', ['National Security Advisor']]]),
      libPage([['Jacob Sullivan', ['Adviser']]]),
      libPage([['Jacob J. Sullivan']]),
    ];
    const merges: PersonChoice[] = [
      {
        id: 'm1',
        at: '2026-01-01T00:00:00.000Z',
        kind: 'merge',
        a: 'jake sullivan',
        b: 'jacob sullivan',
      },
      {
        id: 'm2',
        at: '2026-01-02T00:00:00.000Z',
        kind: 'merge',
        a: 'jacob j sullivan',
        b: 'jake sullivan',
      },
    ];
    const seen = new Set<string>();
    for (const order of orders(pages)) {
      for (const choices of orders(merges)) seen.add(JSON.stringify(shown(order, choices)));
    }
    expect([...seen]).toHaveLength(1);
    expect(JSON.parse([...seen][0] as string)).toEqual([
      { name: 'Jacob J. Sullivan', titles: ['National Security Advisor', 'Adviser'] },
    ]);
  });

  it('is never won by a huge spelling seen once over one seen more often', () => {
    // The same form (punctuation is not part of a name), written with 5,000 characters more.
    const huge = `Antony Blinken${'.'.repeat(5_000)}`;
    const pages = [libPage([[huge, [], 1]]), libPage([['Antony Blinken', [], 3]])];
    for (const order of orders(pages)) {
      expect(shown(order).map((p) => p.name)).toEqual(['Antony Blinken']);
    }
  });
});
