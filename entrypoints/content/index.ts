/**
 * The content script. Runs on the listed policy centres, on sites the user enabled, and once on
 * any tab where the user clicked "Analyze this page". It only starts the page's session
 * (lib/content/session.ts), which does the work.
 */

import { browser } from 'wxt/browser';
import { startPageSession } from '@/lib/content/session';
import { guardAgainstForgedStart, markStarted, markStarting } from '@/lib/content/start-guard';
import { isPdfDocument, keptInBrowser, VIEWER_PATH, viewerUrlFor } from '@/lib/pdf/redirect';
import { POLICY_SITE_MATCHES } from '@/lib/sites';

// Runs before WXT creates (and announces) this copy's context: see lib/content/start-guard.ts.
markStarting();

export default defineContentScript({
  matches: [...POLICY_SITE_MATCHES],
  runAt: 'document_idle',
  // WXT announces a new content script with a DOM event; its extra window.postMessage would
  // reach the page's own message listeners, and costs the start-up task time for nothing.
  noScriptStartedPostMessage: true,
  main(ctx) {
    markStarted();
    guardAgainstForgedStart(ctx);
    // A PDF on a listed site opens in Dossier's PDF viewer; its own URL stays its identity.
    // "Open the file in the browser's own viewer" (from Dossier's viewer) stays there.
    if (isPdfDocument(document)) {
      if (!keptInBrowser(location.href)) {
        location.replace(viewerUrlFor(browser.runtime.getURL(VIEWER_PATH), location.href));
      }
      return;
    }
    startPageSession(ctx);
  },
});
