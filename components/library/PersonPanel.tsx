/**
 * A person's view in the library: headed by their name, the titles seen over time, each
 * quotation with its date, page and a link that opens the passage (text fragment), the pages
 * they appear on, and the reader's notes on those pages and notes that name them. Actions:
 * `Export dossier`, `Not the same person` (separate some of their names), `Merge with…`.
 * Every text from the library is rendered as text (Preact escapes it), never as HTML.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Annotation } from '../../lib/annotation';
import type { Person } from '../../lib/library/identity';
import { filterPeople, type PersonView, pageDate, type QuoteRef } from '../../lib/library/model';

/** Props: the view, the people to merge with, and the actions. */
export interface PersonPanelProps {
  view: PersonView;
  /** Everyone in the library (the candidates for "Merge with…"). */
  people: readonly Person[];
  /** The spellings seen for each of the person's name forms. */
  spellings: Readonly<Record<string, readonly string[]>>;
  onBack(): void;
  onExport(): void;
  onMerge(other: Person): void;
  onSplit(forms: string[]): void;
  /** One name, two people: the name on these pages is someone else. */
  onSplitPages(pages: string[]): void;
  onOpenPerson(id: string): void;
}

/** Shortens text for the screen; anything that is not text (a damaged record) shows as text. */
const clip = (value: unknown, n = 400): string => {
  const s = typeof value === 'string' ? value : value == null ? '' : String(value);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};

/**
 * A quotation's words, linked to the passage on its page (a text fragment); shared by the
 * person's view and the Library tab's organisations and documents.
 */
export function QuotedPassage({ quote }: { quote: QuoteRef }) {
  return (
    <blockquote>
      <a href={quote.link} target="_blank" rel="noopener noreferrer">
        “{clip(quote.quote.text, 600)}”
      </a>
    </blockquote>
  );
}

/** The spellings the library saw for a name form. */
function spellingsOf(spellings: PersonPanelProps['spellings'], form: string): string {
  const list = spellings[form];
  return list && list.length > 0 ? list.map((s) => clip(s, 80)).join(', ') : clip(form, 80);
}

/** One person's dossier. */
export function PersonPanel(props: PersonPanelProps) {
  const { view } = props;
  const { person } = view;
  const heading = useRef<HTMLHeadingElement>(null);
  const [mode, setMode] = useState<'none' | 'merge' | 'split'>('none');
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [chosenPages, setChosenPages] = useState<Set<string>>(new Set());

  // A new person is a new panel (SidePanel keys it by id), so the choices start empty.
  useEffect(() => {
    heading.current?.focus();
  }, []);

  const candidates = useMemo(() => {
    if (mode !== 'merge') return [];
    // As the Library tab's filter finds people: accents folded, every name form.
    return filterPeople(props.people, { name: filter })
      .filter((p) => p.id !== person.id)
      .slice(0, 20);
  }, [mode, filter, props.people, person.id]);

  return (
    <article class="person" aria-labelledby="person-name">
      <button type="button" class="link" onClick={props.onBack}>
        ← All people
      </button>
      <h2 id="person-name" tabIndex={-1} ref={heading}>
        {clip(person.name, 200)}
      </h2>
      <p class="muted">
        {person.pages.length} {person.pages.length === 1 ? 'page' : 'pages'} · {person.mentions}{' '}
        {person.mentions === 1 ? 'mention' : 'mentions'} · {view.quotes.length}{' '}
        {view.quotes.length === 1 ? 'quotation' : 'quotations'}
      </p>
      <div class="actions">
        <button type="button" onClick={props.onExport}>
          Export dossier
        </button>
        <button
          type="button"
          aria-expanded={mode === 'split'}
          onClick={() => setMode(mode === 'split' ? 'none' : 'split')}
        >
          Not the same person
        </button>
        <button
          type="button"
          aria-expanded={mode === 'merge'}
          onClick={() => setMode(mode === 'merge' ? 'none' : 'merge')}
        >
          Merge with…
        </button>
      </div>

      {mode === 'split' && person.forms.length < 2 && view.pages.length < 2 && (
        <p class="muted" role="status">
          Dossier knows this person by one name on one page only, so there is nothing to separate.
        </p>
      )}
      {mode === 'split' && person.forms.length >= 2 && (
        <fieldset class="choice">
          <legend>Which names belong to someone else?</legend>
          {person.forms.map((form) => (
            <label key={form}>
              <input
                type="checkbox"
                checked={chosen.has(form)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if ((e.target as HTMLInputElement).checked) next.add(form);
                  else next.delete(form);
                  setChosen(next);
                }}
              />{' '}
              {spellingsOf(props.spellings, form)}
            </label>
          ))}
          <button
            type="button"
            disabled={chosen.size === 0 || chosen.size === person.forms.length}
            onClick={() => props.onSplit([...chosen])}
          >
            Separate
          </button>
        </fieldset>
      )}
      {mode === 'split' && view.pages.length >= 2 && (
        <fieldset class="choice">
          <legend>Same name, someone else: on which pages?</legend>
          {view.pages.slice(0, 300).map((p) => (
            <label key={p.url}>
              <input
                type="checkbox"
                checked={chosenPages.has(p.url)}
                onChange={(e) => {
                  const next = new Set(chosenPages);
                  if ((e.target as HTMLInputElement).checked) next.add(p.url);
                  else next.delete(p.url);
                  setChosenPages(next);
                }}
              />{' '}
              {clip(p.title || p.url, 200)} <span class="muted small">{clip(p.site, 100)}</span>
            </label>
          ))}
          <button
            type="button"
            disabled={chosenPages.size === 0 || chosenPages.size === view.pages.length}
            onClick={() => props.onSplitPages([...chosenPages])}
          >
            Split off these pages
          </button>
        </fieldset>
      )}

      {mode === 'merge' && (
        <section class="choice" aria-label="Merge with another person">
          <label>
            Merge with whom?{' '}
            <input
              type="search"
              value={filter}
              onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
            />
          </label>
          <ul class="entries" aria-label="People to merge with">
            {candidates.map((p) => (
              <li key={p.id}>
                <button type="button" class="entry" onClick={() => props.onMerge(p)}>
                  {clip(p.name, 200)}
                  {p.titles[0] && <span class="muted"> — {clip(p.titles[0], 120)}</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="titles-h">
        <h3 id="titles-h">Titles</h3>
        {view.titles.length === 0 ? (
          <p class="muted">No titles recorded.</p>
        ) : (
          <ul>
            {view.titles.map((t) => (
              <li key={t.title}>
                {clip(t.title, 300)}{' '}
                <span class="muted">
                  ({t.first === t.last ? t.first : `${t.first} – ${t.last}`})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="quotes-h">
        <h3 id="quotes-h">Quotations</h3>
        {view.quotes.length === 0 ? (
          <p class="muted">No quotations recorded.</p>
        ) : (
          <ul class="quotes">
            {view.quotes.slice(0, 300).map((q, i) => (
              <li key={`${q.page.url}-${i}`}>
                <QuotedPassage quote={q} />
                <p class="muted small">
                  {pageDate(q.page)} · {clip(q.page.title, 200)} · {clip(q.page.site, 100)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="pages-h">
        <h3 id="pages-h">Pages</h3>
        <ul>
          {view.pages.map((p) => (
            <li key={p.url}>
              <a href={p.url} target="_blank" rel="noopener noreferrer">
                {clip(p.title || p.url, 200)}
              </a>{' '}
              <span class="muted small">
                {clip(p.site, 100)} · {pageDate(p)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <NoteList title="Notes on these pages" id="notes-on-h" notes={view.notesOnPages} />
      <NoteList
        title={`Notes naming ${clip(person.name, 100)}`}
        id="notes-naming-h"
        notes={view.notesNaming}
      />
    </article>
  );
}

function NoteList({ title, id, notes }: { title: string; id: string; notes: Annotation[] }) {
  if (notes.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul class="quotes">
        {notes.slice(0, 200).map((n) => (
          <li key={n.id}>
            <blockquote>{clip(n.quote.exact, 400)}</blockquote>
            {n.note && <p>{clip(n.note, 1000)}</p>}
            <p class="muted small">
              <a href={n.page.url} target="_blank" rel="noopener noreferrer">
                {clip(n.page.title || n.page.url, 200)}
              </a>
              {n.tags.length > 0 && ` · ${n.tags.map((t) => `#${t}`).join(' ')}`}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
