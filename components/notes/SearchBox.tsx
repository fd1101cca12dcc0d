/**
 * The "Search notes" box with its scope, "This page" or "All pages". It owns what is typed and
 * passes the query on after a short pause, so a keystroke re-renders the box, not the list,
 * and searching all pages asks the background once per pause rather than once per letter.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';

/** Where a search looks. */
export type SearchScope = 'page' | 'all';

/** Props of `SearchBox`. */
export interface SearchBoxProps {
  scope: SearchScope;
  onScope: (scope: SearchScope) => void;
  /** Called with the query a pause after typing stops (at once when cleared). */
  onQuery: (query: string) => void;
  /** The pause, in ms. */
  delay?: number;
}

/** A searchbox named exactly "Search notes" and a two-way scope switch. */
export function SearchBox({ scope, onScope, onQuery, delay = 150 }: SearchBoxProps) {
  const id = useId();
  const [text, setText] = useState('');
  const latest = useRef(onQuery);
  latest.current = onQuery;

  useEffect(() => {
    if (text === '') {
      latest.current('');
      return;
    }
    const timer = setTimeout(() => latest.current(text), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  return (
    <search class="notes-search">
      <label class="notes-visually-hidden" for={`${id}-q`}>
        Search notes
      </label>
      <input
        id={`${id}-q`}
        class="notes-input"
        type="search"
        placeholder="Search notes"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            setText('');
          }
        }}
      />
      <fieldset class="notes-scope">
        <legend class="notes-visually-hidden">Search in</legend>
        {(
          [
            ['page', 'This page'],
            ['all', 'All pages'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} class="notes-scope-option">
            <input
              type="radio"
              name={`${id}-scope`}
              value={value}
              checked={scope === value}
              onChange={() => onScope(value)}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
    </search>
  );
}
