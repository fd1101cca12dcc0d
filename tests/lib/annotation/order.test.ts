/** Page order, time order and grouping: the one arrangement every list of notes uses. */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  byNewest,
  byPageOrder,
  compareTimes,
  groupByPage,
  stampAfter,
} from '../../../lib/annotation/order';

function note(
  id: string,
  start: number,
  end: number,
  created: string,
  url = 'https://a.org/x',
): Annotation {
  return {
    id,
    page: { url, title: 'T', site: 'S' },
    quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end },
    note: '',
    tags: [],
    colour: 'yellow',
    created,
    updated: created,
  };
}

describe('time order', () => {
  it('compares instants across time zones', () => {
    expect(compareTimes('2026-01-01T10:00:00.000Z', '2026-01-01T11:30:00+02:00')).toBeGreaterThan(
      0,
    );
    expect(compareTimes('2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000Z')).toBe(0);
  });

  it('falls back to string order for times it cannot parse', () => {
    expect(compareTimes('b', 'a')).toBeGreaterThan(0);
  });
});

describe('page order', () => {
  it('reads like the page: by start, then end, then creation, then id', () => {
    const notes = [
      note('d', 10, 20, '2026-01-02T00:00:00Z'),
      note('c', 10, 20, '2026-01-01T00:00:00Z'),
      note('b', 10, 15, '2026-01-03T00:00:00Z'),
      note('a', 5, 30, '2026-01-04T00:00:00Z'),
      note('e', 10, 20, '2026-01-02T00:00:00Z'),
    ];
    expect(notes.sort(byPageOrder).map((n) => n.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('lists the most recently edited first across pages', () => {
    const notes = [
      note('x', 0, 1, '2026-01-01T00:00:00Z'),
      note('y', 0, 1, '2026-02-01T00:00:00Z'),
    ];
    expect(notes.sort(byNewest).map((n) => n.id)).toEqual(['y', 'x']);
  });
});

describe('grouping by page', () => {
  it('keeps pages in first-seen order and never drops a note without an address', () => {
    const broken = { ...note('z', 0, 1, '2026-01-01T00:00:00Z'), page: {} as Annotation['page'] };
    const groups = groupByPage([
      note('1', 0, 1, '2026-01-01T00:00:00Z', 'https://b.org/'),
      note('2', 0, 1, '2026-01-01T00:00:00Z', 'https://a.org/'),
      broken,
      note('3', 0, 1, '2026-01-01T00:00:00Z', 'https://b.org/'),
    ]);
    expect([...groups].map(([url, notes]) => [url, notes.map((n) => n.id)])).toEqual([
      ['https://b.org/', ['1', '3']],
      ['https://a.org/', ['2']],
      ['', ['z']],
    ]);
  });
});

describe('the time an edit is stamped with', () => {
  const now = new Date('2026-03-01T00:00:00.000Z');

  it('is now, or a millisecond after the time it replaces when that is later', () => {
    expect(stampAfter(now)).toBe('2026-03-01T00:00:00.000Z');
    expect(stampAfter(now, '2026-01-01T00:00:00.000Z')).toBe('2026-03-01T00:00:00.000Z');
    expect(stampAfter(now, '2026-05-01T00:00:00.000Z')).toBe('2026-05-01T00:00:00.001Z');
    expect(stampAfter(now, 'not a time')).toBe('2026-03-01T00:00:00.000Z');
  });

  it('never passes the year 9999, which no backup could hold', () => {
    expect(stampAfter(now, '9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });
});
