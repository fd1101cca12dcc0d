/**
 * Finding people by name, as a researcher types it (no accents, plain letters).
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { PersonPanel } from '../../../components/library/PersonPanel';
import { buildLibrary, filterPeople, personView } from '../../../lib/library/model';
import { libPage } from '../../lib/library/fixtures';

describe('people filter by name', () => {
  it('finds Kılıçdaroğlu and Løkke Rasmussen typed without diacritics', () => {
    const lib = buildLibrary([
      libPage([['Kemal Kılıçdaroğlu'], ['Lars Løkke Rasmussen'], ['Lech Wałęsa']]),
    ]);
    expect(filterPeople(lib.people, { name: 'Kilicdaroglu' }).map((p) => p.name)).toEqual([
      'Kemal Kılıçdaroğlu',
    ]);
    expect(filterPeople(lib.people, { name: 'Lokke' }).map((p) => p.name)).toEqual([
      'Lars Løkke Rasmussen',
    ]);
    expect(filterPeople(lib.people, { name: 'Walesa' }).map((p) => p.name)).toEqual([
      'Lech Wałęsa',
    ]);
  });
});

describe('PersonPanel "Merge with…"', () => {
  it('finds Pedro Sánchez typed as "Sanchez", as the Library tab filter does', () => {
    const lib = buildLibrary([libPage([['Pedro Sánchez'], ['Antony Blinken']])]);
    const blinken = lib.people.find((p) => p.name === 'Antony Blinken');
    const view = personView(lib, blinken?.id as string, []);
    if (!view) throw new Error('no view');
    // The Library tab's own filter finds him.
    expect(filterPeople(lib.people, { name: 'Sanchez' }).map((p) => p.name)).toEqual([
      'Pedro Sánchez',
    ]);
    render(
      <PersonPanel
        view={view}
        people={lib.people}
        spellings={{}}
        onBack={vi.fn()}
        onExport={vi.fn()}
        onMerge={vi.fn()}
        onSplit={vi.fn()}
        onSplitPages={vi.fn()}
        onOpenPerson={vi.fn()}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Merge with…' }));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'Sanchez' } });
    const list = screen.getByRole('list', { name: 'People to merge with' });
    expect(list.textContent).toContain('Pedro Sánchez');
  });
});
