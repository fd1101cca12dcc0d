/**
 * The side panel's "Library" tab: a search box across everything, people sorted by how often
 * they appear (filtered by name, title, site and date), the pages read, the tags, and the
 * library's own switches (pause, exports, forget everything). Long lists show their first
 * rows and grow on request, so the first rows appear at once even with thousands of people.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BodyKind, QuotedBody } from '../../lib/library/bodies';
import type { Person } from '../../lib/library/identity';
import { filterPeople, type PersonFilter, pageDate, type QuoteRef } from '../../lib/library/model';
import type { LibraryPage } from '../../lib/library/records';
import type { ResultKind, SearchGroups, SearchHit } from '../../lib/library/search';
import { clip, PersonRow } from './FirstRows';
import { QuotedPassage } from './PersonPanel';

/** Props: the people (from the stored summary), the pages read, and what the controls do. */
export interface LibraryTabProps {
  /** Everyone (or the first rows, while the rest loads), most frequent first. */
  people: readonly Person[];
  /** How many people there are in all. */
  totalPeople: number;
  /** The organisations and documents quoted: not people, so listed in sections of their own. */
  bodies: readonly QuotedBody[];
  /** A quoted body's quotations (read from its pages when its entry is opened). */
  loadBody(body: QuotedBody): Promise<QuoteRef[]>;
  /** The most recently read pages shown so far, and how many there are in all. */
  pages: readonly LibraryPage[];
  totalPages: number;
  /** Shows more of the pages read. */
  onMorePages(): void;
  tags: { tag: string; count: number }[];
  paused: boolean;
  /** Searches everything (the index is loaded or built on first use). */
  search: (query: string) => Promise<SearchGroups>;
  onOpenPerson(id: string): void;
  onPause(paused: boolean): void;
  onForgetPage(url: string): void;
  onForgetAll(notes: boolean): void;
  onExport(format: 'csv' | 'json'): void;
}

const PAGE = 50;
const KIND_NAMES: Record<ResultKind, string> = {
  person: 'People',
  organisation: 'Organisations and documents',
  title: 'Titles',
  quote: 'Quotations',
  note: 'Notes',
  page: 'Pages',
};

/** The library tab. */
export function LibraryTab(props: LibraryTabProps) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<PersonFilter>({});
  const [shown, setShown] = useState(PAGE);
  const [confirming, setConfirming] = useState(false);
  const [withNotes, setWithNotes] = useState(false);
  const [results, setResults] = useState<{ kind: ResultKind; hits: SearchHit[] }[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  // A quoted body chosen among search results: shown opened in its section.
  const [openBody, setOpenBody] = useState<string | null>(null);

  const people = useMemo(() => filterPeople(props.people, filter), [props.people, filter]);
  // A layout effect: the search starts as the keystroke is drawn, not a frame later.
  useLayoutEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return;
    }
    // The index may still be loading: answer the latest query once it is there.
    let current = true;
    props.search(query).then(
      (found) => {
        if (current) setResults(found);
      },
      (e: unknown) => {
        if (current) setSearchError(`Search is not available: ${String(e)}`);
      },
    );
    return () => {
      current = false;
    };
  }, [query, props.search]);

  const field = (key: keyof PersonFilter, label: string, type: 'text' | 'date' = 'text') => (
    <label>
      {label}{' '}
      <input
        {...(type === 'date' ? { type: 'date' as const } : { type: 'text' as const })}
        value={filter[key] ?? ''}
        onInput={(e) => {
          setFilter({ ...filter, [key]: (e.target as HTMLInputElement).value });
          setShown(PAGE);
        }}
      />
    </label>
  );

  return (
    <div class="library">
      <input
        type="search"
        class="search"
        aria-label="Search everything"
        placeholder="Search people, titles, quotations, notes, pages"
        value={query}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
      {searchError && (
        <p role="alert" class="error">
          {searchError}
        </p>
      )}
      {query.trim() && !results ? (
        <p class="muted" role="status">
          Searching…
        </p>
      ) : results ? (
        <Results
          results={results}
          onOpenPerson={props.onOpenPerson}
          onOpenBody={(key) => {
            setOpenBody(key);
            setQuery('');
          }}
        />
      ) : (
        <>
          <section aria-labelledby="people-h">
            <h2 id="people-h">
              People{' '}
              <span class="muted">
                (
                {(people.length === props.people.length
                  ? props.totalPeople
                  : people.length
                ).toLocaleString('en')}
                )
              </span>
            </h2>
            <details class="filters">
              <summary>Filter people</summary>
              <div class="filter-fields">
                {field('name', 'Name')}
                {field('title', 'Title')}
                {field('site', 'Site')}
                {field('from', 'From', 'date')}
                {field('to', 'To', 'date')}
              </div>
            </details>
            {props.people.length === 0 ? (
              <p class="muted">
                Nothing read yet. Open articles on policy sites and Dossier will remember who is in
                them.
              </p>
            ) : (
              <ul class="entries people" aria-label="People">
                {people.slice(0, shown).map((p) => (
                  <PersonRow key={p.id} person={p} onOpen={props.onOpenPerson} />
                ))}
              </ul>
            )}
            {people.length > shown && (
              <button type="button" onClick={() => setShown(shown + PAGE * 4)}>
                Show more people
              </button>
            )}
          </section>

          <BodySection
            kind="organisation"
            bodies={props.bodies}
            load={props.loadBody}
            opened={openBody}
          />
          <BodySection
            kind="document"
            bodies={props.bodies}
            load={props.loadBody}
            opened={openBody}
          />

          <section aria-labelledby="pages-read-h">
            <h2 id="pages-read-h">
              Pages read <span class="muted">({props.totalPages.toLocaleString('en')})</span>
            </h2>
            <ul class="pages" aria-label="Pages read">
              {props.pages.map((p) => (
                <li key={p.url}>
                  <a href={p.url} target="_blank" rel="noopener noreferrer">
                    {clip(p.title || p.url)}
                  </a>
                  <span class="muted small">
                    {' '}
                    {clip(p.site, 100)} · {pageDate(p)}
                    {p.analysis === null && ' · not analysed'}
                  </span>{' '}
                  <button
                    type="button"
                    class="small"
                    aria-label={`Forget ${clip(p.title || p.url, 100)}`}
                    onClick={() => props.onForgetPage(p.url)}
                  >
                    Forget
                  </button>
                </li>
              ))}
            </ul>
            {props.totalPages > props.pages.length && (
              <button type="button" onClick={props.onMorePages}>
                Show more pages
              </button>
            )}
          </section>

          {props.tags.length > 0 && (
            <section aria-labelledby="tags-h">
              <h2 id="tags-h">Tags</h2>
              <ul class="tags" aria-label="Tags">
                {props.tags.slice(0, 200).map((t) => (
                  <li key={t.tag}>
                    <button type="button" class="tag" onClick={() => setQuery(t.tag)}>
                      #{clip(t.tag, 60)} <span class="muted">{t.count}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}

      <section aria-labelledby="library-settings-h" class="settings">
        <h2 id="library-settings-h">Library</h2>
        <label>
          <input
            type="checkbox"
            checked={props.paused}
            onChange={(e) => props.onPause((e.target as HTMLInputElement).checked)}
          />{' '}
          Pause the library
        </label>
        <div class="actions">
          <button type="button" onClick={() => props.onExport('csv')}>
            Export library (CSV)
          </button>
          <button type="button" onClick={() => props.onExport('json')}>
            Export library (JSON)
          </button>
          <button
            type="button"
            aria-expanded={confirming}
            onClick={() => setConfirming(!confirming)}
          >
            Forget everything
          </button>
        </div>
        {confirming && (
          <fieldset class="choice">
            <legend>Forget every page read and every choice about people?</legend>
            <label>
              <input
                type="checkbox"
                checked={withNotes}
                onChange={(e) => setWithNotes((e.target as HTMLInputElement).checked)}
              />{' '}
              Also delete my notes (they go to the trash)
            </label>
            <div class="actions">
              <button
                type="button"
                onClick={() => {
                  setConfirming(false);
                  props.onForgetAll(withNotes);
                }}
              >
                Forget
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </fieldset>
        )}
      </section>
    </div>
  );
}

function Results({
  results,
  onOpenPerson,
  onOpenBody,
}: {
  results: { kind: ResultKind; hits: SearchHit[] }[];
  onOpenPerson(id: string): void;
  onOpenBody(key: string): void;
}) {
  if (results.length === 0) {
    return (
      <p class="muted" role="status">
        Nothing found.
      </p>
    );
  }
  return (
    <section class="results" aria-label="Search results">
      {results.map((group) => (
        <section key={group.kind} aria-labelledby={`results-${group.kind}`}>
          <h2 id={`results-${group.kind}`}>{KIND_NAMES[group.kind]}</h2>
          <ul class="entries">
            {group.hits.map((hit, i) => (
              <li key={`${hit.ref}-${i}`}>
                <Hit hit={hit} onOpenPerson={onOpenPerson} onOpenBody={onOpenBody} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function Hit({
  hit,
  onOpenPerson,
  onOpenBody,
}: {
  hit: SearchHit;
  onOpenPerson(id: string): void;
  onOpenBody(key: string): void;
}) {
  const body = (
    <>
      <span class="name">{clip(hit.label)}</span>
      {hit.detail && <span class="muted"> — {clip(hit.detail)}</span>}
    </>
  );
  if (hit.kind === 'organisation') {
    return (
      <button type="button" class="entry" onClick={() => onOpenBody(hit.ref)}>
        {body}
      </button>
    );
  }
  if (hit.kind === 'person' || hit.kind === 'title') {
    return (
      <button type="button" class="entry" onClick={() => onOpenPerson(hit.ref)}>
        {body}
      </button>
    );
  }
  const href = hit.kind === 'quote' ? (hit.link ?? hit.ref) : hit.ref;
  return (
    <a class="entry" href={href} target="_blank" rel="noopener noreferrer">
      {body}
    </a>
  );
}

/** The section's heading for each kind of quoted body. */
const BODY_HEADINGS: Record<BodyKind, string> = {
  organisation: 'Organisations quoted',
  document: 'Documents quoted',
};

/**
 * The organisations (or documents) that speak on the pages read: not people, so not among
 * People, but their quotations stay a click away. Nothing is shown when there are none.
 */
function BodySection({
  kind,
  bodies,
  load,
  opened,
}: {
  kind: BodyKind;
  bodies: readonly QuotedBody[];
  load(body: QuotedBody): Promise<QuoteRef[]>;
  /** The key of a body to show opened (chosen among search results). */
  opened: string | null;
}) {
  const [more, setMore] = useState(PAGE);
  const list = useMemo(() => bodies.filter((b) => b.kind === kind), [bodies, kind]);
  // A body opened from search is shown however far down the list it is.
  const at = opened ? list.findIndex((b) => b.key === opened) : -1;
  const shown = Math.max(more, at + 1);
  if (list.length === 0) return null;
  const heading = BODY_HEADINGS[kind];
  return (
    <section aria-labelledby={`bodies-${kind}-h`}>
      <h2 id={`bodies-${kind}-h`}>
        {heading} <span class="muted">({list.length.toLocaleString('en')})</span>
      </h2>
      <ul class="entries bodies" aria-label={heading}>
        {list.slice(0, shown).map((b) => (
          <li key={b.key}>
            <BodyEntry body={b} load={load} open={b.key === opened} />
          </li>
        ))}
      </ul>
      {list.length > shown && (
        <button type="button" onClick={() => setMore(shown + PAGE * 4)}>
          Show more
        </button>
      )}
    </section>
  );
}

/** One quoted body: its name and counts; opened, its quotations with links to the passages. */
function BodyEntry({
  body,
  load,
  open,
}: {
  body: QuotedBody;
  load(body: QuotedBody): Promise<QuoteRef[]>;
  /** Shown opened (its quotations read, its row focused) at once: chosen in search results. */
  open: boolean;
}) {
  const [quotes, setQuotes] = useState<QuoteRef[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const ref = useRef<HTMLDetailsElement>(null);
  const started = useRef(false);
  const pages = body.pages.length;
  /** Reads the quotations from the body's pages, once. */
  const read = () => {
    if (started.current) return;
    started.current = true;
    load(body).then(setQuotes, (error: unknown) =>
      setFailure(`Dossier could not read these quotations: ${String(error)}`),
    );
  };
  useEffect(() => {
    if (!open || !ref.current) return;
    ref.current.open = true;
    ref.current.querySelector('summary')?.focus();
    read();
  }, [open]);
  return (
    <details
      class="body"
      ref={ref}
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) read();
      }}
    >
      <summary>
        <span class="name">{clip(body.name)}</span>{' '}
        <span class="count">
          {body.quotes} {body.quotes === 1 ? 'quotation' : 'quotations'} · {pages}{' '}
          {pages === 1 ? 'page' : 'pages'}
        </span>
      </summary>
      {failure ? (
        <p role="alert" class="error">
          {failure}
        </p>
      ) : !quotes ? (
        <p class="muted">Opening…</p>
      ) : (
        <ul class="quotes" aria-label={`Quotations of ${clip(body.name, 100)}`}>
          {quotes.slice(0, 300).map((q, i) => (
            <li key={`${q.page.url}-${i}`}>
              <QuotedPassage quote={q} />
              <p class="muted small">
                {pageDate(q.page)} ·{' '}
                <a href={q.page.url} target="_blank" rel="noopener noreferrer">
                  {clip(q.page.title || q.page.url)}
                </a>{' '}
                · {clip(q.page.site, 100)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
