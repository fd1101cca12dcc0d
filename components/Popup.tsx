/**
 * The popup: what Dossier found on the current tab, or the way to make it run there. It never
 * shows a blank page: every failure becomes a calm sentence.
 */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import { FILE_MAX_CHARS, FILE_TOO_LARGE } from '../lib/annotation/limits';
import { thousands } from '../lib/format';
import type { EverythingFormat } from '../lib/notes/transfer';
import type { AnalysisSummary, PageInfo, SiteStatus } from '../lib/protocol';
import { highlightsOn, type Settings, TRASH_RETENTION_DAYS, withHighlights } from '../lib/settings';
import type { PopupApi, TargetTab } from '../lib/view-api';
import { AnalysisPanel } from './AnalysisPanel';
import { CitationTools } from './CitationTools';
import { NotesPanel } from './notes/NotesPanel';

type View =
  | { kind: 'loading' }
  | { kind: 'page'; tab: TargetTab; info: PageInfo }
  | { kind: 'off'; tab: TargetTab; origin: string | null; status: SiteStatus | null }
  | { kind: 'unsupported'; reason: string }
  | { kind: 'hidden'; tab: TargetTab };

function webOrigin(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** Formats a count the way people read it ("12,345 words"). */
export function formatWords(n: number): string {
  return `${thousands(n)} ${n === 1 ? 'word' : 'words'}`;
}

/** The whole popup, given the browser behind `api`. */
export function Popup({ api }: { api: PopupApi }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const tab = await api.targetTab();
    if (!tab) return setView({ kind: 'unsupported', reason: 'There is no page to read here.' });
    const origin = webOrigin(tab.url);
    const info = await api.page(tab.id)('page/info', {});
    if (info.ok) {
      // The article is drawn once its notes, asked as the popup opened, are in too: one render
      // and one frame with both, not the page first and its notes a frame later (the notes
      // are what the reader opened the popup for; npm run bench -- notes).
      if (info.value.isArticle) await api.pageReady?.(info.value.url);
      return setView({ kind: 'page', tab, info: info.value });
    }
    // Without access to a site, Firefox does not even tell Dossier the tab's address.
    if (tab.url === null) return setView({ kind: 'hidden', tab });
    if (!origin) {
      return setView({
        kind: 'unsupported',
        reason: 'Dossier reads web pages only (http and https).',
      });
    }
    const status = await api.page(tab.id)('site/status', { url: origin });
    setView({ kind: 'off', tab, origin, status: status.ok ? status.value : null });
  }, [api]);

  // A layout effect: the answers are taken as soon as the popup is in the document (they may
  // have arrived already), not after a first frame painted without them.
  useLayoutEffect(() => {
    load().catch((e: unknown) => setError(`Dossier could not read this tab: ${String(e)}`));
  }, [load]);

  const act = async (action: () => Promise<{ ok: boolean; error?: string }>) => {
    setBusy(true);
    setError(null);
    const reply = await action();
    if (!reply.ok) setError(reply.error ?? 'That did not work.');
    else await load();
    setBusy(false);
  };

  return (
    <main class="popup" aria-busy={view.kind === 'loading' || busy}>
      <header>
        <h1>Dossier</h1>
        {api.openDossier && (
          <button
            type="button"
            class="open-dossier"
            onClick={() => {
              const tabId = view.kind === 'page' || view.kind === 'off' ? view.tab.id : null;
              void api.openDossier?.(tabId).catch((e: unknown) => setError(String(e)));
            }}
          >
            Open Dossier
          </button>
        )}
      </header>
      {view.kind === 'loading' && <p class="muted">Reading this page…</p>}
      {view.kind === 'unsupported' && <p class="muted">{view.reason}</p>}
      {view.kind === 'page' && (
        <>
          <PageSummary info={view.info} />
          {view.info.isArticle && <PageTools api={api} tab={view.tab} info={view.info} />}
        </>
      )}
      {view.kind === 'hidden' && (
        <AccessNotice busy={busy} onAllow={() => act(() => api.allowPolicySites(view.tab.id))}>
          <p>
            The browser does not let Dossier see this tab. If it shows one of the policy sites
            Dossier reads (to highlight officials and quotations and to keep your notes in place),
            allow them.
          </p>
        </AccessNotice>
      )}
      {view.kind === 'off' && view.status?.listed && view.status.access === false && (
        // Firefox leaves host access to the user, even on the listed sites: say so, and ask.
        <AccessNotice busy={busy} onAllow={() => act(() => api.allowPolicySites(view.tab.id))}>
          <p>
            Dossier may not read {new URL(view.status.origin).hostname} yet: the browser waits for
            your permission. Dossier reads the listed policy sites to highlight officials and
            quotations and to keep your notes in place.
          </p>
        </AccessNotice>
      )}
      {view.kind === 'off' && (
        <section aria-label="Run Dossier here">
          <p>
            Dossier does not run on {view.origin ? new URL(view.origin).hostname : 'this page'} yet.
          </p>
          <div class="actions">
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                act(() => api.page(view.tab.id)('tab/analyze', { tabId: view.tab.id }))
              }
            >
              Analyze this page
            </button>
            {view.origin && (
              <button
                type="button"
                disabled={busy}
                onClick={() => act(() => api.alwaysRunOn(view.origin ?? '', view.tab.id))}
              >
                Always run on this site
              </button>
            )}
          </div>
        </section>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </main>
  );
}

/** Title, byline and word count of the article on the page. */
export function PageSummary({ info }: { info: PageInfo }) {
  if (!info.isArticle) {
    return (
      <section aria-label="This page">
        <h2 class="title">{info.title || 'Untitled page'}</h2>
        <p class="muted">{info.message ?? 'This page does not look like an article.'}</p>
      </section>
    );
  }
  return (
    <section aria-label="This article">
      <h2 class="title">{info.title}</h2>
      {info.byline && <p class="muted">{info.byline}</p>}
      <p data-testid="word-count">{formatWords(info.wordCount)}</p>
    </section>
  );
}

/** Host name of a page URL, or '' when it has none. */
function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}

/** The reader's notes, the analysis and the display switches for an article tab. */
function PageTools({ api, tab, info }: { api: PopupApi; tab: TargetTab; info: PageInfo }) {
  const [summary, setSummary] = useState<AnalysisSummary | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const [everythingAs, setEverythingAs] = useState<EverythingFormat>('zip');
  const [withAnalysis, setWithAnalysis] = useState(true);
  const notesApi = useMemo(() => api.notes(tab.id), [api, tab.id]);
  const host = hostOf(info.url) || hostOf(tab.url);

  useEffect(() => {
    void api
      .page(tab.id)('page/analysis', {})
      .then((r) => setSummary(r.ok ? r.value : null));
    void api.loadSettings().then(setSettings);
  }, [api, tab.id]);

  const run = (work: () => Promise<string | { ok: boolean; message: string }>) => {
    setStatus({ ok: true, message: 'Working…' });
    work().then(
      (r) => setStatus(typeof r === 'string' ? { ok: true, message: r } : r),
      (e: unknown) => setStatus({ ok: false, message: e instanceof Error ? e.message : String(e) }),
    );
  };

  const actions = useMemo(() => {
    const deps = api.transfer();
    // The export and import code (formats, validation, zip) loads on first use, so that it
    // does not slow down every opening of the popup.
    const transfer = () => import('../lib/notes/transfer');
    const analysis = withAnalysis && summary ? summary : undefined;
    return {
      exportPage: () =>
        run(async () =>
          (await transfer()).exportPage(deps, { url: info.url, ...(analysis ? { analysis } : {}) }),
        ),
      exportTag: (tag: string) => run(async () => (await transfer()).exportTag(deps, tag)),
      exportAll: () => run(async () => (await transfer()).exportEverything(deps, everythingAs)),
      importFile: (file: File) =>
        run(async () => {
          if (file.size > FILE_MAX_CHARS) {
            return {
              ok: false,
              message: FILE_TOO_LARGE,
            };
          }
          return deps.importFile ? deps.importFile(file) : deps.importText(await file.text());
        }),
      backUp: () => run(async () => (await transfer()).backUp(deps)),
    };
  }, [api, info.url, summary, everythingAs, withAnalysis]);

  const toggle = async (on: boolean, site?: string) => {
    if (!settings) return;
    const next = withHighlights(settings, on, site);
    setSettings(next);
    await api.saveSettings(next);
  };

  const keepTrash = async (choice: string) => {
    if (!settings) return;
    const days = TRASH_RETENTION_DAYS.find((d) => String(d ?? 'forever') === choice);
    if (days === undefined) return;
    const next = { ...settings, keepTrashDays: days };
    setSettings(next);
    await api.saveSettings(next);
  };

  return (
    <>
      {settings && (
        <fieldset class="switches">
          <legend class="visually-hidden">Automatic highlights</legend>
          <label>
            <input
              type="checkbox"
              checked={highlightsOn(settings, host)}
              onChange={(e) => void toggle((e.target as HTMLInputElement).checked, host)}
            />{' '}
            Highlights on {host || 'this site'}
          </label>
          <label>
            <input
              type="checkbox"
              checked={settings.highlights}
              onChange={(e) => void toggle((e.target as HTMLInputElement).checked)}
            />{' '}
            Highlights everywhere
          </label>
        </fieldset>
      )}
      <div class="export-options">
        <label>
          <input
            type="checkbox"
            checked={withAnalysis}
            onChange={(e) => setWithAnalysis((e.target as HTMLInputElement).checked)}
          />{' '}
          Add “Officials on this page” and “Who said what” to this page’s export
        </label>
        {settings && (
          <label>
            Keep deleted notes for{' '}
            <select
              value={String(settings.keepTrashDays ?? 'forever')}
              onChange={(e) => void keepTrash((e.target as HTMLSelectElement).value)}
            >
              <option value="7">7 days</option>
              <option value="30">30 days</option>
              <option value="90">90 days</option>
              <option value="forever">for ever</option>
            </select>
          </label>
        )}
        <label>
          Export everything as{' '}
          <select
            value={everythingAs}
            onChange={(e) =>
              setEverythingAs((e.target as HTMLSelectElement).value as EverythingFormat)
            }
          >
            <option value="zip">one Markdown file per page (zip)</option>
            <option value="combined">one Markdown file</option>
            <option value="w3c">W3C Web Annotations (JSON-LD)</option>
          </select>
        </label>
      </div>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} class={status.ok ? 'muted' : 'error'}>
          {status.message}
        </p>
      )}
      <NotesPanel api={notesApi} url={info.url} exportActions={actions} />
      <CitationTools api={api} info={info} />
      {summary && (
        <AnalysisPanel
          summary={summary}
          onReveal={(kind, index) => void api.page(tab.id)('page/reveal', { kind, index })}
        />
      )}
    </>
  );
}

/** The notice that asks for host access on the policy sites, with its one button. */
function AccessNotice({
  busy,
  onAllow,
  children,
}: {
  busy: boolean;
  onAllow(): void;
  children: ComponentChildren;
}) {
  return (
    <section aria-label="Access to policy sites" class="notice">
      {children}
      <button type="button" disabled={busy} onClick={onAllow}>
        Allow on policy sites
      </button>
    </section>
  );
}
