/**
 * Whether the browser lets Dossier reach the sync server: shared by the background (which waits
 * for it before syncing) and the settings (which ask for it only when missing), without pulling
 * the replication code into the side panel.
 */
import { browser } from 'wxt/browser';
import { accessPatternsFor } from '../sync/config';

/** True when the browser lets Dossier reach the server. */
export async function hasAccess(server: string): Promise<boolean> {
  for (const origins of accessPatternsFor(server)) {
    if (await browser.permissions.contains({ origins }).catch(() => false)) return true;
  }
  return false;
}
