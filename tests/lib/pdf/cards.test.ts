import { describe, expect, it } from 'vitest';
import { hitAtOffset } from '../../../lib/pdf/cards';

describe('hitAtOffset', () => {
  const spans = [
    { start: 0, end: 5, id: 'a' },
    { start: 10, end: 40, id: 'quote' },
    { start: 12, end: 20, id: 'inside' },
    { start: 50, end: 55, id: 'b' },
  ];

  it('finds the span under an offset, the innermost first where two nest', () => {
    expect(hitAtOffset(spans, 3)?.id).toBe('a');
    expect(hitAtOffset(spans, 15)?.id).toBe('inside');
    expect(hitAtOffset(spans, 54)?.id).toBe('b');
  });

  it('finds nothing between spans or past a span’s end', () => {
    expect(hitAtOffset(spans, 5)).toBeNull();
    expect(hitAtOffset(spans, 45)).toBeNull();
    expect(hitAtOffset(spans, 55)).toBeNull();
    expect(hitAtOffset([], 0)).toBeNull();
  });
});
