/**
 * The popup's notes: this page's notes in page order, edited in place with autosave, recoloured,
 * deleted with Undo, filtered by tag, searched on this page or all pages; tags renamed or
 * merged everywhere; the orphans the page no longer contains; and the export/import buttons.
 *
 * Everything goes through `NotesApi`, so the panel runs the same against the background and
 * against an in-memory fake in tests. Its state (the live cache kept current by the change feed,
 * tag counts, orphans, the all-pages search, focus) lives in `use-page-notes.ts`; this file is
 * the view, so a note made or edited in another tab appears at once. It is never blank: it is
 * loading, showing notes, saying there are none yet, or saying calmly what failed.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useId, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation, Colour, NotePatch } from '../../lib/annotation';
import { byPageOrder } from '../../lib/annotation/order';
import { compileQuery } from '../../lib/annotation/rules';
import { countNotes, thousands } from '../../lib/format';
import type { NotesApi } from '../../lib/notes/api';
import { type ExportActions, ExportToolbar } from './ExportToolbar';
import { NoteItem } from './NoteItem';
import { SearchBox, type SearchScope } from './SearchBox';
import { SearchResults } from './SearchResults';
import { TagFilter } from './TagFilter';
import { TagManager } from './TagManager';
import { type Notice, UndoToast } from './UndoToast';
import { useAllPagesSearch, useFocusAfter, usePageNotes, useRowsByFrame } from './use-page-notes';

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

/** The notes panel for page `url`; the lead mounts it in the popup. */
export function NotesPanel({ api, url, exportActions }: NotesPanelProps) {
  const headingId = useId();
  const tagListId = `${useId()}-tags`;
  const root = useRef<HTMLElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  const state = usePageNotes(api, url);
  const {
    notes,
    dispatch,
    loadFailed,
    error,
    setError,
    orphanIds,
    allTags,
    allPages,
    loadTags,
    loadNotes,
    reload,
    refreshTagsSoon,
  } = state;
  const [tagFilter, setTagFilter] = useState('');
  const [query, setQuery] = useState('');
  const [scope, setScope] = useState<SearchScope>('page');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const focusAfter = useFocusAfter(root, undoButton);

  // --- actions on notes (stable, so memoised rows do not re-render) -------------------------

  const onReveal = useCallback(
    async (id: string) => {
      const reply = await api.call('notes/reveal', { id });
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
      const reply = await api.call('notes/update', { id, patch });
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
      const reply = await api.call('notes/update', { id, patch: { colour } });
      if (reply.ok) dispatch({ type: 'upsert', annotation: reply.value });
      else setError(`The colour was not changed: ${reply.error}`);
    },
    [api],
  );

  const onDelete = useCallback(
    async (id: string) => {
      const reply = await api.call('notes/delete', { id });
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
      const reply = await api.call('notes/undo', { id });
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

  // --- searching all pages and what to show ----------------------------------------------

  const searchingAll = scope === 'all' && query.trim() !== '';
  useAllPagesSearch(api, query, searchingAll, state);

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

  const rowsNow = useRowsByFrame(placed);
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
