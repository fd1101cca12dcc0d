import { describe, expect, it } from 'vitest';
import { thousands } from '../../lib/format';

describe('thousands', () => {
  it.each([
    [0, '0'],
    [7, '7'],
    [999, '999'],
    [1000, '1,000'],
    [12345, '12,345'],
    [100000, '100,000'],
    [1234567, '1,234,567'],
    [-9876543, '-9,876,543'],
    [1234.5, '1,234.5'],
  ])('writes %d as %s, like toLocaleString("en-US")', (n, expected) => {
    expect(thousands(n)).toBe(expected);
    expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });

  it('leaves what is not a finite number as JavaScript writes it', () => {
    expect(thousands(Number.NaN)).toBe('NaN');
    expect(thousands(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
