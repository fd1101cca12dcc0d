/**
 * Firefox: a PDF opened on a site Dossier reads goes to Dossier's PDF viewer, as it does in
 * Chrome. In Chrome the content script sees the PDF's document and redirects it
 * (entrypoints/content); Firefox shows PDFs in its own privileged viewer, where no content
 * script runs. So here the background watches tabs' addresses (`tabs.onUpdated`, which needs
 * no permission: Firefox shows a tab's address only on sites Dossier may read, the listed
 * policy sites and the ones the reader added, exactly where Chrome's content script runs) and
 * sends an address that names a PDF file (`….pdf`) to the viewer, replacing the history entry
 * so that Back does not bounce into the viewer again. A PDF served under an address without
 * `.pdf` still needs "Open in Dossier" in Firefox: telling it apart would take a request of
 * Dossier's own or the webRequest permission.
 */
import { browser } from 'wxt/browser';
import { isPdfAddress, VIEWER_PATH, viewerUrlFor } from '../pdf/redirect';

/** Starts sending PDF tabs to the viewer. Returns the function that stops it. */
export function redirectPdfTabs(): () => void {
  const listener = (tabId: number, change: { url?: string }) => {
    // A new address only (not each status change of the same one), so each opening is sent once.
    const url = change.url;
    if (!url || !isPdfAddress(url)) return;
    const viewer = viewerUrlFor(browser.runtime.getURL(VIEWER_PATH), url);
    // `loadReplace` is Firefox's own option: the viewer takes the PDF's place in history.
    void browser.tabs
      .update(tabId, { url: viewer, loadReplace: true } as Parameters<
        typeof browser.tabs.update
      >[1])
      .catch(() => undefined);
  };
  browser.tabs.onUpdated.addListener(listener);
  return () => browser.tabs.onUpdated.removeListener(listener);
}
