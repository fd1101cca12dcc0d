/**
 * The sync settings (issue 14), in the side panel: server, user name, password, the team
 * databases and what goes to each (one tag, or all notes), "Sync now", and the state in words
 * with the last sync time in a `status` element that screen readers announce. The password is
 * never shown back: the background keeps it in `storage.local` and says only whether one is set.
 * When another user synced this profile before, the background applies nothing until the
 * reader answers whether that user's notes go to the new account; keeping them local is the
 * first choice offered.
 */
import { useEffect, useState } from 'preact/hooks';
import { normaliseTag } from '../../lib/annotation/rules';
import type { RequestOf, SyncStatus } from '../../lib/protocol';
import type { SyncApi } from '../../lib/sync/api';
import { describeState } from '../../lib/sync/state';
import { askSwitch, type SwitchQuestion } from '../../lib/sync/switch';

/** Props: the browser behind the settings, and how often to look at the state again. */
export interface SyncSettingsProps {
  api: SyncApi;
  refreshMs?: number;
}

interface TeamRow {
  database: string;
  tag: string;
  all: boolean;
}

const timeFormat = (ms: number) =>
  new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** The sync region. */
export function SyncSettings({ api, refreshMs = 2_000 }: SyncSettingsProps) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [server, setServer] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [teams, setTeams] = useState<TeamRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{
    settings: RequestOf<'sync/configure'>;
    question: SwitchQuestion;
  } | null>(null);

  useEffect(() => {
    let first = true;
    const load = () =>
      api.status().then(
        (s) => {
          setStatus(s);
          if (first && s.settings) {
            setServer(s.settings.server);
            setUser(s.settings.user);
            setTeams(
              s.settings.teams.map((t) => ({
                database: t.database,
                tag: t.tag ?? '',
                all: t.tag === null,
              })),
            );
          }
          first = false;
        },
        (e: unknown) => setError(`Dossier could not read the sync state: ${text(e)}`),
      );
    void load();
    const timer = setInterval(load, refreshMs);
    return () => clearInterval(timer);
  }, [api, refreshMs]);

  const act = async (work: () => Promise<SyncStatus>) => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await work());
    } catch (e) {
      setError(text(e));
    } finally {
      setBusy(false);
    }
  };

  const save = (event: Event) => {
    event.preventDefault();
    const problem = checkServer(server);
    if (problem) return setError(problem);
    if (!user.trim()) return setError('Give your user name on the server.');
    const named = teams.filter((t) => t.database.trim());
    // A row left without its tag would share every note: "All my notes" must be ticked for it.
    const untagged = named.find((t) => !t.all && !normaliseTag(t.tag));
    if (untagged) {
      return setError(
        `Give the tag of the notes to share with ${untagged.database.trim()}, or tick "All my notes".`,
      );
    }
    const settings: RequestOf<'sync/configure'> = {
      server: server.trim(),
      user: user.trim(),
      ...(password ? { password } : {}),
      teams: named.map((t) => ({
        database: t.database.trim(),
        tag: t.all ? null : normaliseTag(t.tag),
      })),
    };
    setPending(null);
    void act(async () => {
      const next = await api.save(settings);
      // Another user synced this profile: nothing was applied until the reader answers.
      if (next.question) setPending({ settings, question: next.question });
      return next;
    }).then(() => setPassword(''));
  };

  /** The reader's answer to the switch question: the same settings, with their choice. */
  const answer = (previousNotes: 'send' | 'local') => {
    if (!pending) return;
    const { settings } = pending;
    setPending(null);
    void act(() => api.save({ ...settings, previousNotes }));
  };

  const setTeam = (index: number, change: Partial<TeamRow>) =>
    setTeams(teams.map((t, i) => (i === index ? { ...t, ...change } : t)));

  const on = status?.settings != null;
  return (
    <section aria-label="Sync" class="sync-settings">
      <h2>Sync</h2>
      <p class="hint">
        Your notes on every device, through your own CouchDB server. The password stays in this
        browser profile.
      </p>
      <form onSubmit={save}>
        <label>
          Server
          <input
            type="url"
            value={server}
            placeholder="https://couch.example.org"
            onInput={(e) => setServer((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          User name
          <input
            type="text"
            autocomplete="username"
            value={user}
            onInput={(e) => setUser((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autocomplete="current-password"
            value={password}
            placeholder={on ? 'unchanged' : ''}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </label>
        <fieldset>
          <legend>Teams</legend>
          {teams.map((team, i) => (
            <div class="sync-team" key={i}>
              <label>
                Team database
                <input
                  type="text"
                  value={team.database}
                  placeholder="dossier-team-research"
                  onInput={(e) => setTeam(i, { database: (e.target as HTMLInputElement).value })}
                />
              </label>
              <label>
                <input
                  type="checkbox"
                  checked={team.all}
                  onChange={(e) => setTeam(i, { all: (e.target as HTMLInputElement).checked })}
                />
                All my notes
              </label>
              {!team.all && (
                <label>
                  Notes tagged
                  <input
                    type="text"
                    value={team.tag}
                    onInput={(e) => setTeam(i, { tag: (e.target as HTMLInputElement).value })}
                  />
                </label>
              )}
              <button type="button" onClick={() => setTeams(teams.filter((_, j) => j !== i))}>
                Remove team {team.database || i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            onClick={() => setTeams([...teams, { database: '', tag: '', all: false }])}
          >
            Add a team
          </button>
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Save and sync
          </button>
          <button type="button" disabled={busy || !on} onClick={() => void act(api.now)}>
            Sync now
          </button>
          <button type="button" disabled={busy || !on} onClick={() => void act(api.off)}>
            Turn sync off
          </button>
        </div>
      </form>
      {pending && (
        <fieldset class="sync-switch">
          <legend>Notes synced as another user</legend>
          <p>{askSwitch(pending.question)}</p>
          <p class="hint">Until you choose, nothing is sent and sync stays as it was.</p>
          <button type="button" onClick={() => answer('local')}>
            Keep them local only
          </button>
          <button type="button" onClick={() => answer('send')}>
            Send them to {pending.question.next}'s account too
          </button>
        </fieldset>
      )}
      <p role="status" class="sync-state">
        {status ? describeState(status.state, timeFormat) : 'Reading the sync state…'}
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}

/** Null when `server` is a usable address, else what is wrong with it. */
function checkServer(server: string): string | null {
  try {
    const url = new URL(server.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return 'The server address starts with https:// (or http://).';
    }
    if (url.username || url.password) {
      return 'Leave the password out of the address: there is a field for it.';
    }
    return null;
  } catch {
    return 'Give the server address, such as https://couch.example.org.';
  }
}

function text(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
