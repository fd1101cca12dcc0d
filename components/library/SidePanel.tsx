/**
 * The side panel (`sidepanel.html`): Dossier's workspace. Two tabs, "This page" (following the
 * active browser tab) and "Library" (every official across everything read, search, exports),
 * and a person's view opened from the library. It reads the library from the store, resolves
 * people once per change, and builds the search index only when first searched.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { safeBaseName } from '../../lib/export/file-names';
import type { Person } from '../../lib/library/identity';
import { buildLibrary, personView, tagCounts } from '../../lib/library/model';
import { buildSearch, type LibrarySearch } from '../../lib/library/search';
import type { LibraryApi, LibrarySnapshot, PopupApi, TargetTab } from '../../lib/view-api';
import { LibraryTab } from './LibraryTab';
import { PersonPanel } from './PersonPanel';
import { ThisPage } from './ThisPage';

/** Props: the browser behind the library and behind "This page", and the first tab. */
export interface SidePanelProps {
  api: LibraryApi;
  pageApi: PopupApi;
  initialTab?: 'page' | 'library';
}

const TABS = [
  { id: 'page', label: 'This page' },
  { id: 'library', label: 'Library' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The whole side panel. */
export function SidePanel({ api, pageApi, initialTab = 'page' }: SidePanelProps) {
  const [tab, setTab] = useState<TabId>(initialTab);
  const [snapshot, setSnapshot] = useState<LibrarySnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [browserTab, setBrowserTab] = useState<TargetTab | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const reload = useCallback(() => {
    api.load().then(
      (s) => {
        setSnapshot(s);
        setError(null);
      },
      (e: unknown) => setError(`Dossier could not read the library: ${errorText(e)}`),
    );
  }, [api]);

  useEffect(() => {
    reload();
    return api.watch(reload);
  }, [api, reload]);
  useEffect(() => api.followTab(setBrowserTab), [api]);

  const library = useMemo(
    () => (snapshot ? buildLibrary(snapshot.pages, snapshot.choices) : null),
    [snapshot],
  );
  const tags = useMemo(() => (snapshot ? tagCounts(snapshot.notes) : []), [snapshot]);
  const searchRef = useRef<{ for: unknown; index: LibrarySearch } | null>(null);
  const search = useCallback(() => {
    if (!library || !snapshot) return buildSearch(buildLibrary([]), []);
    if (searchRef.current?.for !== library) {
      searchRef.current = { for: library, index: buildSearch(library, snapshot.notes) };
    }
    return searchRef.current.index;
  }, [library, snapshot]);
  const view = useMemo(
    () => (library && snapshot && personId ? personView(library, personId, snapshot.notes) : null),
    [library, snapshot, personId],
  );

  const report = (reply: { ok: boolean; error?: string }, done: string) => {
    if (reply.ok) setStatus(done);
    else setError(reply.error ?? 'That did not work.');
  };

  const exportPerson = async () => {
    if (!view) return;
    const { personToMarkdown } = await import('../../lib/library/export');
    api.download(
      `${safeBaseName(view.person.name, 'Person')}.md`,
      personToMarkdown(view, { now: api.now() }),
      'text/markdown;charset=utf-8',
    );
    setStatus(`Exported the dossier on ${view.person.name}.`);
  };
  const exportLibrary = async (format: 'csv' | 'json') => {
    if (!library) return;
    const { libraryToCsv, libraryToJson } = await import('../../lib/library/export');
    const day = api.now().toISOString().slice(0, 10);
    if (format === 'csv') {
      api.download(`dossier-library-${day}.csv`, libraryToCsv(library), 'text/csv;charset=utf-8');
    } else {
      api.download(
        `dossier-library-${day}.json`,
        libraryToJson(library, { now: api.now() }),
        'application/json',
      );
    }
    setStatus(`Exported the library as ${format.toUpperCase()}.`);
  };
  const merge = async (other: Person) => {
    if (!view) return;
    const reply = await api.merge(view.person.forms, other.forms);
    report(reply, `Merged ${other.name} into ${view.person.name}.`);
    // The merged person keeps the id of the fuller, more frequent name; show whichever it is.
    if (reply.ok) {
      const fresh = await api.load();
      setSnapshot(fresh);
      const merged = buildLibrary(fresh.pages, fresh.choices).resolution.personOf.get(
        view.person.forms[0] as string,
      );
      if (merged) setPersonId(merged);
    }
  };
  const split = async (forms: string[]) => {
    if (!view) return;
    const rest = view.person.forms.filter((f) => !forms.includes(f));
    const reply = await api.split(forms, rest);
    report(reply, 'Separated. The other names are now a person of their own.');
    if (reply.ok) {
      const fresh = await api.load();
      setSnapshot(fresh);
      const kept = buildLibrary(fresh.pages, fresh.choices).resolution.personOf.get(
        rest[0] as string,
      );
      if (kept) setPersonId(kept);
    }
  };
  const forgetPage = async (url: string): Promise<void> => {
    const reply = await api.forgetPage(url, false);
    report(reply, 'Forgotten: this page is no longer in the library. Your notes stay.');
  };

  const onTabKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? TABS.length - 1
          : (index + step + TABS.length) % TABS.length;
    setTab(TABS[next]?.id ?? 'page');
    tabRefs.current[next]?.focus();
  };

  return (
    <main class="sidepanel">
      <header>
        <h1>Dossier</h1>
        <div role="tablist" aria-label="Dossier">
          {TABS.map((t, i) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              ref={(el) => {
                tabRefs.current[i] = el;
              }}
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {t.label}
            </button>
          ))}
        </div>
      </header>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {status && (
        <p role="status" class="muted">
          {status}
        </p>
      )}
      <section role="tabpanel" id="panel-page" aria-labelledby="tab-page" hidden={tab !== 'page'}>
        {tab === 'page' && (
          <ThisPage api={pageApi} tab={browserTab} onForget={(url) => void forgetPage(url)} />
        )}
      </section>
      <section
        role="tabpanel"
        id="panel-library"
        aria-labelledby="tab-library"
        hidden={tab !== 'library'}
      >
        {tab === 'library' &&
          (!library || !snapshot ? (
            <p class="muted">Opening the library…</p>
          ) : view ? (
            <PersonPanel
              view={view}
              library={library}
              onBack={() => setPersonId(null)}
              onExport={() => void exportPerson()}
              onMerge={(p) => void merge(p)}
              onSplit={(forms) => void split(forms)}
              onOpenPerson={setPersonId}
            />
          ) : (
            <LibraryTab
              library={library}
              tags={tags}
              paused={snapshot.paused}
              search={search}
              onOpenPerson={setPersonId}
              onPause={(paused) =>
                void api
                  .pause(paused)
                  .then((r) =>
                    report(r, paused ? 'The library is paused.' : 'The library records again.'),
                  )
              }
              onForgetPage={(url) => void forgetPage(url)}
              onForgetAll={(notes) =>
                void api
                  .forgetAll(notes)
                  .then((r) =>
                    report(
                      r,
                      notes
                        ? 'The library is empty; your notes are in the trash.'
                        : 'The library is empty. Your notes stay.',
                    ),
                  )
              }
              onExport={(format) => void exportLibrary(format)}
            />
          ))}
      </section>
    </main>
  );
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
