/**
 * The library's first rows, shown by the side panel's entry before the rest of the panel has
 * loaded (entrypoints/sidepanel/main.tsx): the same header, tabs and people list as the full
 * panel, in the same places, so the full panel replaces it without the rows moving. The search
 * box is there but disabled until the panel behind it is loaded; a row or a tab chosen
 * meanwhile is passed on (`onChoose`) and opened by the full panel. Also home of `PersonRow`,
 * the one way a person's row is drawn, shared with the library tab.
 */
import type { Person } from '../../lib/library/identity';

/** Shortens text for the screen; anything that is not text (a damaged record) shows as text. */
export const clip = (value: unknown, n = 200): string => {
  const s = typeof value === 'string' ? value : value == null ? '' : String(value);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
};

/** One person's row in the people list: name, first title, on how many pages. */
export function PersonRow({ person, onOpen }: { person: Person; onOpen(id: string): void }) {
  const pages = Array.isArray(person.pages) ? person.pages.length : 0;
  return (
    <li>
      <button type="button" class="entry" onClick={() => onOpen(person.id)}>
        <span class="name">{clip(person.name)}</span>
        {person.titles?.[0] && <span class="muted"> — {clip(person.titles[0], 120)}</span>}
        <span class="count">
          {pages} {pages === 1 ? 'page' : 'pages'}
        </span>
      </button>
    </li>
  );
}

/** What the reader chose before the full panel was there. */
export interface EarlyChoice {
  tab?: 'page' | 'library';
  person?: string;
}

/** Props: the most frequent people, how many there are, and where a choice goes. */
export interface FirstRowsProps {
  people: readonly Person[];
  total: number;
  onChoose(choice: EarlyChoice): void;
}

/** The library tab's first rows, alone. */
export function FirstRows({ people, total, onChoose }: FirstRowsProps) {
  return (
    <main class="sidepanel" aria-busy="true">
      <header>
        <h1>Dossier</h1>
        <div role="tablist" aria-label="Dossier">
          <button
            type="button"
            role="tab"
            id="tab-page"
            aria-selected={false}
            tabIndex={-1}
            onClick={() => onChoose({ tab: 'page' })}
          >
            This page
          </button>
          <button type="button" role="tab" id="tab-library" aria-selected={true} tabIndex={0}>
            Library
          </button>
        </div>
      </header>
      <section role="tabpanel" id="panel-library" aria-labelledby="tab-library">
        <div class="library">
          <input
            type="search"
            class="search"
            aria-label="Search everything"
            placeholder="Search people, titles, quotations, notes, pages"
            disabled
          />
          <section aria-labelledby="people-h">
            <h2 id="people-h">
              People <span class="muted">({total.toLocaleString('en')})</span>
            </h2>
            <ul class="entries people" aria-label="People">
              {people.map((p) => (
                <PersonRow key={p.id} person={p} onOpen={(id) => onChoose({ person: id })} />
              ))}
            </ul>
          </section>
        </div>
      </section>
    </main>
  );
}
