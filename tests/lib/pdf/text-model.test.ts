import { describe, expect, it } from 'vitest';
import { PdfText } from '../../../lib/pdf/text-model';

const page = (...lines: string[]) => lines.map((str) => ({ str, hasEOL: true }));

describe('PdfText', () => {
  it('joins lines and pages with single spaces, as the page text index does', () => {
    const text = new PdfText();
    text.addPage(page('Foreign Minister Daria', 'Kovalenko said:'));
    text.addPage(page('“We agree.”'));
    expect(text.text).toBe('Foreign Minister Daria Kovalenko said: “We agree.”');
    expect(text.pageCount).toBe(2);
  });

  it('collapses runs of white space inside and between items', () => {
    const text = new PdfText();
    text.addPage([
      { str: '  The   talks ', hasEOL: false },
      { str: ' went\twell', hasEOL: true },
    ]);
    expect(text.text).toBe('The talks went well');
  });

  it('says which page an offset is on', () => {
    const text = new PdfText();
    text.addPage(page('one two'));
    text.addPage(page('three'));
    text.addPage(page('four'));
    expect(text.pageAt(0)).toBe(1);
    expect(text.pageAt(text.text.indexOf('three'))).toBe(2);
    expect(text.pageAt(text.text.indexOf('four'))).toBe(3);
    expect(text.pageSpan(2)).toEqual({ start: 8, end: 13 });
  });

  it('maps document offsets to text-layer items and back, through collapsed spaces', () => {
    const text = new PdfText();
    text.addPage([
      { str: 'Heading', hasEOL: true },
      { str: 'Prime  Minister', hasEOL: false },
      { str: ' Aydin', hasEOL: true },
    ]);
    const start = text.text.indexOf('Minister');
    const end = text.text.indexOf('Aydin') + 'Aydin'.length;
    const a = text.pointAt(1, start, 'start');
    const b = text.pointAt(1, end, 'end');
    expect(a).toEqual({ page: 1, item: 1, offset: 'Prime  '.length });
    expect(b).toEqual({ page: 1, item: 2, offset: ' Aydin'.length });
    expect(text.offsetOf(a as NonNullable<typeof a>)).toBe(start);
    expect(text.offsetOf(b as NonNullable<typeof b>)).toBe(end);
  });

  it('ends a range at the end of the item before a line break, not the start of the next', () => {
    const text = new PdfText();
    text.addPage(page('alpha', 'beta'));
    const end = 'alpha'.length;
    expect(text.pointAt(1, end, 'end')).toEqual({ page: 1, item: 0, offset: 5 });
    expect(text.pointAt(1, end + 1, 'start')).toEqual({ page: 1, item: 1, offset: 0 });
  });

  it('keeps empty pages as pages with no text', () => {
    const text = new PdfText();
    text.addPage(page('first'));
    text.addPage([]);
    text.addPage(page('third'));
    expect(text.text).toBe('first third');
    expect(text.pointAt(2, 6, 'start')).toBeNull();
    expect(text.pageAt(text.text.indexOf('third'))).toBe(3);
  });
});
