/**
 * The way into the PDF viewer: the viewer's address for a PDF (`pdf.html?file=<url>#page=N`,
 * the name DESIGN.md fixes), and back from it. The PDF's own URL stays the document's
 * identity; the viewer's address only carries it. Pure string work: the content script's
 * redirect hook, the background's "Open in Dossier" and the viewer all use it.
 */

/** The viewer's path inside the extension. */
export const VIEWER_PATH = '/pdf.html';

/**
 * The viewer's address for `pdfUrl`, from the viewer's own URL (`runtime.getURL(VIEWER_PATH)`).
 * A `#page=N` on the PDF's URL (the open-parameters every PDF viewer reads) moves to the
 * viewer's fragment; any other fragment is dropped.
 */
export function viewerUrlFor(viewer: string, pdfUrl: string): string {
  const url = new URL(pdfUrl);
  const page = /(?:^#|&)page=(\d+)/.exec(url.hash)?.[1];
  url.hash = '';
  return `${viewer}?file=${encodeURIComponent(url.href)}${page ? `#page=${page}` : ''}`;
}

/** What the viewer reads from its address: the PDF's URL and the page to open at. */
export interface ViewerTarget {
  file: string;
  page: number | null;
}

/** Parses the viewer's address; null when `file` is missing or not an http(s) URL. */
export function viewerTargetOf(location: { search: string; hash: string }): ViewerTarget | null {
  const file = new URLSearchParams(location.search).get('file');
  if (!file) return null;
  try {
    const url = new URL(file);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  } catch {
    return null;
  }
  const page = /(?:^#|&)page=(\d+)/.exec(location.hash)?.[1];
  return { file, page: page ? Number(page) : null };
}

/** Link and page patterns of PDF files, for the "Open in Dossier" context-menu entry. */
export const PDF_URL_PATTERNS = ['*://*/*.pdf', '*://*/*.pdf?*', '*://*/*.PDF', '*://*/*.PDF?*'];

/**
 * The fragment the viewer's link to the browser's own viewer carries ("Open the file in the
 * browser's own viewer", shown when Dossier cannot read a file): a PDF opened with it stays
 * in the browser's viewer instead of being sent back to Dossier's, round and round.
 */
export const KEEP_IN_BROWSER = 'dossier=browser';

/** The PDF's address for the browser's own viewer, marked so that Dossier leaves it there. */
export function browserViewerUrl(pdfUrl: string): string {
  const url = new URL(pdfUrl);
  url.hash = url.hash ? `${url.hash}&${KEEP_IN_BROWSER}` : KEEP_IN_BROWSER;
  return url.href;
}

/** True when the reader asked for this address in the browser's own viewer. */
export function keptInBrowser(url: string): boolean {
  try {
    return new URL(url).hash.slice(1).split('&').includes(KEEP_IN_BROWSER);
  } catch {
    return false;
  }
}

/**
 * True when an address names a PDF file by its path (`….pdf`), over http(s), and the reader
 * did not ask for the browser's own viewer. Firefox shows PDFs in a viewer where no content
 * script runs, so there the background decides by the address alone (lib/platform/pdf-redirect).
 */
export function isPdfAddress(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      /\.pdf$/i.test(u.pathname) &&
      !keptInBrowser(url)
    );
  } catch {
    return false;
  }
}

/** True when `doc` is the browser showing a PDF (Chrome's viewer wraps it in a document). */
export function isPdfDocument(doc: Pick<Document, 'contentType'>): boolean {
  return doc.contentType === 'application/pdf';
}
