import { describe, expect, it } from 'vitest';
import { isPdfDocument, viewerTargetOf, viewerUrlFor } from '../../../lib/pdf/redirect';

const VIEWER = 'chrome-extension://abc/pdf.html';

describe('viewerUrlFor', () => {
  it('carries the PDF address in ?file= and a #page= in the viewer fragment', () => {
    const url = viewerUrlFor(VIEWER, 'https://www.csis.org/files/report.pdf?v=2#page=14');
    expect(url).toBe(
      `${VIEWER}?file=${encodeURIComponent('https://www.csis.org/files/report.pdf?v=2')}#page=14`,
    );
    const back = new URL(url);
    expect(viewerTargetOf(back)).toEqual({
      file: 'https://www.csis.org/files/report.pdf?v=2',
      page: 14,
    });
  });

  it('drops other fragments', () => {
    expect(viewerUrlFor(VIEWER, 'https://rand.org/r.pdf#zoom=200')).toBe(
      `${VIEWER}?file=${encodeURIComponent('https://rand.org/r.pdf')}`,
    );
  });
});

describe('viewerTargetOf', () => {
  it('refuses a missing or non-web file address', () => {
    expect(viewerTargetOf({ search: '', hash: '' })).toBeNull();
    expect(viewerTargetOf({ search: '?file=javascript%3Aalert(1)', hash: '' })).toBeNull();
    expect(viewerTargetOf({ search: '?file=not%20a%20url', hash: '' })).toBeNull();
  });
});

describe('isPdfDocument', () => {
  it('recognises the browser showing a PDF by its content type', () => {
    expect(isPdfDocument({ contentType: 'application/pdf' })).toBe(true);
    expect(isPdfDocument({ contentType: 'text/html' })).toBe(false);
  });
});
