/**
 * Running Dossier on sites beyond the built-in list. The user grants one origin (an optional
 * host permission, asked for by the popup at the moment they click) and the background registers
 * the content script for it with `scripting.registerContentScripts`, persisted by the browser.
 * "Analyze this page" instead injects the script once into one tab, using activeTab.
 */
import { browser } from 'wxt/browser';
import type { SiteStatus } from '../protocol';
import { isPolicySite, POLICY_SITE_MATCHES, POLICY_SITES } from '../sites';

/** The built content script, as WXT names it. */
export const CONTENT_SCRIPT_FILE = '/content-scripts/content.js' as const;

const ID_PREFIX = 'dossier-site:';

/** The match pattern covering every page of an origin. */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/**
 * The patterns whose grant lets Dossier read `origin`: a listed site's own two (as the manifest
 * writes them), else the origin's. Chrome answers `contains` for a listed site only when asked
 * with the very patterns it granted, not for an origin they cover.
 */
function accessPatterns(origin: string): string[] {
  const host = new URL(origin).hostname.toLowerCase().replace(/\.$/, '');
  const site = POLICY_SITES.find((s) => host === s || host.endsWith(`.${s}`));
  return site ? [`*://${site}/*`, `*://*.${site}/*`] : [originPattern(origin)];
}

/** Whether Dossier runs on `origin`, by listing or by the user's grant. */
export async function siteStatus(origin: string): Promise<SiteStatus> {
  const { hostname } = new URL(origin);
  const listed = isPolicySite(hostname);
  const registered = await browser.scripting.getRegisteredContentScripts({
    ids: [ID_PREFIX + origin],
  });
  const access = await browser.permissions
    .contains({ origins: accessPatterns(origin) })
    .catch(() => false);
  return { origin, listed, enabled: listed || registered.length > 0, access };
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

/**
 * Whether the browser lets Dossier run on every listed policy site. Chrome grants the content
 * script's matches at install; Firefox (Manifest V3) leaves host access to the user, who can
 * withdraw it at any time in the add-on's permissions.
 */
export async function hasPolicySiteAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: [...POLICY_SITE_MATCHES] }).catch(() => false);
}

/**
 * Asks the browser for the listed policy sites, all at once ("Allow on policy sites"). Must run
 * inside the user's click (Firefox refuses a request without one). True when granted.
 */
export async function requestPolicySiteAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: [...POLICY_SITE_MATCHES] });
}

/**
 * Starts Dossier in the tabs already open on a policy site, once access has just been given: the
 * browser runs the content script on pages loaded from then on, not on those already showing.
 * A tab where it runs already gets a fresh copy, which replaces the old one (lib/content/session).
 */
export async function startInOpenPolicyTabs(): Promise<number> {
  const tabs = await browser.tabs.query({ url: [...POLICY_SITE_MATCHES] });
  let started = 0;
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url || !isPolicySite(new URL(tab.url).hostname)) continue;
    await injectIntoTab(tab.id).then(
      () => started++,
      () => undefined, // a tab closed or navigated away meanwhile
    );
  }
  return started;
}

/** The onboarding page's address in the extension (entrypoints/welcome). */
export const WELCOME_PAGE = '/welcome.html' as const;

/**
 * On install, opens the page that says which sites Dossier reads and why, with "Allow on policy
 * sites". Always in Firefox, where host access is the user's to give and to take back; elsewhere
 * only when access is missing, so Chrome (which grants the listed sites at install) opens nothing.
 */
export async function welcomeOnInstall(isFirefox: boolean): Promise<boolean> {
  if (!isFirefox && (await hasPolicySiteAccess())) return false;
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
  return true;
}

/** Whether newly granted origins include a listed policy site's pattern. */
export function grantsPolicySites(origins: readonly string[] | undefined): boolean {
  return (origins ?? []).some((o) => POLICY_SITE_MATCHES.includes(o));
}
