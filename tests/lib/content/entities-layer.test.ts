import { afterEach, describe, expect, it, vi } from 'vitest';
import { findHit, nestedApart } from '../../../lib/content/entities-layer';
import { detect } from '../../../lib/detect/index';
import { createPainter } from '../../../lib/highlight/paint';

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

describe('a quotation retold inside a quotation (overlapping ranges)', () => {
  /** One paragraph with an outer quotation and two lines retold inside it, as detected. */
  function nested() {
    document.body.innerHTML =
      '<p>“And I said, ‘We need more.’ They said, ‘No.’ We left,” Senator Ana Ruiz said.</p>';
    const text = document.querySelector('p')?.firstChild as Text;
    const quotes = detect(text.data).quotes;
    expect(quotes.map((q) => q.text)).toEqual([
      'And I said, ‘We need more.’ They said, ‘No.’ We left,',
      'We need more.',
      'No.',
    ]);
    const items = quotes.map((q) => {
      const range = document.createRange();
      range.setStart(text, q.start);
      range.setEnd(text, q.end);
      return { at: q.start, end: q.end, hit: { name: q.text, range } };
    });
    return { text, items, at: (word: string) => text.data.indexOf(word) + 1 };
  }

  it('finds the outer quotation between and around the inner ones, and each inner one', () => {
    const { text, items, at } = nested();
    const { outer, inner } = nestedApart(items);
    const under = (offset: number) =>
      (findHit(inner, { node: text, offset }) ?? findHit(outer, { node: text, offset }))?.name;
    const whole = items[0]?.hit.name;
    expect(under(at('And'))).toBe(whole);
    expect(under(at('need'))).toBe('We need more.');
    expect(under(at('They'))).toBe(whole);
    expect(under(at('No.'))).toBe('No.');
    expect(under(at('We left'))).toBe(whole);
    expect(under(at('Senator'))).toBeUndefined();
  });

  it('loses the outer quotation between inner ones when searched as one list (why they are kept apart)', () => {
    const { text, items, at } = nested();
    const all = items.map((i) => i.hit);
    expect(findHit(all, { node: text, offset: at('They') })).toBeNull();
  });

  it('paints both by wrapping without nesting marks, and puts the page back', () => {
    const { text, items } = nested();
    const before = text.data;
    const painter = createPainter(document, { forceWrap: true });
    painter.paint(
      'dossier-quote',
      items.map((i) => i.hit.range),
    );
    const marks = [...document.querySelectorAll('dossier-mark')];
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe(items[0]?.hit.name);
    expect(document.querySelector('p')?.textContent).toBe(before);
    painter.destroy();
    expect(document.querySelector('p')?.firstChild).toBe(text);
    expect(text.data).toBe(before);
    expect(document.querySelectorAll('dossier-mark')).toHaveLength(0);
  });
});
