/** The canonical form of tags and the order of times that every write relies on. */
import { describe, expect, it } from 'vitest';
import { normaliseTag, normaliseTags } from '../../../lib/store';
import { compareTimes } from '../../../lib/store/normalise';

describe('tag normalisation', () => {
  it.each([
    ['#energy', 'energy'],
    ['  EU   policy ', 'EU policy'],
    ['##nested', 'nested'],
    ['caf\u0065\u0301', 'caf\u00e9'],
    ['#', ''],
  ])('turns %j into %j', (raw, expected) => {
    expect(normaliseTag(raw)).toBe(expected);
  });

  it('drops empty tags and case-only duplicates, keeping the first spelling and order', () => {
    expect(normaliseTags(['Energy', 'security', '#energy', '', 'ENERGY', 'EU'])).toEqual([
      'Energy',
      'security',
      'EU',
    ]);
  });
});

describe('time order', () => {
  it('compares instants across time zones', () => {
    expect(compareTimes('2026-01-01T10:00:00.000Z', '2026-01-01T11:30:00+02:00')).toBeGreaterThan(
      0,
    );
    expect(compareTimes('2026-01-01T10:00:00Z', '2026-01-01T10:00:00.000Z')).toBe(0);
  });
});
