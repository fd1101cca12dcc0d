/**
 * The side panel with a plain-object browser: the library tab lists people and pages, a
 * person's view is keyboard-reachable and its actions send the reader's choices, and hostile
 * records (markup, script, a 1 MB name) are shown as text without breaking the panel.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { SidePanel } from '../../../components/library/SidePanel';
import { libraryReader } from '../../../lib/library/reader';
import type { LibraryPage } from '../../../lib/library/records';
import { createLibraryService } from '../../../lib/library/service';
import { recordLibraryPage } from '../../../lib/store';
import type { LibraryApi, PopupApi } from '../../../lib/view-api';
import { libPage } from '../../lib/library/fixtures';
import { connections } from '../../lib/store/fixtures';

const openDb = connections();

/**
 * The panel's browser over a real (fake-indexeddb) store holding `pages`: the reader half is
 * the real one, and choices go straight to the real background service.
 */
function libraryApi(pages: LibraryPage[], overrides: Partial<LibraryApi> = {}): LibraryApi {
  const ready = openDb().then(async (db) => {
    for (const page of pages) await recordLibraryPage(db, page);
    return db;
  });
  const db = () => ready;
  const service = createLibraryService({ db });
  const ok = <T,>(value: T) => ({ ok: true as const, value });
  return {
    ...libraryReader(db, () => service.summarise(), { yieldToUi: async () => {} }),
    watch: () => () => {},
    followTab: (onTab) => {
      onTab(null);
      return () => {};
    },
    forgetPage: async (url, notes) => ok({ notes: await service.forgetPage(url, notes) }),
    forgetAll: async (notes) => ok({ notes: await service.forgetAll(notes) }),
    pause: async (paused) => ok({ paused: await service.setPaused(paused) }),
    merge: async (a, b) => ok(await service.merge(a, b).then(() => null)),
    split: async (a, b) => ok(await service.split(a, b).then(() => null)),
    splitPages: async (form, urls, sites) =>
      ok(await service.splitPages(form, urls, sites).then(() => null)),
    download: vi.fn(),
    now: () => new Date('2026-03-01T00:00:00Z'),
    ...overrides,
  };
}

const pageApi = {} as PopupApi;

describe('SidePanel', () => {
  it('has the two named tabs, and the library lists people by frequency', async () => {
    const pages = [
      libPage([['Antony Blinken', ['Secretary of State']], ['Jake Sullivan']]),
      libPage([['Secretary Blinken']]),
    ];
    render(<SidePanel api={libraryApi(pages)} pageApi={pageApi} initialTab="library" />);
    expect(screen.getByRole('tab', { name: 'This page' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Library', selected: true })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'People' });
    const rows = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows[0]).toMatch(/^Antony Blinken.*2 pages$/);
    expect(rows[1]).toMatch(/^Jake Sullivan.*1 page$/);
    expect(screen.getByRole('searchbox', { name: 'Search everything' })).toBeTruthy();
  });

  it('shows the rows its entry already read at once, and opens a person chosen meanwhile', async () => {
    const pages = [
      libPage([['Antony Blinken']], { quotes: [['Antony Blinken', 'We will help.']] }),
    ];
    const api = libraryApi(pages);
    const first = await api.summary(50);
    render(
      <SidePanel
        api={api}
        pageApi={pageApi}
        initialTab="library"
        initialSummary={first}
        initialPerson="antony blinken"
      />,
    );
    // No "Opening the library…" in between: the person is opened from the rows given.
    expect(screen.queryByText('Opening the library…')).toBeNull();
    expect(await screen.findByRole('heading', { level: 2, name: 'Antony Blinken' })).toBeTruthy();
    expect(await screen.findByText('“We will help.”')).toBeTruthy();
  });

  it('lists an organisation that speaks under "Organisations quoted", not among People, and opens its quotations', async () => {
    const ministry = 'Kavaristan’s Ministry of Energy';
    const pages = [
      libPage([['Marcus Hale']], {
        title: 'Pipeline talks',
        quotes: [
          ['Marcus Hale', 'We will stay.', 'person'],
          [ministry, 'Exports will double.', 'organisation'],
        ],
      }),
      // Recorded before the kind was kept: the rule on the name decides.
      libPage([], { title: 'Older page', quotes: [['Pipeline Consortium', 'Flows resumed.']] }),
    ];
    render(<SidePanel api={libraryApi(pages)} pageApi={pageApi} initialTab="library" />);
    const people = await screen.findByRole('list', { name: 'People' });
    expect([...people.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Marcus Hale/),
    ]);
    expect(screen.getByRole('heading', { level: 2, name: 'People (1)' })).toBeTruthy();
    expect(
      screen.getByRole('heading', { level: 2, name: 'Organisations quoted (2)' }),
    ).toBeTruthy();
    const orgs = screen.getByRole('list', { name: 'Organisations quoted' });
    const rows = [...orgs.querySelectorAll('summary')].map((s) => s.textContent);
    expect(rows).toEqual([
      `${ministry} 1 quotation · 1 page`,
      'Pipeline Consortium 1 quotation · 1 page',
    ]);
    const entry = orgs.querySelector('details') as HTMLDetailsElement;
    entry.open = true;
    fireEvent(entry, new Event('toggle'));
    const said = await screen.findByRole('link', { name: '“Exports will double.”' });
    expect(said.getAttribute('href')).toContain('#:~:text=');
    expect(screen.getByRole('link', { name: 'Pipeline talks' })).toBeTruthy();
  });

  it('opens an organisation found by search in its section, with its quotations', async () => {
    const ministry = 'Kavaristan’s Ministry of Energy';
    const pages = [
      libPage([['Marcus Hale']], {
        quotes: [[ministry, 'Exports will double.', 'organisation']],
      }),
    ];
    render(<SidePanel api={libraryApi(pages)} pageApi={pageApi} initialTab="library" />);
    await screen.findByRole('list', { name: 'People' });
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search everything' }), {
      target: { value: 'ministry' },
    });
    expect(
      await screen.findByRole('heading', { name: 'Organisations and documents' }),
    ).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'People' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: new RegExp(`^${ministry}`) }));
    expect(await screen.findByRole('link', { name: '“Exports will double.”' })).toBeTruthy();
    const entry = screen
      .getByRole('list', { name: 'Organisations quoted' })
      .querySelector('details') as HTMLDetailsElement;
    expect(entry.open).toBe(true);
  });

  it('moves between tabs with the arrow keys', async () => {
    render(<SidePanel api={libraryApi([])} pageApi={pageApi} initialTab="library" />);
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Library' }), { key: 'ArrowLeft' });
    expect(screen.getByRole('tab', { name: 'This page', selected: true })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('This page');
  });

  it('opens a person and sends "Not the same person" and "Merge with…" choices by name form', async () => {
    const split = vi.fn(async () => ({ ok: true as const, value: null }));
    const merge = vi.fn(async () => ({ ok: true as const, value: null }));
    const pages = [
      libPage([['Antony Blinken']]),
      libPage([['Blinken']]),
      libPage([['Jake Sullivan']]),
    ];
    render(
      <SidePanel
        api={libraryApi(pages, { split, merge })}
        pageApi={pageApi}
        initialTab="library"
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: /^Antony Blinken/ }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Antony Blinken' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Not the same person' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Blinken' }));
    fireEvent.click(screen.getByRole('button', { name: 'Separate' }));
    await waitFor(() => expect(split).toHaveBeenCalledWith(['blinken'], ['antony blinken']));

    fireEvent.click(screen.getByRole('button', { name: 'Merge with…' }));
    fireEvent.click(
      screen.getByRole('list', { name: 'People to merge with' }).querySelector('button') as Element,
    );
    await waitFor(() =>
      expect(merge).toHaveBeenCalledWith(['antony blinken', 'blinken'], ['jake sullivan']),
    );
  });

  it('tells apart two people of one full name when the reader picks the other one’s pages', async () => {
    const pages = [
      libPage([['John Smith', ['Senator']]], { site: 'Senate Watch', title: 'Senate vote' }),
      libPage([['John Smith', ['Bishop']]], { site: 'Church Times', title: 'Easter sermon' }),
    ];
    render(<SidePanel api={libraryApi(pages)} pageApi={pageApi} initialTab="library" />);
    fireEvent.click(await screen.findByRole('button', { name: /^John Smith/ }));
    await screen.findByRole('heading', { level: 2, name: 'John Smith' });
    expect(screen.getByText('2 pages', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Not the same person' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /^Easter sermon/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Split off these pages' }));
    await screen.findByText(/That page is about someone else of the same name/);
    // The person shown keeps the other page only; the library now lists two John Smiths.
    await waitFor(() => expect(screen.getByText('1 page', { exact: false })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '← All people' }));
    const list = await screen.findByRole('list', { name: 'People' });
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^John Smith — (Senator|Bishop)1 page$/),
      expect.stringMatching(/^John Smith — (Senator|Bishop)1 page$/),
    ]);
    expect(list.textContent).toContain('Senator');
    expect(list.textContent).toContain('Bishop');
  });

  it('exports the dossier as Markdown named after the person', async () => {
    const download = vi.fn();
    const pages = [
      libPage([['Antony Blinken']], { quotes: [['Antony Blinken', 'We will help.']] }),
    ];
    render(
      <SidePanel api={libraryApi(pages, { download })} pageApi={pageApi} initialTab="library" />,
    );
    fireEvent.click(await screen.findByRole('button', { name: /^Antony Blinken/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Export dossier' }));
    await waitFor(() => expect(download).toHaveBeenCalled());
    const [name, text, type] = download.mock.calls[0] as [string, string, string];
    expect(name).toBe('Antony Blinken.md');
    expect(text).toContain('> We will help.');
    expect(type).toMatch(/^text\/markdown/);
  });

  it('shows hostile records as text and stays usable', async () => {
    const huge = `${'X'.repeat(1_000_000)} Smith`;
    const pages = [
      libPage([['<img src=x onerror="window.__pwned=1"> Jones'], [huge]], {
        title: '<script>window.__pwned=1</script>Title',
        quotes: [['<img src=x onerror="window.__pwned=1"> Jones', '<b>bold</b> claim']],
      }),
    ];
    const { container } = render(
      <SidePanel api={libraryApi(pages)} pageApi={pageApi} initialTab="library" />,
    );
    await screen.findByRole('list', { name: 'People' });
    expect(container.querySelector('img, script, b')).toBeNull();
    // The pages read come right after the first rows of people.
    await waitFor(() =>
      expect(container.textContent).toContain('<script>window.__pwned=1</script>Title'),
    );
    // Long names are shortened on screen.
    expect(container.textContent?.length).toBeLessThan(20_000);
    fireEvent.click(screen.getByRole('button', { name: /^<img/ }));
    expect(await screen.findByText('“<b>bold</b> claim”')).toBeTruthy();
    expect(container.querySelector('img, script, b')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('skips what it cannot read in a corrupt record and shows the rest', async () => {
    const good = libPage([['Antony Blinken']], { quotes: [['Antony Blinken', 'We will help.']] });
    // Records as a damaged disk or an old bug might leave them: wrong types, missing fields.
    const corrupt = [
      { url: 'https://www.example.org/broken-1', analysis: { officials: 'x', quotes: null } },
      {
        url: 'https://www.example.org/broken-2',
        title: 42,
        lastRead: '2026-01-02T00:00:00.000Z',
        analysis: {
          officials: [{ name: 7 }, null, { name: 'Jake Sullivan', titles: 'adviser' }],
          quotes: [{ speaker: 'Jake Sullivan' }, 5],
        },
      },
    ] as unknown as LibraryPage[];
    const { container } = render(
      <SidePanel api={libraryApi([good, ...corrupt])} pageApi={pageApi} initialTab="library" />,
    );
    const list = await screen.findByRole('list', { name: 'People' });
    await waitFor(() =>
      expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
        expect.stringMatching(/^Antony Blinken/),
        expect.stringMatching(/^Jake Sullivan/),
      ]),
    );
    // The first broken record has no reading time, so it is not in the pages-read order at all.
    await waitFor(() =>
      expect(screen.getByRole('list', { name: 'Pages read' }).textContent).toContain('42'),
    );
    fireEvent.click(screen.getByRole('button', { name: /^Jake Sullivan/ }));
    await screen.findByRole('heading', { level: 2, name: 'Jake Sullivan' });
    fireEvent.click(screen.getByRole('button', { name: '← All people' }));
    fireEvent.click(await screen.findByRole('button', { name: /^Antony Blinken/ }));
    expect(await screen.findByText('“We will help.”')).toBeTruthy();
    expect(container.querySelector('[role=alert]')).toBeNull();
  });

  it('says so, calmly, when the library cannot be read', async () => {
    render(
      <SidePanel
        api={libraryApi([], {
          summary: async () => Promise.reject(new Error('disk gone')),
        })}
        pageApi={pageApi}
        initialTab="library"
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Dossier could not read the library: disk gone',
    );
  });
});
