/**
 * Sync in the background (lib/platform/sync.ts): settings in `storage.local` only, the password
 * never given back to a view, no sync without host access, and the alarm that resumes it.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SYNC_ALARM, startSync } from '../../../lib/platform/sync';

const request = {
  server: 'https://couch.example.org',
  user: 'alice',
  password: 'secret',
  teams: [{ database: 'dossier-team-research', tag: 'energy' }],
};

describe('the background sync service', () => {
  it('refuses to sync with a server Dossier may not reach, and stores nothing', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => false) as never);
    const sync = startSync(async () => null);
    await expect(sync.configure(request)).rejects.toThrow('couch.example.org');
    expect(await fakeBrowser.storage.local.get('sync')).toEqual({});
  });

  it('keeps the settings in storage.local and never hands the password back', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => true) as never);
    const sync = startSync(async () => null);
    const status = await sync.configure(request);
    expect(status.settings).toEqual({
      server: 'https://couch.example.org',
      user: 'alice',
      database: 'userdb-616c696365',
      teams: request.teams,
    });
    expect(JSON.stringify(status)).not.toContain('secret');
    expect((await fakeBrowser.storage.local.get('sync')).sync).toMatchObject({
      password: 'secret',
    });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    // Saving again without a password keeps the stored one.
    await sync.configure({ ...request, password: undefined });
    expect((await fakeBrowser.storage.local.get('sync')).sync).toMatchObject({
      password: 'secret',
    });
  });

  it('forgets the settings and the password when turned off', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => true) as never);
    const sync = startSync(async () => null);
    await sync.configure(request);
    const status = await sync.off();
    expect(status).toEqual({ state: { kind: 'off' }, settings: null });
    expect(await fakeBrowser.storage.local.get('sync')).toEqual({});
  });

  it('sets the alarm that resumes sync after the worker stops', async () => {
    startSync(async () => null);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(SYNC_ALARM)).toBeTruthy());
  });
});
