import { afterEach, describe, expect, it, vi } from 'vitest';
import { findHit } from '../../../lib/content/entities-layer';

/** A page of `count` paragraphs, each with one name, and a range over each name in order. */
function page(count: number) {
  document.body.innerHTML = Array.from(
    { length: count },
    (_, i) => `<p>Minister Name${i} spoke.</p>`,
  ).join('');
  return [...document.querySelectorAll('p')].map((p, index) => {
    const text = p.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 9);
    range.setEnd(text, 9 + `Name${index}`.length);
    return { index, range };
  });
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('finding the highlight under the pointer', () => {
  it('finds the name under the caret among 500 with a few range comparisons (not one per name)', () => {
    const hits = page(500);
    const compare = vi.spyOn(Range.prototype, 'comparePoint');
    const text = document.querySelectorAll('p')[377]?.firstChild as Text;
    expect(findHit(hits, { node: text, offset: 11 })?.index).toBe(377);
    // A scan over every range made one long task per pointer move on such a page (issue 19).
    expect(compare.mock.calls.length).toBeLessThanOrEqual(12);
  });

  it('finds nothing between names, and at either end', () => {
    const hits = page(50);
    const p = document.querySelectorAll('p');
    expect(findHit(hits, { node: p[10]?.firstChild as Text, offset: 2 })).toBeNull();
    expect(findHit(hits, { node: p[49]?.firstChild as Text, offset: 18 })).toBeNull();
    expect(findHit(hits, { node: p[0]?.firstChild as Text, offset: 9 })?.index).toBe(0);
    expect(findHit([], { node: document.body, offset: 0 })).toBeNull();
  });

  it('never throws on a caret in another document', () => {
    const hits = page(3);
    const other = document.implementation.createHTMLDocument('x');
    expect(findHit(hits, { node: other.body, offset: 0 })).toBeNull();
  });
});
