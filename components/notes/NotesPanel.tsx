/**
 * The popup's notes: this page's notes in page order, edited in place with autosave, recoloured,
 * deleted with Undo, filtered by tag, searched on this page or all pages; tags renamed or
 * merged everywhere; the orphans the page no longer contains; and the export/import buttons.
 *
 * Everything goes through `NotesApi`, so the panel runs the same against the background and
 * against an in-memory fake in tests. It subscribes to changes for its page and applies them as
 * they come, so a note made or edited in another tab appears at once. It is never blank: it is
 * loading, showing notes, saying there are none yet, or saying calmly what failed.
 */
import type { ComponentChildren } from 'preact';
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'preact/hooks';
import type { Annotation, Colour, NotePatch, TagCount } from '../../lib/annotation';
import { byPageOrder } from '../../lib/annotation/order';
import { compileQuery } from '../../lib/annotation/rules';
import { countNotes, thousands } from '../../lib/format';
import type { NotesApi } from '../../lib/notes/api';
import type { NotesChange } from '../../lib/protocol';
import { type ExportActions, ExportToolbar } from './ExportToolbar';
import { NoteItem } from './NoteItem';
import { SearchBox, type SearchScope } from './SearchBox';
import { SearchResults } from './SearchResults';
import { TagFilter } from './TagFilter';
import { TagManager } from './TagManager';
import { type Notice, UndoToast } from './UndoToast';

export type { ExportActions } from './ExportToolbar';

/** Props of `NotesPanel`. */
export interface NotesPanelProps {
  /** The notes operations (the real one messages the background; tests pass a fake). */
  api: NotesApi;
  /** The current page's normalised URL (lib/url.ts), as the store keys notes. */
  url: string;
  /** When given, the export / import / backup toolbar is shown and calls these. */
  exportActions?: ExportActions;
}

type NotesAction =
  | { type: 'reset' }
  | { type: 'load'; notes: readonly Annotation[] }
  | { type: 'upsert'; annotation: Annotation }
  | { type: 'remove'; id: string };

/** The page's notes by id; null until the first list arrives. */
function notesReducer(
  state: Map<string, Annotation> | null,
  action: NotesAction,
): Map<string, Annotation> | null {
  if (action.type === 'reset') return null;
  if (action.type === 'load') return new Map(action.notes.map((note) => [note.id, note]));
  if (state === null) return state;
  const next = new Map(state);
  if (action.type === 'upsert') next.set(action.annotation.id, action.annotation);
  else if (!next.delete(action.id)) return state;
  return next;
}

type AllPages = Annotation[] | null | 'failed';

/**
 * Rows rendered in the first frame, then this many more per frame: the popup paints its first
 * screen of notes at once even on a page with hundreds, and the rest follow without a freeze.
 */
const ROWS_PER_FRAME = 80;

/** The notes panel for page `url`; the lead mounts it in the popup. */
export function NotesPanel({ api, url, exportActions }: NotesPanelProps) {
  const headingId = useId();
  const tagListId = `${useId()}-tags`;
  const root = useRef<HTMLElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  const [notes, dispatch] = useReducer(notesReducer, null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [orphanIds, setOrphanIds] = useState<ReadonlySet<string>>(() => new Set());
  const [allTags, setAllTags] = useState<TagCount[]>([]);
  const [tagFilter, setTagFilter] = useState('');
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<SearchScope>('page');
  const [allPages, setAllPages] = useState<AllPages>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const focusAfter = useRef<{ undo: boolean } | { note: string } | null>(null);

  // --- loading and live changes -------------------------------------------------------------

  /** Changes that arrive while a list is in flight are applied on top of it, not lost. */
  const listing = useRef(true);
  const queued = useRef<NotesChange[]>([]);
  const listSeq = useRef(0);
  const tagsTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const apply = useCallback(
    (change: Exclude<NotesChange, { kind: 'reload' }>) => {
      if (change.kind === 'upsert' && change.annotation.page.url === url) {
        dispatch({ type: 'upsert', annotation: change.annotation });
      } else {
        dispatch({
          type: 'remove',
          id: change.kind === 'delete' ? change.id : change.annotation.id,
        });
      }
      setAllPages((results) => {
        if (!Array.isArray(results)) return results;
        if (change.kind === 'delete') return results.filter((n) => n.id !== change.id);
        return results.map((n) => (n.id === change.annotation.id ? change.annotation : n));
      });
    },
    [url],
  );

  const loadTags = useCallback(async () => {
    const reply = await api.tags();
    if (reply.ok) setAllTags(reply.value);
    else setError(`The list of tags could not be loaded: ${reply.error}`);
  }, [api]);

  /** Tags change with edits anywhere; refresh them once things settle, not per change. */
  const refreshTagsSoon = useCallback(() => {
    if (tagsTimer.current !== null) clearTimeout(tagsTimer.current);
    tagsTimer.current = setTimeout(() => {
      tagsTimer.current = null;
      void loadTags();
    }, 300);
  }, [loadTags]);

  const loadOrphans = useCallback(async () => {
    const reply = await api.orphans();
    if (reply.ok) setOrphanIds(new Set(reply.value));
    else setError(`Could not ask the page which notes it no longer contains: ${reply.error}`);
  }, [api]);

  const loadNotes = useCallback(async () => {
    const seq = ++listSeq.current;
    listing.current = true;
    const reply = await api.list(url);
    if (seq !== listSeq.current) return;
    listing.current = false;
    if (!reply.ok) {
      setLoadFailed(true);
      setError(`The notes for this page could not be loaded: ${reply.error}`);
      return;
    }
    setLoadFailed(false);
    dispatch({ type: 'load', notes: reply.value });
    for (const change of queued.current.splice(0)) {
      if (change.kind !== 'reload') apply(change);
    }
  }, [api, url, apply]);

  const reload = useCallback(() => {
    void loadNotes();
    void loadOrphans();
  }, [loadNotes, loadOrphans]);

  useEffect(() => {
    queued.current = [];
    dispatch({ type: 'reset' });
    const unsubscribe = api.subscribe(url, (change) => {
      if (change.kind === 'reload') {
        reload();
      } else if (listing.current) {
        queued.current.push(change);
      } else {
        apply(change);
      }
      refreshTagsSoon();
    });
    // The page's notes first: the tag list (autocomplete, filters) reads every tag in the store
    // and must not hold up the first paint of a popup with thousands of notes stored.
    void loadNotes().then(() => loadTags());
    void loadOrphans();
    return () => {
      listSeq.current++;
      unsubscribe();
      if (tagsTimer.current !== null) clearTimeout(tagsTimer.current);
    };
  }, [api, url, apply, reload, loadNotes, loadOrphans, loadTags, refreshTagsSoon]);

  // --- actions on notes (stable, so memoised rows do not re-render) -------------------------

  const onReveal = useCallback(
    async (id: string) => {
      const reply = await api.reveal(id);
      if (!reply.ok) setError(`Could not show that note on the page: ${reply.error}`);
      else if (!reply.value.found) setNotice({ text: 'That passage is not on the page any more.' });
    },
    [api],
  );

  const onEdit = useCallback((id: string) => setEditingId(id), []);

  const onDone = useCallback((id: string) => {
    setEditingId((current) => (current === id ? null : current));
    focusAfter.current = { note: id };
  }, []);

  const onSave = useCallback(
    async (id: string, patch: NotePatch) => {
      const reply = await api.update(id, patch);
      if (reply.ok) {
        dispatch({ type: 'upsert', annotation: reply.value });
        if (patch.tags) refreshTagsSoon();
      }
      return reply;
    },
    [api, refreshTagsSoon],
  );

  const onRecolour = useCallback(
    async (id: string, colour: Colour) => {
      const reply = await api.update(id, { colour });
      if (reply.ok) dispatch({ type: 'upsert', annotation: reply.value });
      else setError(`The colour was not changed: ${reply.error}`);
    },
    [api],
  );

  const onDelete = useCallback(
    async (id: string) => {
      const reply = await api.remove(id);
      if (!reply.ok) {
        setError(`The note was not deleted: ${reply.error}`);
        return;
      }
      dispatch({ type: 'remove', id });
      setEditingId((current) => (current === id ? null : current));
      focusAfter.current = { undo: true };
      setNotice({ text: 'Note deleted.', undoId: id });
      refreshTagsSoon();
    },
    [api, refreshTagsSoon],
  );

  const onUndo = useCallback(
    async (id: string) => {
      const reply = await api.undo(id);
      if (!reply.ok) {
        setError(`The note could not be brought back: ${reply.error}`);
        return;
      }
      if (reply.value.page.url === url) dispatch({ type: 'upsert', annotation: reply.value });
      focusAfter.current = { note: id };
      setNotice({ text: 'Note restored.' });
      refreshTagsSoon();
    },
    [api, url, refreshTagsSoon],
  );

  const onTagsChanged = useCallback(
    (message: string) => {
      setNotice({ text: message });
      void loadTags();
      void loadNotes();
    },
    [loadTags, loadNotes],
  );

  // Focus follows the reader's action: to Undo after a delete, back to the note after Undo/Done.
  // Kept pending until the element exists (a save can re-render before the editor closes).
  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    if ('undo' in target) {
      if (!undoButton.current) return;
      focusAfter.current = null;
      undoButton.current.focus();
      return;
    }
    const rows = root.current?.querySelectorAll<HTMLElement>('[data-note-id]') ?? [];
    const row = [...rows].find((r) => r.dataset.noteId === target.note);
    if (!row) return;
    const edit = [...row.querySelectorAll('button')].find((b) => b.textContent === 'Edit');
    if (!edit) return;
    focusAfter.current = null;
    edit.focus();
  });

  // --- searching all pages -------------------------------------------------------------------

  const searchingAll = scope === 'all' && query.trim() !== '';
  useEffect(() => {
    if (!searchingAll) return;
    let current = true;
    setAllPages(null);
    api.search(query).then((reply) => {
      if (!current) return;
      if (reply.ok) setAllPages(reply.value);
      else {
        setAllPages('failed');
        setError(`The search did not finish: ${reply.error}`);
      }
    });
    return () => {
      current = false;
    };
  }, [api, query, searchingAll]);

  // --- what to show --------------------------------------------------------------------------

  const sorted = useMemo(() => (notes ? [...notes.values()].sort(byPageOrder) : []), [notes]);

  const pageTags = useMemo(() => {
    const counts = new Map<string, number>();
    for (const note of sorted) {
      for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return [...counts]
      .map(([tag, count]) => ({ tag, count }))
      .sort((a, b) => a.tag.localeCompare(b.tag));
  }, [sorted]);

  const { placed, orphans } = useMemo(() => {
    const match = scope === 'page' ? compileQuery(query) : null;
    const placed: Annotation[] = [];
    const orphans: Annotation[] = [];
    for (const note of sorted) {
      if (orphanIds.has(note.id)) {
        orphans.push(note);
        continue;
      }
      // The note being edited stays in view even if the edit makes it stop matching.
      const shown =
        note.id === editingId ||
        ((!tagFilter || note.tags.includes(tagFilter)) && (!match || match(note)));
      if (shown) placed.push(note);
    }
    return { placed, orphans };
  }, [sorted, orphanIds, tagFilter, query, scope, editingId]);

  const [rowLimit, setRowLimit] = useState(ROWS_PER_FRAME);
  useEffect(() => {
    if (rowLimit >= placed.length) return;
    const timer = setTimeout(() => setRowLimit((limit) => limit + ROWS_PER_FRAME), 16);
    return () => clearTimeout(timer);
  }, [rowLimit, placed.length]);
  const rowsNow = placed.length > rowLimit ? placed.slice(0, rowLimit) : placed;

  const datalist = useMemo(
    () => (
      <datalist id={tagListId}>
        {allTags.map((t) => (
          <option key={t.tag} value={t.tag} />
        ))}
      </datalist>
    ),
    [allTags, tagListId],
  );

  const rowProps = {
    tagListId,
    onReveal,
    onEdit,
    onDone,
    onDelete,
    onRecolour,
    onSave,
  };

  const filtering = tagFilter !== '' || (scope === 'page' && query.trim() !== '');

  let body: ComponentChildren;
  if (notes === null) {
    body = loadFailed ? (
      <p class="notes-muted">
        The notes could not be shown.{' '}
        <button type="button" class="notes-small" onClick={reload}>
          Try again
        </button>
      </p>
    ) : (
      <p class="notes-muted">Loading notes…</p>
    );
  } else if (notes.size === 0) {
    body = <p class="notes-empty">Select text on the page to highlight it or add a note.</p>;
  } else {
    body = (
      <>
        {placed.length > 0 ? (
          <ul class="notes-list" aria-label="Notes on this page">
            {rowsNow.map((note) => (
              <NoteItem
                key={note.id}
                annotation={note}
                editing={note.id === editingId}
                {...rowProps}
              />
            ))}
          </ul>
        ) : (
          <p class="notes-muted">
            {filtering
              ? 'No notes on this page match.'
              : 'Every note on this page is listed under Orphans below.'}
          </p>
        )}
        {filtering && placed.length > 0 && (
          <p class="notes-muted notes-count">
            Showing {countNotes(placed.length)} of {countNotes(notes.size - orphans.length)}.
          </p>
        )}
        {orphans.length > 0 && (
          <section class="notes-orphans" aria-labelledby={`${headingId}-orphans`}>
            <h3 id={`${headingId}-orphans`} class="notes-subheading">
              Orphans ({orphans.length})
            </h3>
            <p class="notes-muted">
              Not found on this version of the page. They are kept: edit them, or delete the ones
              you no longer need.
            </p>
            <ul class="notes-list" aria-label="Notes not found on this version of the page">
              {orphans.map((note) => (
                <NoteItem
                  key={note.id}
                  annotation={note}
                  editing={note.id === editingId}
                  orphan
                  {...rowProps}
                />
              ))}
            </ul>
          </section>
        )}
      </>
    );
  }

  return (
    <section class="notes-panel" aria-labelledby={headingId} ref={root}>
      <h2 id={headingId} class="notes-heading">
        Notes{notes && notes.size > 0 ? ` (${thousands(notes.size)})` : ''}
      </h2>
      {exportActions && <ExportToolbar actions={exportActions} tags={allTags} onError={setError} />}
      {error && (
        <div class="notes-alert" role="alert">
          <span>{error}</span>{' '}
          <button
            type="button"
            class="notes-small notes-link-button"
            onClick={() => setError(null)}
          >
            Dismiss
          </button>
        </div>
      )}
      <SearchBox scope={scope} onScope={setScope} onQuery={setQuery} />
      {searchingAll ? (
        allPages === 'failed' ? (
          <p class="notes-muted">The search did not finish.</p>
        ) : (
          <SearchResults
            key={query}
            query={query}
            results={allPages}
            url={url}
            onReveal={onReveal}
          />
        )
      ) : (
        <>
          {scope === 'all' && <p class="notes-muted">Type to search the notes on every page.</p>}
          {notes && notes.size > 0 && (
            <TagFilter tags={pageTags} value={tagFilter} onChange={setTagFilter} />
          )}
          {body}
        </>
      )}
      <TagManager
        api={api}
        tags={allTags}
        tagListId={tagListId}
        onChanged={onTagsChanged}
        onError={setError}
      />
      {datalist}
      <UndoToast
        notice={notice}
        onUndo={onUndo}
        onDismiss={() => setNotice(null)}
        undoRef={undoButton}
      />
    </section>
  );
}
