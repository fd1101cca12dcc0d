/**
 * The notes panel's state, kept out of the view: the live cache of a page's notes (listed
 * once, then kept current by the change feed, with changes that arrive during a list applied on
 * top of it), the tag counts (refreshed once edits settle, not per change), the orphans the page
 * reports, the search across all pages, where focus goes after an action, and the batched
 * rendering of long lists. The view (NotesPanel.tsx) renders what these return.
 */
import type { RefObject } from 'preact';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
} from 'preact/hooks';
import type { Annotation, TagCount } from '../../lib/annotation';
import type { NotesApi } from '../../lib/notes/api';
import type { NotesChange } from '../../lib/protocol';

/** A change to the cached notes. */
export type NotesAction =
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

/** A page's notes, kept current, with the tags and orphans around them. */
export interface PageNotes {
  /** The page's notes by id; null until the first list arrives. */
  notes: Map<string, Annotation> | null;
  dispatch(action: NotesAction): void;
  loadFailed: boolean;
  /** The last failure, in words for the reader (null: none shown). */
  error: string | null;
  setError(error: string | null): void;
  orphanIds: ReadonlySet<string>;
  allTags: TagCount[];
  loadTags(): Promise<void>;
  loadNotes(): Promise<void>;
  /** Lists the notes and the orphans again. */
  reload(): void;
  /** Asks for the tag counts once edits settle. */
  refreshTagsSoon(): void;
  /** Results of the all-pages search, kept current by the same change feed. */
  setAllPages(update: (results: AllPages) => AllPages): void;
  allPages: AllPages;
}

/** The all-pages search results: null while searching, 'failed' when it did not finish. */
export type AllPages = Annotation[] | null | 'failed';

/** The live notes of page `url`, through `api`. */
export function usePageNotes(api: NotesApi, url: string): PageNotes {
  const [notes, dispatch] = useReducer(notesReducer, null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [orphanIds, setOrphanIds] = useState<ReadonlySet<string>>(() => new Set());
  const [allTags, setAllTags] = useState<TagCount[]>([]);
  const [allPages, setAllPages] = useState<AllPages>(null);

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
    const reply = await api.call('tags/list', {});
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
    const reply = await api.call('notes/orphans', {});
    if (reply.ok) setOrphanIds(new Set(reply.value));
    else setError(`Could not ask the page which notes it no longer contains: ${reply.error}`);
  }, [api]);

  const loadNotes = useCallback(async () => {
    const seq = ++listSeq.current;
    listing.current = true;
    const reply = await api.call('notes/list', { url });
    if (seq !== listSeq.current) return;
    listing.current = false;
    if (!reply.ok) {
      // What arrived meanwhile is older than what "Try again" will list: it is not replayed.
      queued.current = [];
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

  // A layout effect, not an effect: the list is asked for as soon as the panel is in the
  // document, not after the browser has painted a first frame without it (a frame or more of
  // waiting, most of the popup's time to its first note).
  useLayoutEffect(() => {
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

  return {
    notes,
    dispatch,
    loadFailed,
    error,
    setError,
    orphanIds,
    allTags,
    loadTags,
    loadNotes,
    reload,
    refreshTagsSoon,
    allPages,
    setAllPages,
  };
}

/** Searches every page for `query` while `active`, into `state.allPages`. */
export function useAllPagesSearch(
  api: NotesApi,
  query: string,
  active: boolean,
  { setAllPages, setError }: Pick<PageNotes, 'setAllPages' | 'setError'>,
): void {
  // Every page's changes while the results are shown (a note on another page edited or deleted
  // in another tab, or by sync): each is applied to the results, and a reload (a tag renamed,
  // an import) searches again.
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!active) return;
    return api.subscribe('*', (change) => {
      if (change.kind === 'reload') return setRound((r) => r + 1);
      setAllPages((results) => {
        if (!Array.isArray(results)) return results;
        if (change.kind === 'delete') return results.filter((n) => n.id !== change.id);
        return results.map((n) => (n.id === change.annotation.id ? change.annotation : n));
      });
    });
  }, [api, active, setAllPages]);
  const searched = useRef<string | null>(null);
  useEffect(() => {
    if (!active) {
      searched.current = null;
      return;
    }
    let current = true;
    // A new search shows "searching"; the same one again keeps its results until the answer.
    if (searched.current !== query) setAllPages(() => null);
    searched.current = query;
    void round;
    api.call('notes/search', { query }).then((reply) => {
      if (!current) return;
      if (reply.ok) setAllPages(() => reply.value);
      else {
        setAllPages(() => 'failed');
        setError(`The search did not finish: ${reply.error}`);
      }
    });
    return () => {
      current = false;
    };
  }, [api, query, active, round, setAllPages, setError]);
}

/** Where focus should go once the view has rendered: Undo after a delete, a note after Undo or Done. */
export type FocusTarget = { undo: true } | { note: string };

/**
 * Moves focus after the reader's action, once the element exists (a save can re-render before
 * the editor closes): returns the ref the view sets when an action should move focus.
 */
export function useFocusAfter(
  root: RefObject<HTMLElement | null>,
  undoButton: RefObject<HTMLButtonElement | null>,
): { current: FocusTarget | null } {
  const focusAfter = useRef<FocusTarget | null>(null);
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

  return focusAfter;
}

/**
 * Rows rendered in the first frame, then this many more per frame: the popup paints its first
 * screen of notes at once even on a page with hundreds, and the rest follow without a freeze.
 */
const ROWS_PER_FRAME = 80;

/** The first rows of `rows` now and the rest a frame at a time. */
export function useRowsByFrame<T>(rows: T[]): T[] {
  const [rowLimit, setRowLimit] = useState(ROWS_PER_FRAME);
  useEffect(() => {
    if (rowLimit >= rows.length) return;
    const timer = setTimeout(() => setRowLimit((limit) => limit + ROWS_PER_FRAME), 16);
    return () => clearTimeout(timer);
  }, [rowLimit, rows.length]);
  return rows.length > rowLimit ? rows.slice(0, rowLimit) : rows;
}
