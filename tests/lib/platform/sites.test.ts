/**
 * "Always run on this site": the background registers the content script for an origin the
 * user granted, refuses without the grant, and forgets sites whose permission was revoked.
 * fake-browser has no scripting or permissions model, so a small in-memory one stands in.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CONTENT_SCRIPT_FILE,
  disableSite,
  enableSite,
  grantsPolicySites,
  hasPolicySiteAccess,
  pruneRevokedSites,
  siteStatus,
  startInOpenPolicyTabs,
  WELCOME_PAGE,
  welcomeOnInstall,
} from '../../../lib/platform/sites';
import { POLICY_SITE_MATCHES } from '../../../lib/sites';

type Registered = { id: string; matches?: string[]; js?: string[] };
let registered: Registered[];
let granted: Set<string>;

beforeEach(() => {
  registered = [];
  granted = new Set();
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting.getRegisteredContentScripts = vi.fn(async (filter?: { ids?: string[] }) =>
    registered.filter((s) => !filter?.ids || filter.ids.includes(s.id)),
  );
  scripting.registerContentScripts = vi.fn(async (scripts: Registered[]) => {
    for (const s of scripts) {
      if (registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      registered.push(s);
    }
  });
  scripting.unregisterContentScripts = vi.fn(async ({ ids }: { ids: string[] }) => {
    registered = registered.filter((s) => !ids.includes(s.id));
  });
  const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
  permissions.contains = vi.fn(async ({ origins }: { origins: string[] }) =>
    origins.every((o) => granted.has(o)),
  );
  permissions.remove = vi.fn(async ({ origins }: { origins: string[] }) => {
    for (const o of origins) granted.delete(o);
    return true;
  });
});

describe('running Dossier on a site the user chose', () => {
  it('refuses without the permission, in plain words', async () => {
    await expect(enableSite('https://news.example.com')).rejects.toThrow(
      'Dossier has no permission to run on https://news.example.com.',
    );
    expect(registered).toEqual([]);
  });

  it('registers the content script for that origin only, once', async () => {
    granted.add('https://news.example.com/*');
    const status = await enableSite('https://news.example.com');
    await enableSite('https://news.example.com');
    expect(status).toEqual({
      origin: 'https://news.example.com',
      listed: false,
      enabled: true,
      access: true,
    });
    expect(registered).toHaveLength(1);
    expect(registered[0]?.matches).toEqual(['https://news.example.com/*']);
    expect(registered[0]?.js).toEqual([CONTENT_SCRIPT_FILE]);
  });

  it('stops and gives the permission back when disabled', async () => {
    granted.add('https://news.example.com/*');
    await enableSite('https://news.example.com');
    const status = await disableSite('https://news.example.com');
    expect(status.enabled).toBe(false);
    expect(registered).toEqual([]);
    expect(granted.size).toBe(0);
  });

  it('forgets a site whose permission was revoked in the browser settings', async () => {
    granted.add('https://a.example.com/*');
    granted.add('https://b.example.com/*');
    await enableSite('https://a.example.com');
    await enableSite('https://b.example.com');
    granted.delete('https://a.example.com/*');
    await pruneRevokedSites();
    expect(registered.map((s) => s.matches?.[0])).toEqual(['https://b.example.com/*']);
  });

  it('reports listed policy centres as enabled without any registration', async () => {
    await expect(siteStatus('https://www.chathamhouse.org')).resolves.toEqual({
      origin: 'https://www.chathamhouse.org',
      listed: true,
      enabled: true,
      access: false,
    });
  });
});

describe('host access to the listed policy sites', () => {
  it('reports access to a listed site from its own patterns, as the browser granted them', async () => {
    granted.add('*://chathamhouse.org/*');
    granted.add('*://*.chathamhouse.org/*');
    const status = await siteStatus('https://www.chathamhouse.org');
    expect(status.access).toBe(true);
    granted.delete('*://*.chathamhouse.org/*');
    await expect(siteStatus('https://www.chathamhouse.org')).resolves.toMatchObject({
      listed: true,
      access: false,
    });
  });

  it('is missing until every listed site is granted, and says so per site', async () => {
    await expect(hasPolicySiteAccess()).resolves.toBe(false);
    for (const pattern of POLICY_SITE_MATCHES) granted.add(pattern);
    await expect(hasPolicySiteAccess()).resolves.toBe(true);
    granted.delete('*://*.csis.org/*');
    await expect(hasPolicySiteAccess()).resolves.toBe(false);
  });

  it('opens the welcome page on install in Firefox, and in Chrome only when access is missing', async () => {
    const created: string[] = [];
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async ({ url }) => {
      created.push(url ?? '');
      return {} as never;
    });
    for (const pattern of POLICY_SITE_MATCHES) granted.add(pattern);
    await expect(welcomeOnInstall(false)).resolves.toBe(false);
    await expect(welcomeOnInstall(true)).resolves.toBe(true);
    granted.clear();
    await expect(welcomeOnInstall(false)).resolves.toBe(true);
    expect(created).toHaveLength(2);
    expect(created.every((url) => url.endsWith(WELCOME_PAGE))).toBe(true);
  });

  it('starts Dossier in the open policy tabs once access is given, not elsewhere', async () => {
    expect(grantsPolicySites(['https://news.example.com/*'])).toBe(false);
    expect(grantsPolicySites(['*://*.csis.org/*'])).toBe(true);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 3, url: 'https://www.csis.org/analysis/x' },
      { id: 4, url: 'https://news.example.com/story' },
      { id: 5, url: 'http://www.rand.org/pubs/y' },
    ] as never);
    const injected: number[] = [];
    const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
    scripting.executeScript = vi.fn(async ({ target }: { target: { tabId: number } }) => {
      if (target.tabId === 5) throw new Error('No tab with id: 5');
      injected.push(target.tabId);
      return [];
    });
    await expect(startInOpenPolicyTabs()).resolves.toBe(1);
    expect(injected).toEqual([3]);
  });
});
