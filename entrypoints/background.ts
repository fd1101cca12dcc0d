/**
 * The background service worker: answers the popup, and owns what outlives a tab (which sites
 * the user enabled). It only wires modules; the logic lives in lib/.
 */
import { handleMessages } from '@/lib/platform/messaging';
import {
  disableSite,
  enableSite,
  injectIntoTab,
  pruneRevokedSites,
  siteStatus,
} from '@/lib/platform/sites';

export default defineBackground(() => {
  handleMessages({
    'tab/analyze': async ({ tabId }) => {
      await injectIntoTab(tabId);
      return { injected: true } as const;
    },
    'site/status': ({ url }) => siteStatus(new URL(url).origin),
    'site/enable': async ({ origin, tabId }) => {
      const status = await enableSite(origin);
      if (tabId !== undefined) await injectIntoTab(tabId);
      return status;
    },
    'site/disable': ({ origin }) => disableSite(origin),
  });
  browser.runtime.onStartup.addListener(() => void pruneRevokedSites());
  browser.permissions.onRemoved.addListener(() => void pruneRevokedSites());
});
