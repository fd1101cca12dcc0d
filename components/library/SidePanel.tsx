/**
 * The side panel (`sidepanel.html`): Dossier's workspace. Two tabs, "This page" (following the
 * active browser tab) and "Library" (every official across everything read, search, exports),
 * and a person's view opened from the library. Its first rows come from the stored people
 * summary in one read; a person's view reads only their pages; the search index is the saved
 * one brought up to date on first use; only the exports read the whole library.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation } from '../../lib/annotation';
import { safeBaseName } from '../../lib/export/file-names';
import type { QuotedBody } from '../../lib/library/bodies';
import type { Person } from '../../lib/library/identity';
import {
  buildLibrary,
  type PersonView,
  pageDate,
  personViewOf,
  QuoteRef,
  tagCounts,
} from '../../lib/library/model';
import type { LibrarySummary } from '../../lib/library/reader';
import type { LibraryPage } from '../../lib/library/records';
import {
  combinedSearch,
  describeHits,
  liveIndex,
  type PageIndex,
  pagesToDescribe,
  type SearchGroups,
} from '../../lib/library/search';
import { quotesOfBody } from '../../lib/library/speakers';
import { bucketOf } from '../../lib/library/summary';
import type { LibraryApi, PopupApi, TargetTab } from '../../lib/view-api';
import { LibraryTab } from './LibraryTab';
import { PersonPanel } from './PersonPanel';
import { ThisPage } from './ThisPage';

/**
 * Props: the browser behind the library and behind "This page", the first tab, and what the
 * panel's entry already showed and the reader chose before the panel was loaded (the first
 * rows, read on their own: components/library/FirstRows.tsx).
 */
export interface SidePanelProps {
  api: LibraryApi;
  pageApi: PopupApi;
  initialTab?: 'page' | 'library';
  initialSummary?: LibrarySummary | null;
  initialPerson?: string | null;
}

const TABS = [
  { id: 'page', label: 'This page' },
  { id: 'library', label: 'Library' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** People read for the first rows, before everyone else. */
const FIRST_ROWS = 50;

/** Page records kept in memory to describe search hits (a few hundred kilobytes at most). */
const DESCRIBED_MAX = 200;

/** Pages read listed at first, and how many more each "Show more pages" adds. */
const PAGES_STEP = 50;

/** The whole side panel. */
export function SidePanel({
  api,
  pageApi,
  initialTab = 'page',
  initialSummary = null,
  initialPerson = null,
}: SidePanelProps) {
  const [tab, setTab] = useState<TabId>(initialTab);
  const [summary, setSummary] = useState<LibrarySummary | null>(initialSummary);
  const [recent, setRecent] = useState<{ pages: LibraryPage[]; total: number }>({
    pages: [],
    total: 0,
  });
  const [pagesLimit, setPagesLimit] = useState(PAGES_STEP);
  const [notes, setNotes] = useState<Annotation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(initialPerson);
  const [view, setView] = useState<PersonView | null>(null);
  const [browserTab, setBrowserTab] = useState<TargetTab | null>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  // Bumped on every change of the library, so the saved search index is brought up to date.
  const [generation, setGeneration] = useState(0);
  const limitRef = useRef(pagesLimit);
  limitRef.current = pagesLimit;

  const failed = (e: unknown) => setError(`Dossier could not read the library: ${errorText(e)}`);
  // Reloads overlap (a change announced while another is read): only the latest one's answer
  // is shown, so an older, slower read never replaces a newer one.
  const latest = useRef(0);
  const reload = useCallback(async (): Promise<LibrarySummary | null> => {
    const seq = ++latest.current;
    setGeneration((g) => g + 1);
    try {
      // The first rows from the top of the people index; everyone else right after.
      const first = await api.summary(FIRST_ROWS);
      if (seq !== latest.current) return null;
      setSummary((shown) => (shown && shown.total === first.total ? shown : first));
      const [fresh, pages, allNotes] = await Promise.all([
        first.people.length < first.total ? api.summary() : first,
        api.recentPages(limitRef.current),
        api.notes(),
      ]);
      if (seq !== latest.current) return null;
      setSummary(fresh);
      setRecent(pages);
      setNotes(allNotes);
      setError(null);
      return fresh;
    } catch (e) {
      if (seq === latest.current) failed(e);
      return null;
    }
  }, [api]);

  useEffect(() => {
    void reload();
    return api.watch(() => void reload());
  }, [api, reload]);
  useEffect(() => api.followTab(setBrowserTab), [api]);

  const tags = useMemo(() => tagCounts(notes), [notes]);
  const people = summary?.people ?? [];

  // The page index: loaded (or built) once per change of the library, on first search; the
  // small index of people, titles and notes also only when first searched, never before the
  // first rows are on screen.
  const pageIndexRef = useRef<{ generation: number; index: Promise<PageIndex> } | null>(null);
  const liveRef = useRef<{ for: unknown[]; index: ReturnType<typeof liveIndex> } | null>(null);
  const describedRef = useRef<{ generation: number; pages: Map<string, LibraryPage> }>({
    generation: -1,
    pages: new Map(),
  });
  const search = useCallback(
    async (query: string): Promise<SearchGroups> => {
      if (pageIndexRef.current?.generation !== generation) {
        pageIndexRef.current = { generation, index: api.pageIndex() };
      }
      const pages = await pageIndexRef.current.index;
      const people = summary?.people ?? [];
      const bodies = summary?.bodies ?? [];
      let live = liveRef.current;
      if (!live || live.for[0] !== people || live.for[1] !== notes || live.for[2] !== bodies) {
        live = { for: [people, notes, bodies], index: liveIndex(people, notes, bodies) };
        liveRef.current = live;
      }
      const groups = combinedSearch(pages, live.index).search(query);
      // The pages the hits point to, read once per change of the library: the keystrokes of
      // one query mostly find the same pages again.
      if (describedRef.current.generation !== generation) {
        describedRef.current = { generation, pages: new Map() };
      }
      const known = describedRef.current.pages;
      const missing = pagesToDescribe(groups).filter((url) => !known.has(url));
      if (missing.length > 0) for (const p of await api.pages(missing)) known.set(p.url, p);
      if (known.size > DESCRIBED_MAX) {
        for (const url of [...known.keys()].slice(0, known.size - DESCRIBED_MAX)) {
          known.delete(url);
        }
      }
      return describeHits(groups, (url) => known.get(url));
    },
    [api, generation, summary, notes],
  );

  // A person's view: their record from the summary, their pages from the store.
  const person = useMemo(
    () => (personId ? (summary?.people.find((p) => p.id === personId) ?? null) : null),
    [summary, personId],
  );
  useEffect(() => {
    if (!person || !summary) {
      setView(null);
      return;
    }
    let current = true;
    api.pages(person.pages).then((pages) => {
      if (!current) return;
      const bucket = bucketOf(person.id);
      setView(
        personViewOf({
          person,
          pages,
          choices: summary.choices,
          notes,
          spellings: new Map(Object.entries(person.spellings)),
          sharedSurname: summary.people.some(
            (p) => p.id !== person.id && p.buckets.includes(bucket),
          ),
        }),
      );
    }, failed);
    return () => {
      current = false;
    };
  }, [api, person, summary, notes]);

  const report = (reply: { ok: boolean; error?: string }, done: string) => {
    if (reply.ok) setStatus(done);
    else setError(reply.error ?? 'That did not work.');
  };
  /** After a choice: the person who now has `form` (their id may have changed). */
  const follow = async (form: string) => {
    const fresh = await reload();
    const next = fresh?.people.find((p) => p.forms.includes(form));
    if (next) setPersonId(next.id);
  };
  // (When a newer reload overtook this one, it shows the same or a later library, and the
  // person stays the one open.)

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
    const { libraryToCsv, libraryToJson } = await import('../../lib/library/export');
    let snapshot: Awaited<ReturnType<LibraryApi['load']>>;
    try {
      snapshot = await api.load();
    } catch (e) {
      failed(e);
      return;
    }
    const library = buildLibrary(snapshot.pages, snapshot.choices);
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
    if (reply.ok) await follow(view.person.forms[0] as string);
  };
  const split = async (forms: string[]) => {
    if (!view) return;
    const rest = view.person.forms.filter((f) => !forms.includes(f));
    const reply = await api.split(forms, rest);
    report(reply, 'Separated. The other names are now a person of their own.');
    if (reply.ok) await follow(rest[0] as string);
  };
  const splitPages = async (urls: string[]) => {
    if (!view) return;
    const chosen = new Set(urls);
    // Later pages from a site only the other person appeared on go to them too.
    const keptSites = new Set(view.pages.filter((p) => !chosen.has(p.url)).map((p) => p.site));
    const sites = [
      ...new Set(
        view.pages.filter((p) => chosen.has(p.url) && !keptSites.has(p.site)).map((p) => p.site),
      ),
    ];
    const form = view.person.id;
    const reply = await api.splitPages(form, urls, sites);
    report(
      reply,
      `Separated. ${urls.length === 1 ? 'That page is' : 'Those pages are'} about someone else of the same name.`,
    );
    if (reply.ok) await follow(form);
  };
  const forgetPage = async (url: string): Promise<void> => {
    const reply = await api.forgetPage(url, false);
    report(reply, 'Forgotten: this page is no longer in the library. Your notes stay.');
  };
  /** A quoted body's quotations, newest page first, from its own pages only. */
  const loadBody = useCallback(
    async (body: QuotedBody) => {
      const pages = (await api.pages(body.pages)).sort((a, b) =>
        pageDate(a) < pageDate(b) ? 1 : pageDate(a) > pageDate(b) ? -1 : 0,
      );
      return quotesOfBody(body.key, pages).map((q) => new QuoteRef(q.page, q.quote, null));
    },
    [api],
  );
  const morePages = () => {
    const limit = pagesLimit + PAGES_STEP * 4;
    setPagesLimit(limit);
    api.recentPages(limit).then(setRecent, failed);
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
          (!summary ? (
            <p class="muted">Opening the library…</p>
          ) : person && view?.person.id !== person.id ? (
            <p class="muted">Opening…</p>
          ) : view && person ? (
            <PersonPanel
              key={person.id}
              view={view}
              people={people}
              spellings={person.spellings}
              onBack={() => setPersonId(null)}
              onExport={() => void exportPerson()}
              onMerge={(p) => void merge(p)}
              onSplit={(forms) => void split(forms)}
              onSplitPages={(urls) => void splitPages(urls)}
              onOpenPerson={setPersonId}
            />
          ) : (
            <LibraryTab
              people={people}
              totalPeople={summary.total}
              bodies={summary.bodies ?? []}
              loadBody={loadBody}
              pages={recent.pages}
              totalPages={recent.total}
              onMorePages={morePages}
              tags={tags}
              paused={summary.paused}
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
