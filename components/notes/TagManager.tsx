/**
 * "Manage tags": rename a tag everywhere, or merge several tags into one. Both rewrite notes on
 * every page and cannot be undone, so both ask first when they would fold tags together
 * (a merge always; a rename when the new name already exists). Validation is said next to the
 * field; failures from the store go to the panel's alert.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { TagCount } from '../../lib/annotation';
import { normaliseTag } from '../../lib/annotation/rules';
import { countNotes } from '../../lib/format';
import type { NotesApi } from '../../lib/notes/api';

/** Props of `TagManager`. */
export interface TagManagerProps {
  api: Pick<NotesApi, 'call'>;
  /** Every tag in use, with counts. */
  tags: readonly TagCount[];
  /** Id of the shared `<datalist>` of known tags. */
  tagListId: string;
  /** A rename or merge was written; `message` says what changed. */
  onChanged: (message: string) => void;
  onError: (message: string) => void;
}

type Confirm =
  | { kind: 'rename'; from: string; to: string; notes: number }
  | { kind: 'merge'; sources: string[]; into: string; notes: number };

const quoted = (tags: readonly string[]) => tags.map((t) => `“${t}”`).join(', ');

/** A collapsed section behind a "Manage tags" button. */
export function TagManager({ api, tags, tagListId, onChanged, onError }: TagManagerProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sources, setSources] = useState<string[]>([]);
  const [into, setInto] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);

  // A question the reader must answer gets the focus, so keyboard users land on it.
  useEffect(() => {
    if (confirm) confirmButton.current?.focus();
  }, [confirm]);

  const renameFrom = from || tags[0]?.tag || '';
  const countOf = (tag: string) => tags.find((t) => t.tag === tag)?.count ?? 0;
  const existing = (name: string) =>
    tags.find((t) => t.tag.toLowerCase() === name.toLowerCase())?.tag;

  const run = async (action: Confirm) => {
    setBusy(true);
    setConfirm(null);
    const reply =
      action.kind === 'rename'
        ? await api.call('tags/rename', { from: action.from, to: action.to })
        : await api.call('tags/merge', { sources: action.sources, into: action.into });
    setBusy(false);
    if (!reply.ok) {
      onError(
        `${action.kind === 'rename' ? 'The tag was not renamed' : 'The tags were not merged'}: ${reply.error}`,
      );
      return;
    }
    const changed = countNotes(reply.value.changed);
    if (action.kind === 'rename') {
      setTo('');
      setFrom('');
      onChanged(`Renamed “${action.from}” to “${action.to}” on ${changed}.`);
    } else {
      setSources([]);
      setInto('');
      onChanged(`Merged ${quoted(action.sources)} into “${action.into}” on ${changed}.`);
    }
  };

  const submitRename = (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const name = normaliseTag(to);
    if (!renameFrom) return setProblem('There are no tags to rename yet.');
    if (!name) return setProblem('Type the new name of the tag.');
    if (name === renameFrom) return setProblem('The new name is the same as the old one.');
    const clash = existing(name);
    const action: Confirm = { kind: 'rename', from: renameFrom, to: name, notes: 0 };
    if (clash && clash.toLowerCase() !== renameFrom.toLowerCase()) {
      setConfirm({ ...action, to: clash, notes: countOf(renameFrom) });
    } else {
      void run(action);
    }
  };

  const submitMerge = (event: Event) => {
    event.preventDefault();
    setProblem(null);
    const target = normaliseTag(into);
    if (sources.length === 0) return setProblem('Choose the tags to merge.');
    if (!target) return setProblem('Type or choose the tag to merge them into.');
    // The spelling the reader typed, when it is one of the tags picked ("Energy" and "energy"
    // into "energy"); else an existing tag's, so that no near-twin is made.
    const mergeInto = sources.includes(target) ? target : (existing(target) ?? target);
    const moving = sources.filter((tag) => tag !== mergeInto);
    if (moving.length === 0) return setProblem('Choose at least one tag other than the target.');
    const notes = moving.reduce((sum, tag) => sum + countOf(tag), 0);
    setConfirm({ kind: 'merge', sources: moving, into: mergeInto, notes });
  };

  const toggleSource = (tag: string, on: boolean) => {
    setSources(on ? [...sources, tag] : sources.filter((t) => t !== tag));
  };

  return (
    <section class="notes-manage" aria-label="Manage tags">
      <button
        type="button"
        class="notes-link-button"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => setOpen(!open)}
      >
        Manage tags
      </button>
      {open && (
        <div id={`${id}-body`} class="notes-manage-body">
          {tags.length === 0 ? (
            <p class="notes-muted">No tags yet.</p>
          ) : (
            <>
              <form class="notes-inline-form" aria-label="Rename a tag" onSubmit={submitRename}>
                <label for={`${id}-from`}>Tag to rename</label>
                <select
                  id={`${id}-from`}
                  class="notes-select"
                  value={renameFrom}
                  onChange={(event) => setFrom(event.currentTarget.value)}
                >
                  {tags.map((t) => (
                    <option key={t.tag} value={t.tag}>
                      {t.tag} ({t.count})
                    </option>
                  ))}
                </select>
                <label for={`${id}-to`}>New name</label>
                <input
                  id={`${id}-to`}
                  class="notes-input"
                  type="text"
                  autocomplete="off"
                  value={to}
                  onInput={(event) => setTo(event.currentTarget.value)}
                />
                <button type="submit" disabled={busy}>
                  Rename
                </button>
              </form>
              <form class="notes-inline-form" aria-label="Merge tags" onSubmit={submitMerge}>
                <fieldset class="notes-merge-sources">
                  <legend>Tags to merge</legend>
                  {tags.map((t) => (
                    <label key={t.tag} class="notes-check">
                      <input
                        type="checkbox"
                        checked={sources.includes(t.tag)}
                        onChange={(event) => toggleSource(t.tag, event.currentTarget.checked)}
                      />
                      <span>
                        {t.tag} ({t.count})
                      </span>
                    </label>
                  ))}
                </fieldset>
                <label for={`${id}-into`}>Merge into</label>
                <input
                  id={`${id}-into`}
                  class="notes-input"
                  type="text"
                  list={tagListId}
                  autocomplete="off"
                  value={into}
                  onInput={(event) => setInto(event.currentTarget.value)}
                />
                <button type="submit" disabled={busy}>
                  Merge…
                </button>
              </form>
            </>
          )}
          {problem && (
            <p class="notes-error" role="alert">
              {problem}
            </p>
          )}
          {confirm && (
            <section class="notes-confirm" aria-label="Confirm">
              <p>
                {confirm.kind === 'rename'
                  ? `“${confirm.to}” already exists. Renaming “${confirm.from}” merges it into “${confirm.to}” on every page (up to ${countNotes(confirm.notes)}). This cannot be undone.`
                  : `Replace ${quoted(confirm.sources)} with “${confirm.into}” on every page (up to ${countNotes(confirm.notes)})? This cannot be undone.`}
              </p>
              <div class="notes-actions">
                <button
                  type="button"
                  ref={confirmButton}
                  disabled={busy}
                  onClick={() => void run(confirm)}
                >
                  {confirm.kind === 'rename' ? 'Rename and merge' : 'Merge'}
                </button>
                <button type="button" class="notes-link-button" onClick={() => setConfirm(null)}>
                  Cancel
                </button>
              </div>
            </section>
          )}
        </div>
      )}
    </section>
  );
}
