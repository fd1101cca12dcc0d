/**
 * The first rows the side panel's entry shows before the rest of it is loaded: the people list
 * as the library tab draws it (hostile names as text), a disabled search box, and a row or tab
 * chosen meanwhile passed on for the full panel to open.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { FirstRows } from '../../../components/library/FirstRows';
import type { Person } from '../../../lib/library/identity';

function person(id: string, name: string, pages: number, titles: string[] = []): Person {
  return {
    id,
    name,
    forms: [id],
    titles,
    sites: [],
    pages: Array.from({ length: pages }, (_, i) => `https://www.example.org/${i}`),
    dates: [],
    mentions: pages,
  };
}

describe('FirstRows', () => {
  it('lists the people as the library tab does, and passes a chosen row or tab on', () => {
    const onChoose = vi.fn();
    const { container } = render(
      <FirstRows
        people={[
          person('antony blinken', 'Antony Blinken', 3, ['Secretary of State']),
          person('jones', '<img src=x onerror="window.__pwned=1"> Jones', 1),
        ]}
        total={2_400}
        onChoose={onChoose}
      />,
    );
    const rows = [...screen.getByRole('list', { name: 'People' }).querySelectorAll('li')];
    expect(rows.map((li) => li.textContent)).toEqual([
      'Antony Blinken — Secretary of State3 pages',
      '<img src=x onerror="window.__pwned=1"> Jones1 page',
    ]);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { name: 'People (2,400)' })).toBeTruthy();
    expect(
      (screen.getByRole('searchbox', { name: 'Search everything' }) as HTMLInputElement).disabled,
    ).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: /^Antony Blinken/ }));
    expect(onChoose).toHaveBeenLastCalledWith({ person: 'antony blinken' });
    fireEvent.click(screen.getByRole('tab', { name: 'This page' }));
    expect(onChoose).toHaveBeenLastCalledWith({ tab: 'page' });
  });
});
