/**
 * Opening the popup as the bench times it (scripts/bench/notes-at-scale.ts): from navigation
 * start to the first note drawn, in the browser of `dossier`, describing tab `tabId`.
 */
import type { DossierBrowser } from '../browser';

/** The times of one popup opened on tab `tabId`, in milliseconds. */
export interface PopupTimes {
  /** Navigation start to the first note shown. */
  fromNavigation: number;
  /** The popup's document start to the first note shown (Dossier's own part). */
  fromDocument: number;
  /** Navigation start to the document's start (the browser's part). */
  beforeDocument: number;
}

/**
 * Opens the popup on tab `tabId` and times it. The harness keeps out of the page while it is
 * timed: the first note is seen from a frame callback, which says so on the console, and
 * nothing is evaluated in the popup until then (Playwright's `waitForFunction` would inject its
 * own large script into the popup during the very frames being timed, a cost no reader's popup
 * has).
 */
export async function openPopupTimed(dossier: DossierBrowser, tabId: number): Promise<PopupTimes> {
  const popup = await dossier.context.newPage();
  await popup.addInitScript(`
    globalThis.__start = performance.now();
    const look = () => {
      if (document.querySelector('.notes-item')) {
        globalThis.__shown = performance.now();
        console.debug('dossier-bench: first note shown');
      } else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  `);
  const shown = popup.waitForEvent('console', {
    predicate: (message) => message.text() === 'dossier-bench: first note shown',
    timeout: 15_000,
  });
  await popup.goto(`chrome-extension://${dossier.extensionId}/popup.html?tab=${tabId}`);
  await shown;
  // Functions, not strings: the popup's content security policy forbids evaluating strings.
  const [start, shownAt] = await popup.evaluate(() => {
    const g = globalThis as unknown as { __start: number; __shown: number };
    return [g.__start, g.__shown];
  });
  await popup.close();
  return { fromNavigation: shownAt, fromDocument: shownAt - start, beforeDocument: start };
}
