/**
 * Results of searching all pages, grouped by page (title, then the page's URL) so the reader
 * sees where each note lives. Notes on the current page can be revealed; other pages get a
 * link, but only an http(s) one: an imported `javascript:` URL is shown as text, never linked.
 * Long result sets are shown a slice at a time so a search matching thousands stays quick.
 */
import { useMemo, useState } from 'preact/hooks';
import type { Annotation } from '../../lib/annotation';
import { byPageOrder, groupByPage } from '../../lib/annotation/order';
import { countNotes, thousands } from '../../lib/format';
import { webHref } from '../../lib/url';
import { truncateQuote } from './note-text';

/** Props of `SearchResults`. */
export interface SearchResultsProps {
  query: string;
  /** null while the search runs. */
  results: readonly Annotation[] | null;
  /** The current page (normalised URL), whose notes can be revealed. */
  url: string;
  onReveal: (id: string) => void;
  /** How many notes to show before "Show more". */
  pageSize?: number;
}

interface Group {
  url: string;
  title: string;
  notes: Annotation[];
}

/** Groups by page, in the order pages first appear (the store sorts by last edit). */
function groupResults(results: readonly Annotation[]): Group[] {
  return [...groupByPage(results)].map(([url, notes]) => ({
    url,
    title: notes[0]?.page.title ?? '',
    notes: notes.sort(byPageOrder),
  }));
}

/** The all-pages result list, or a line saying there is nothing (yet). */
export function SearchResults({
  query,
  results,
  url,
  onReveal,
  pageSize = 200,
}: SearchResultsProps) {
  const [limit, setLimit] = useState(pageSize);
  const shown = useMemo(
    () => (results ? groupResults(results.slice(0, limit)) : []),
    [results, limit],
  );
  if (results === null) return <p class="notes-muted">Searching all pages…</p>;
  if (results.length === 0) {
    return <p class="notes-muted">No notes on any page match “{query}”.</p>;
  }
  return (
    <section class="notes-results" aria-label="Notes on all pages">
      <p class="notes-muted">
        {countNotes(results.length)} on {new Set(results.map((n) => n.page.url)).size} pages
      </p>
      {shown.map((group) => {
        const href = webHref(group.url);
        const here = group.url === url;
        return (
          <section key={group.url} class="notes-group" aria-label={group.title || group.url}>
            <h3 class="notes-group-title">
              {group.title || 'Untitled page'}
              {here && <span class="notes-muted"> (this page)</span>}
            </h3>
            {href ? (
              <a class="notes-url" href={href} target="_blank" rel="noopener noreferrer">
                {group.url}
              </a>
            ) : (
              <p class="notes-url">{group.url}</p>
            )}
            <ul class="notes-list">
              {group.notes.map((note) => (
                <li key={note.id} class="notes-item">
                  <div class="notes-item-head">
                    <span
                      class={`notes-swatch notes-swatch-${note.colour}`}
                      role="img"
                      aria-label={`${note.colour} highlight`}
                    />
                    {here ? (
                      <button
                        type="button"
                        class="notes-quote notes-quote-button"
                        title={note.quote.exact}
                        onClick={() => onReveal(note.id)}
                      >
                        <span class="notes-visually-hidden">Show on the page: </span>
                        {truncateQuote(note.quote.exact, 140)}
                      </button>
                    ) : (
                      <blockquote class="notes-quote" title={note.quote.exact}>
                        {truncateQuote(note.quote.exact, 140)}
                      </blockquote>
                    )}
                  </div>
                  {note.note && <p class="notes-text">{note.note}</p>}
                  {note.tags.length > 0 && (
                    <ul class="notes-tags" aria-label="Tags">
                      {note.tags.map((tag) => (
                        <li key={tag} class="notes-tag">
                          {tag}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {results.length > limit && (
        <button type="button" onClick={() => setLimit(limit + pageSize)}>
          Show more ({thousands(results.length - limit)} left)
        </button>
      )}
    </section>
  );
}
