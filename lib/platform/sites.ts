/**
 * Running Dossier on sites beyond the built-in list. The user grants one origin (an optional
 * host permission, asked for by the popup at the moment they click) and the background registers
 * the content script for it with `scripting.registerContentScripts`, persisted by the browser.
 * "Analyze this page" instead injects the script once into one tab, using activeTab.
 */
import { browser } from 'wxt/browser';
import type { SiteStatus } from '../protocol';
import { isPolicySite } from '../sites';

/** The built content script, as WXT names it. */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js' as const;

const ID_PREFIX = 'dossier-site:';

/** The match pattern covering every page of an origin. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/** Whether Dossier runs on `origin`, by listing or by the user's grant. */
export async function siteStatus(origin: string): Promise<SiteStatus> {
  const { hostname } = new URL(origin);
  const listed = isPolicySite(hostname);
  const registered = await browser.scripting.getRegisteredContentScripts({
    ids: [ID_PREFIX + origin],
  });
  return { origin, listed, enabled: listed || registered.length > 0 };
}

/**
 * Registers the content script for `origin`. The host permission must have been granted
 * already (only a popup click can ask for it); without it this fails with a plain message.
 */
export async function enableSite(origin: string): Promise<SiteStatus> {
  const granted = await browser.permissions.contains({ origins: [originPattern(origin)] });
  if (!granted) throw new Error(`Dossier has no permission to run on ${origin}.`);
  const id = ID_PREFIX + origin;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length === 0) {
    await browser.scripting.registerContentScripts([
      {
        id,
        matches: [originPattern(origin)],
        js: [CONTENT_SCRIPT_FILE],
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return siteStatus(origin);
}

/** Unregisters the content script for `origin` and gives its permission back. */
export async function disableSite(origin: string): Promise<SiteStatus> {
  const id = ID_PREFIX + origin;
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [id] });
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
  return siteStatus(origin);
}

/**
 * Drops registrations whose permission the user has since removed in the browser's settings,
 * so that the list of enabled sites never claims more than Dossier may do.
 */
export async function pruneRevokedSites(): Promise<void> {
  const scripts = await browser.scripting.getRegisteredContentScripts();
  for (const script of scripts) {
    if (!script.id.startsWith(ID_PREFIX)) continue;
    const origin = script.id.slice(ID_PREFIX.length);
    const granted = await browser.permissions.contains({ origins: [originPattern(origin)] });
    if (!granted) await browser.scripting.unregisterContentScripts({ ids: [script.id] });
  }
}

/** Injects the content script into one tab, now (activeTab grants this after a user click). */
export async function injectIntoTab(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
}
