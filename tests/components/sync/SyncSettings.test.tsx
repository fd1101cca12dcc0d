/**
 * The sync settings: every control found by its name, what is sent to the background, the state
 * in words, and a clear message for a bad address or a refusal.
 */
import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { SyncSettings } from '../../../components/sync/SyncSettings';
import type { SyncStatus } from '../../../lib/protocol';
import type { SyncApi } from '../../../lib/sync/api';

const off: SyncStatus = { state: { kind: 'off' }, settings: null };

function fakeApi(overrides: Partial<SyncApi> = {}): SyncApi {
  return {
    status: async () => off,
    save: async (s) => ({
      state: { kind: 'up-to-date', lastSync: Date.UTC(2026, 0, 2, 3, 4, 5) },
      settings: { server: s.server, user: s.user, database: 'userdb-61', teams: s.teams },
    }),
    off: async () => off,
    now: async () => off,
    ...overrides,
  };
}

const type = (name: string, value: string) =>
  fireEvent.input(screen.getByLabelText(name), { target: { value } });

describe('the sync settings', () => {
  it('sits in a region named Sync with named fields and says sync is off', async () => {
    render(<SyncSettings api={fakeApi()} />);
    const region = screen.getByRole('region', { name: 'Sync' });
    expect(within(region).getByRole('textbox', { name: 'Server' })).toBeTruthy();
    expect(within(region).getByRole('textbox', { name: 'User name' })).toBeTruthy();
    expect(within(region).getByLabelText('Password')).toBeTruthy();
    expect(within(region).getByRole('button', { name: 'Sync now' })).toBeTruthy();
    expect((await screen.findByText('Sync is off.')).getAttribute('role')).toBe('status');
  });

  it('saves the server, user, password and a team tag, then shows the state and time', async () => {
    const save = vi.fn(fakeApi().save);
    render(<SyncSettings api={fakeApi({ save })} />);
    type('Server', 'http://127.0.0.1:5984');
    type('User name', 'alice');
    type('Password', 'secret');
    fireEvent.click(screen.getByRole('button', { name: 'Add a team' }));
    type('Team database', 'dossier-team-research');
    type('Notes tagged', 'energy');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(/^Up to date\. Last sync: .*2026/),
    );
    expect(save).toHaveBeenCalledWith({
      server: 'http://127.0.0.1:5984',
      user: 'alice',
      password: 'secret',
      teams: [{ database: 'dossier-team-research', tag: 'energy' }],
    });
    // The password is not kept on screen.
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('sends "all my notes" as a team without a tag', async () => {
    const save = vi.fn(fakeApi().save);
    render(<SyncSettings api={fakeApi({ save })} />);
    type('Server', 'https://couch.example.org');
    type('User name', 'bob');
    fireEvent.click(screen.getByRole('button', { name: 'Add a team' }));
    type('Team database', 'dossier-team-x');
    fireEvent.click(screen.getByRole('checkbox', { name: 'All my notes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    await vi.waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.calls[0]?.[0].teams).toEqual([{ database: 'dossier-team-x', tag: null }]);
    expect(save.mock.calls[0]?.[0]).not.toHaveProperty('password');
  });

  it('refuses an address with a password in it before asking the browser', async () => {
    const save = vi.fn(fakeApi().save);
    render(<SyncSettings api={fakeApi({ save })} />);
    type('Server', 'https://al:pw@couch.example.org');
    type('User name', 'al');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Leave the password out');
    expect(save).not.toHaveBeenCalled();
  });

  it('shows a refusal in words', async () => {
    const refused: SyncStatus = {
      state: {
        kind: 'refused',
        lastSync: null,
        message: 'The server refused the user name or password.',
      },
      settings: {
        server: 'http://127.0.0.1:5984',
        user: 'alice',
        database: 'userdb-61',
        teams: [],
      },
    };
    const now = vi.fn(async () => refused);
    render(<SyncSettings api={fakeApi({ status: async () => refused, now })} />);
    await vi.waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Refused: wrong user name or password. The server refused the user name or password.',
      ),
    );
    expect((screen.getByRole('textbox', { name: 'Server' }) as HTMLInputElement).value).toBe(
      'http://127.0.0.1:5984',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await vi.waitFor(() => expect(now).toHaveBeenCalledTimes(1));
  });

  it('says why saving failed (host access declined)', async () => {
    render(
      <SyncSettings
        api={fakeApi({
          save: async () => {
            throw new Error('Sync needs access to the server.');
          },
        })}
      />,
    );
    type('Server', 'https://couch.example.org');
    type('User name', 'al');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Sync needs access to the server.');
  });

  it('asks before sending notes synced as another user, and sends them only when told to', async () => {
    const save = vi.fn(async (s: Parameters<SyncApi['save']>[0]): Promise<SyncStatus> => {
      if (s.previousNotes === undefined) {
        return { ...off, question: { previous: 'alice', next: 'carol', notes: 12 } };
      }
      return fakeApi().save(s);
    });
    render(<SyncSettings api={fakeApi({ save })} />);
    type('Server', 'https://couch.example.org');
    type('User name', 'carol');
    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    const group = await screen.findByRole('group', { name: 'Notes synced as another user' });
    expect(group.textContent).toContain(
      "These 12 notes were synced as alice. Send them to carol's account too, or keep them local only?",
    );
    const buttons = within(group).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Keep them local only',
      "Send them to carol's account too",
    ]);
    fireEvent.click(within(group).getByRole('button', { name: 'Keep them local only' }));
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(2));
    expect(save.mock.calls[1]?.[0]).toMatchObject({ user: 'carol', previousNotes: 'local' });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Up to date/));
    expect(screen.queryByRole('group', { name: /another user/ })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Save and sync' }));
    fireEvent.click(
      within(await screen.findByRole('group', { name: /another user/ })).getByRole('button', {
        name: "Send them to carol's account too",
      }),
    );
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(4));
    expect(save.mock.calls[3]?.[0]).toMatchObject({ user: 'carol', previousNotes: 'send' });
  });
});
