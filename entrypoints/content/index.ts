/**
 * The content script. Runs on the listed policy centres, on sites the user enabled, and once on
 * any tab where the user clicked "Analyze this page". It wires lib/ modules to the page; for now
 * it extracts the article and reports title and word count to the popup.
 */

import { startPageSession } from '@/lib/content/session';
import { POLICY_SITE_MATCHES } from '@/lib/sites';

export default defineContentScript({
  matches: [...POLICY_SITE_MATCHES],
  runAt: 'document_idle',
  main(ctx) {
    startPageSession(ctx);
  },
});
