/**
 * The side panel's "This page" tab: the popup's view of the current tab, with room to read —
 * the article, who's who, who said what, and the reader's notes (the popup's own components).
 * The panel hands it each tab the reader switches to.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AnalysisSummary, PageInfo } from '../../lib/protocol';
import type { PopupApi, TargetTab } from '../../lib/view-api';
import { AnalysisPanel } from '../AnalysisPanel';
import { NotesPanel } from '../notes/NotesPanel';
import { PageSummary } from '../Popup';

/** Props: the browser, the tab to describe, and how to forget its page from the library. */
export interface ThisPageProps {
  api: PopupApi;
  tab: TargetTab | null;
  /** Forgets the page; the panel reports the outcome. */
  onForget(url: string): void;
}

type State =
  | { kind: 'loading' }
  | { kind: 'none'; reason: string }
  | { kind: 'page'; info: PageInfo; summary: AnalysisSummary | null };

/** What Dossier found on the tab the reader is looking at. */
export function ThisPage({ api, tab, onForget }: ThisPageProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const notesApi = useMemo(() => (tab ? api.notes(tab.id) : null), [api, tab]);

  useEffect(() => {
    let live = true;
    if (!tab) {
      setState({ kind: 'none', reason: 'Open an article to see who is in it.' });
      return;
    }
    setState({ kind: 'loading' });
    void (async () => {
      const ask = api.page(tab.id);
      const info = await ask('page/info', {});
      if (!live) return;
      if (!info.ok) {
        setState({
          kind: 'none',
          reason: 'Dossier is not running on this tab. Use the toolbar button to run it here.',
        });
        return;
      }
      const summary = info.value.isArticle ? await ask('page/analysis', {}) : null;
      if (!live) return;
      setState({ kind: 'page', info: info.value, summary: summary?.ok ? summary.value : null });
    })();
    return () => {
      live = false;
    };
  }, [api, tab]);

  if (state.kind === 'loading') return <p class="muted">Reading this page…</p>;
  if (state.kind === 'none') return <p class="muted">{state.reason}</p>;
  const { info, summary } = state;
  return (
    <div class="this-page">
      <PageSummary info={info} />
      {info.isArticle && (
        <div class="actions">
          <button type="button" onClick={() => onForget(info.url)} aria-describedby="forget-help">
            Forget this page
          </button>
          <span id="forget-help" class="muted small">
            Removes it from the library; your notes stay.
          </span>
        </div>
      )}
      {summary && tab && (
        <AnalysisPanel
          summary={summary}
          onReveal={(kind, index) => void api.page(tab.id)('page/reveal', { kind, index })}
        />
      )}
      {info.isArticle && notesApi && <NotesPanel api={notesApi} url={info.url} />}
    </div>
  );
}
