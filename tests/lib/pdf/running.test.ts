import { describe, expect, it } from 'vitest';
import { findRunningItems, lineKey, type PlacedItem } from '../../../lib/pdf/running';
import { PdfText } from '../../../lib/pdf/text-model';

/** A report page: a running header, body lines, a page number at the foot. */
const reportPage = (n: number, body: string[]): PlacedItem[] => [
  { str: 'Prepared for Ambassador Noor Halvorsen', y: 0.04 },
  { str: `Section ${n}`, y: 0.04 },
  ...body.map((str, i) => ({ str, y: 0.2 + i * 0.05 })),
  { str: `Page ${n} of 5`, y: 0.97 },
];

describe('findRunningItems', () => {
  it('masks digits, case and spacing in a line’s key', () => {
    expect(lineKey('  Page 14   of 200 ')).toBe('page # of #');
  });

  it('finds the header and the page number repeated on every page, and nothing of the body', () => {
    const pages = [1, 2, 3, 4, 5].map((n) =>
      reportPage(n, [`Body line ${n} about the talks.`, 'Minister Ada Brill said so.']),
    );
    const running = findRunningItems(pages);
    // Items 0 and 1 (one header line, two runs) and the last item (the page number).
    for (const set of running) expect([...set].sort()).toEqual([0, 1, 4]);
  });

  it('keeps a line that repeats in the body, and a top line found on too few pages', () => {
    const pages: PlacedItem[][] = [1, 2, 3, 4].map((n) => [
      { str: n === 1 ? 'Executive summary' : `Chapter ${n}`, y: 0.05 },
      { str: 'The same sentence in the middle.', y: 0.5 },
    ]);
    const running = findRunningItems(pages);
    // "Chapter #" is on 3 of 4 pages (running); "Executive summary" once (kept); the body kept.
    expect(running.map((s) => [...s])).toEqual([[], [0], [0], [0]]);
  });

  it('finds nothing in a two-page paper', () => {
    const pages = [1, 2].map((n) => reportPage(n, ['Text.']));
    expect(findRunningItems(pages).every((s) => s.size === 0)).toBe(true);
  });
});

describe('a running header left out of the document text', () => {
  it('joins a sentence cut by a page break without the header in the middle', () => {
    const pages = [
      reportPage(1, ['Foreign Minister Daria Kovalenko said the']),
      reportPage(2, ['corridor would open in spring.']),
      reportPage(3, ['Nothing else.']),
    ];
    const running = findRunningItems(pages);
    const text = new PdfText();
    pages.forEach((items, p) => {
      text.addPage(
        items.map((item, i) => ({ str: running[p]?.has(i) ? '' : item.str, hasEOL: true })),
      );
    });
    expect(text.text).toBe(
      'Foreign Minister Daria Kovalenko said the corridor would open in spring. Nothing else.',
    );
    // The text layer still holds the header's runs: item numbers are unchanged.
    const at = text.text.indexOf('corridor');
    expect(text.pointAt(2, at, 'start')).toEqual({ page: 2, item: 2, offset: 0 });
  });
});
