/** The canonical form of tags that every write relies on. */
import { describe, expect, it } from 'vitest';
import { normaliseTag, normaliseTags } from '../../../lib/store';

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
