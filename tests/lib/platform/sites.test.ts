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
  pruneRevokedSites,
  siteStatus,
} from '../../../lib/platform/sites';

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
    expect(status).toEqual({ origin: 'https://news.example.com', listed: false, enabled: true });
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
    });
  });
});
