/**
 * What the reader sees of the trash and of conflicts between devices (issue 14: "nothing lost
 * silently"). `ConflictNotices` lists what the conflict rules put in the trash, naming the page
 * and the note, with "Restore this version" and "Dismiss"; it shows nothing when there is
 * nothing to say. `TrashList` lists deleted notes and the other versions kept by those rules,
 * newest first, a bounded page with the total, each with Restore and "Delete forever" (asked
 * again before anything is removed). Restoring an other version makes the note that version
 * (the background puts the replaced one in the trash in its place). Every user-supplied string
 * is rendered as text.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ResponseOf, SyncNotice } from '../../lib/protocol';
import type { TrashApi } from '../../lib/sync/api';

/** How many trash entries are listed at once. */
export const TRASH_PAGE = 50;

const when = (iso: string | number) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Props of both views: the browser behind them, and how often to look again. */
export interface TrashViewProps {
  api: TrashApi;
  refreshMs?: number;
}

/** The conflict notices not yet dismissed. */
export function ConflictNotices({ api, refreshMs = 5_000 }: TrashViewProps) {
  const [notices, setNotices] = useState<SyncNotice[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = () => api.notices().then(setNotices, () => undefined);
    void load();
    const timer = setInterval(load, refreshMs);
    return () => clearInterval(timer);
  }, [api, refreshMs]);

  const restore = async (notice: SyncNotice) => {
    setError(null);
    try {
      await api.restore(notice.restoreId);
      setNotices(await api.dismiss(notice.id));
    } catch (e) {
      setError(`That version could not be restored: ${message(e)}`);
    }
  };

  if (notices.length === 0 && !error) return null;
  return (
    <section aria-label="Sync notices" class="sync-notices">
      <ul>
        {notices.map((notice) => (
          <li key={notice.id} class="sync-notice">
            <p>{notice.text}</p>
            <p class="hint">
              “{notice.quote}” on <span title={notice.page.url}>{notice.page.title}</span>,{' '}
              {when(notice.at)}
            </p>
            <button type="button" onClick={() => void restore(notice)}>
              Restore this version
            </button>
            <button type="button" onClick={() => void api.dismiss(notice.id).then(setNotices)}>
              Dismiss
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}

/** The trash: newest first, Restore and "Delete forever" on each. */
export function TrashList({ api, refreshMs = 5_000 }: TrashViewProps) {
  const [page, setPage] = useState<ResponseOf<'notes/trash'> | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api
        .trash(TRASH_PAGE)
        .then(setPage, (e: unknown) => setError(`Dossier could not read the trash: ${message(e)}`)),
    [api],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [load, refreshMs]);

  const act = async (work: () => Promise<void>, failure: string) => {
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(`${failure}: ${message(e)}`);
    }
    setAsking(null);
    await load();
  };

  if (!page) return <p class="hint">Reading the trash…</p>;
  const { entries, total } = page;
  return (
    <section aria-label="Trash" class="trash">
      <p role="status">
        {total === 0
          ? 'The trash is empty.'
          : total > entries.length
            ? `${total} notes in the trash; the newest ${entries.length} are listed.`
            : `${total} ${total === 1 ? 'note' : 'notes'} in the trash.`}
      </p>
      {entries.length > 0 && (
        <ul aria-label="Notes in the trash">
          {entries.map(({ annotation, deletedAt, otherVersionOf, replaced }) => (
            <li key={annotation.id} class="trash-item" data-note-id={annotation.id}>
              <blockquote title={annotation.quote.exact}>{annotation.quote.exact}</blockquote>
              {annotation.note && <p class="notes-text">{annotation.note}</p>}
              <p class="hint">
                {replaced
                  ? 'Replaced by the version you restored'
                  : otherVersionOf
                    ? 'Other version kept from a sync conflict'
                    : 'Deleted'}{' '}
                {when(deletedAt)} · <span title={annotation.page.url}>{annotation.page.title}</span>
                {annotation.author !== undefined && ` · by ${annotation.author}`}
              </p>
              {annotation.author === undefined &&
                (asking === annotation.id ? (
                  <fieldset class="trash-confirm">
                    <legend>Delete this note for good? It cannot be undone.</legend>
                    <button
                      type="button"
                      onClick={() =>
                        void act(() => api.purge(annotation.id), 'The note was not deleted')
                      }
                    >
                      Delete for good
                    </button>
                    <button type="button" onClick={() => setAsking(null)}>
                      Keep it
                    </button>
                  </fieldset>
                ) : (
                  <>
                    <button
                      type="button"
                      onClick={() =>
                        void act(() => api.restore(annotation.id), 'The note was not restored')
                      }
                    >
                      Restore
                    </button>
                    <button type="button" onClick={() => setAsking(annotation.id)}>
                      Delete forever
                    </button>
                  </>
                ))}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </section>
  );
}

/**
 * The trash, folded: read only while open (each read goes through every note, too much to
 * repeat every few seconds for a side panel left open all day).
 */
export function TrashFold({ api }: { api: TrashApi }) {
  const [open, setOpen] = useState(false);
  return (
    <details
      class="sync-fold"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>Trash</summary>
      {open && <TrashList api={api} />}
    </details>
  );
}
