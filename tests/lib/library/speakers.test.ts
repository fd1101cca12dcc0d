/**
 * Organisations and documents that speak are not people: the kind detection gives, the rule on
 * the name for records made before the kind was kept, and the list of quoted bodies the
 * Library tab shows apart from People.
 */
import { describe, expect, it } from 'vitest';
import { listBodies, readBodies, withPageBodies } from '../../../lib/library/bodies';
import { buildLibrary } from '../../../lib/library/model';
import {
  bodiesOfPage,
  bodiesOfPages,
  bodyKey,
  kindOfName,
  quotesOfBody,
  speakerKindOf,
} from '../../../lib/library/speakers';
import { libPage } from './fixtures';

describe('kindOfName (records without a kind)', () => {
  it.each([
    ['Kavaristan’s Ministry of Energy', 'organisation'],
    ['Ministry of Energy', 'organisation'],
    ['Council of Europe', 'organisation'],
    ['Pipeline Consortium', 'organisation'],
    ['the Pentagon', 'organisation'],
    ['The Atlantic Council', 'organisation'],
    ['European Commission', 'organisation'],
    ['the IAEA report', 'document'],
    ['Joint Statement', 'document'],
    ['Antony Blinken', 'person'],
    ['Blinken', 'person'],
    // Organisation words that are surnames too do not make an organisation on their own.
    ['Jack White', 'person'],
    ['Stuart Hall', 'person'],
    ['Emily Post', 'person'],
    ['', 'person'],
  ])('%s is a %s', (name, kind) => {
    expect(kindOfName(name)).toBe(kind);
  });
});

describe('speakerKindOf', () => {
  it('takes the kind detection gave', () => {
    expect(speakerKindOf({ speaker: 'Gazprom', speakerType: 'organisation' })).toBe('organisation');
    expect(speakerKindOf({ speaker: 'the review', speakerType: 'document' })).toBe('document');
    // Detection's word wins over the rule on the name.
    expect(speakerKindOf({ speaker: 'Jane Council', speakerType: 'person' })).toBe('person');
  });

  it('decides by the name when the record has no kind (a page recorded before)', () => {
    expect(speakerKindOf({ speaker: 'Kavaristan’s Ministry of Energy' })).toBe('organisation');
    expect(speakerKindOf({ speaker: 'Marcus Hale' })).toBe('person');
  });

  it('calls nobody named unnamed', () => {
    expect(speakerKindOf({ speaker: null, speakerType: 'unnamed' })).toBe('unnamed');
    expect(speakerKindOf({ speaker: '  ' })).toBe('unnamed');
  });
});

describe('quoted bodies', () => {
  const ministry = 'Kavaristan’s Ministry of Energy';
  const first = libPage([['Marcus Hale', ['Deputy Secretary of State'], 2]], {
    quotes: [
      ['Marcus Hale', 'We will stay.', 'person'],
      [ministry, 'Exports will double.', 'organisation'],
      [ministry, 'The pipeline is safe.', 'organisation'],
      ['the annual review', 'Demand fell.', 'document'],
    ],
  });
  // Recorded before the kind was kept.
  const old = libPage([], {
    quotes: [
      ['The Kavaristan Ministry of Energy', 'No comment.'],
      ['Pipeline Consortium', 'Flows resumed.'],
    ],
  });

  it('lists an organisation speaker apart from the people, with its quotations and pages', () => {
    const library = buildLibrary([first, old]);
    expect(library.people.map((p) => p.name)).toEqual(['Marcus Hale']);
    const bodies = library.bodies.map((b) => [b.name, b.kind, b.quotes, b.pages.length]);
    // The old record's "The Kavaristan Ministry of Energy" is the same ministry.
    expect(bodies).toEqual([
      [ministry, 'organisation', 3, 2],
      ['Pipeline Consortium', 'organisation', 1, 1],
      ['the annual review', 'document', 1, 1],
    ]);
    // Its quotations stay in the library, attributed to no person.
    const said = library.quotes.filter((q) => q.quote.speaker === ministry);
    expect(said.map((q) => [q.quote.text, q.personId])).toEqual([
      ['Exports will double.', null],
      ['The pipeline is safe.', null],
    ]);
    expect(quotesOfBody(bodyKey(ministry), [first, old]).map((q) => q.quote.text)).toEqual([
      'Exports will double.',
      'The pipeline is safe.',
      'No comment.',
    ]);
  });

  it('keeps a person speaker who is no official a person', () => {
    const page = libPage([], { quotes: [['Leyla Rahimova', 'We are ready.', 'person']] });
    const library = buildLibrary([page]);
    expect(library.people.map((p) => p.name)).toEqual(['Leyla Rahimova']);
    expect(library.bodies).toEqual([]);
  });

  it('files "The Pentagon" and "Pentagon" as one, across pages', () => {
    const a = libPage([], { quotes: [['The Pentagon', 'No.', 'organisation']] });
    const b = libPage([], { quotes: [['Pentagon', 'Yes.', 'organisation']] });
    const list = listBodies(bodiesOfPages([a, b]));
    expect(list).toHaveLength(1);
    expect(list[0]?.pages.sort()).toEqual([a.url, b.url].sort());
    expect(list[0]?.quotes).toBe(2);
  });

  it('replaces what a page read again says, and drops a body no page quotes any more', () => {
    const stored = bodiesOfPages([first]);
    expect(withPageBodies(stored, first.url, bodiesOfPage(first))).toBe(false);
    const reread = libPage([], {
      url: first.url,
      quotes: [['Marcus Hale', 'We will stay.', 'person']],
    });
    expect(withPageBodies(stored, first.url, bodiesOfPage(reread))).toBe(true);
    expect(listBodies(stored)).toEqual([]);
    expect(withPageBodies(stored, first.url, undefined)).toBe(false);
  });
});

describe('readBodies (stored data)', () => {
  it('keeps what it can read of a damaged record and leaves out the rest', () => {
    expect(readBodies(null)).toEqual({});
    expect(readBodies([1, 2])).toEqual({});
    expect(
      readBodies({
        gazprom: { 'https://a.example/1': ['Gazprom', 'organisation', 2], bad: ['x', 'robot', 1] },
        broken: 'not pages',
        empty: { 'https://a.example/2': [null, 'document', 1] },
      }),
    ).toEqual({ gazprom: { 'https://a.example/1': ['Gazprom', 'organisation', 2] } });
  });
});
