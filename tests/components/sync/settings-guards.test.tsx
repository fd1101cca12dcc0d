/**
 * Sync: the sync settings' team rows, and the state the background shows after a restart.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SyncSettings } from '../../../components/sync/SyncSettings';
import { startSync } from '../../../lib/platform/sync';
import type { SyncStatus } from '../../../lib/protocol';
import type { SyncApi } from '../../../lib/sync/api';
import type { Database } from '../../../lib/sync/replicator';

const off: SyncStatus = { state: { kind: 'off' }, settings: null };
const type = (name: string, value: string) =>
  fireEvent.input(screen.getByLabelText(name), { target: { value } });

describe('a team row without a tag', () => {
  it('does not share every note with a team when "All my notes" is left unticked', async () => {
    const save = vi.fn<SyncApi['save']>(async (s) => ({
      state: { kind: 'up-to-date', lastSync: 1 },
      settings: { server: s.server, user: s.user, database: 'userdb-61', teams: s.teams },
    }));
    const api: SyncApi = {
      status: async () => off,
      save,
      off: async () => off,
      now: async () => off,
    };
    render(<SyncSettings api={api} />);
    type('Server', 'https://couch.example.org');
    type('User name', 'alice');
    fireEvent.click(screen.getByRole('button', { name: 'Add a team' }));
    type('Team database', 'dossier-team-research');
    // The reader leaves "All my notes" unticked and has not typed the tag yet.
    expect(
      (screen.getByRole('checkbox', { name: 'All my notes' }) as HTMLInputElement).checked,
    ).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    await new Promise((r) => setTimeout(r, 50));
    // Nothing is saved: the tag is asked for.
    expect(save).not.toHaveBeenCalled();
    expect(
      screen.getByText(
        'Give the tag of the notes to share with dossier-team-research, or tick "All my notes".',
      ),
    ).toBeTruthy();
    // A tag typed as the reader types tags elsewhere ("#Energy ") is the tag "Energy".
    type('Notes tagged', ' #Energy ');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(save.mock.calls[0]?.[0].teams).toEqual([
      { database: 'dossier-team-research', tag: 'Energy' },
    ]);
  });
});

describe('the state after the worker restarts', () => {
  it('does not say "up to date" when sync cannot run (no host access any more)', async () => {
    await fakeBrowser.storage.local.set({
      sync: {
        server: 'https://couch.example.org',
        user: 'alice',
        password: 'secret',
        database: 'userdb-616c696365',
        teams: [],
      },
      // The last state the previous worker saved: the server was down.
      syncState: {
        kind: 'offline',
        lastSync: 1_700_000_000_000,
        message: 'The server cannot be reached.',
      },
    });
    // The reader withdrew Dossier's access to the server's host (browser's site access).
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => false) as never);
    const sync = startSync(async () => ({}) as Database);
    const status = await sync.status();
    // Nothing will sync: no cycle runs, ever, until the settings are saved again.
    expect(status.state).toEqual({
      kind: 'refused',
      lastSync: 1_700_000_000_000,
      message:
        'Dossier may no longer reach https://couch.example.org: save the sync settings to allow it again.',
    });
  });
});
