import { describe, expect, it } from 'vitest';
import {
  browserViewerUrl,
  isPdfAddress,
  isPdfDocument,
  keptInBrowser,
  viewerTargetOf,
  viewerUrlFor,
} from '../../../lib/pdf/redirect';

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

describe('isPdfAddress (Firefox, where the background decides by the address)', () => {
  it('takes a web address whose path names a .pdf file, whatever its query', () => {
    expect(isPdfAddress('https://www.csis.org/files/Report.PDF?download=1')).toBe(true);
    expect(isPdfAddress('http://www.rand.org/pubs/r.pdf#page=3')).toBe(true);
  });

  it('leaves pages, other schemes and a .pdf only in the query alone', () => {
    expect(isPdfAddress('https://www.csis.org/analysis/report')).toBe(false);
    expect(isPdfAddress('https://www.csis.org/get?file=r.pdf')).toBe(false);
    expect(isPdfAddress('file:///home/me/r.pdf')).toBe(false);
    expect(isPdfAddress('not a url')).toBe(false);
  });

  it('leaves a PDF the reader asked to see in the browser’s own viewer', () => {
    const kept = browserViewerUrl('https://www.csis.org/files/r.pdf#page=2');
    expect(kept).toBe('https://www.csis.org/files/r.pdf#page=2&dossier=browser');
    expect(keptInBrowser(kept)).toBe(true);
    expect(isPdfAddress(kept)).toBe(false);
    expect(keptInBrowser('https://www.csis.org/files/r.pdf#page=2')).toBe(false);
  });
});
