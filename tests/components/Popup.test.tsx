import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Popup } from '../../components/Popup';
import type { Call, PageInfo, Reply, RequestOf, ResponseOf } from '../../lib/protocol';
import { DEFAULT_SETTINGS } from '../../lib/settings';
import type { PageMessage, PopupApi } from '../../lib/view-api';
import { FakeNotesApi } from './notes/fake-notes-api';

const ARTICLE: PageInfo = {
  url: 'https://www.csis.org/analysis/x',
  title: 'Gas Talks Resume',
  wordCount: 1234,
  byline: 'Elena Marsh',
  isArticle: true,
};

/** How the fake tab and background answer each page message, given its payload and the tab. */
type PageAnswers = {
  [K in PageMessage]: (payload: RequestOf<K>, tabId: number) => Promise<Reply<ResponseOf<K>>>;
};

/** A tab where Dossier does not run, on a site it has not been allowed on. */
const NOT_RUNNING: PageAnswers = {
  'page/info': async () => ({ ok: false, error: 'Could not establish connection.' }),
  'site/status': async ({ url }) => ({
    ok: true,
    value: { origin: url, listed: false, enabled: false },
  }),
  'tab/analyze': async () => ({ ok: true, value: { injected: true } }),
  'page/analysis': async () => ({ ok: true, value: { officials: [], quotes: [] } }),
  'page/reveal': async () => ({ ok: true, value: { found: true } }),
};

const articleInfo: PageAnswers['page/info'] = async () => ({ ok: true, value: ARTICLE });

function api(overrides: Partial<PopupApi> = {}, answers: Partial<PageAnswers> = {}): PopupApi {
  const table = { ...NOT_RUNNING, ...answers } as Record<
    PageMessage,
    (payload: unknown, tabId: number) => Promise<unknown>
  >;
  return {
    targetTab: async () => ({ id: 7, url: 'https://news.example.com/story', title: 'Story' }),
    page: (tabId) =>
      ((type: PageMessage, payload: unknown) => table[type](payload, tabId)) as Call<PageMessage>,
    alwaysRunOn: async (origin) => ({ ok: true, value: { origin, listed: false, enabled: true } }),
    allowPolicySites: async () => ({ ok: true, value: { injected: true } }),
    loadSettings: async () => ({ ...DEFAULT_SETTINGS }),
    saveSettings: async () => {},
    notes: () => new FakeNotesApi(),
    transfer: () => ({
      now: () => new Date('2026-03-01T00:00:00Z'),
      listPage: async () => [],
      listAll: async () => ({ annotations: [], trash: [] }),
      importText: async () => {
        throw new Error('not used by these tests');
      },
      download: () => {},
    }),
    ...overrides,
  };
}

describe('the popup', () => {
  it('lists who is in the article and who said what, and reveals an entry on click', async () => {
    const reveal = vi.fn<PageAnswers['page/reveal']>(async () => ({
      ok: true,
      value: { found: true },
    }));
    const analysis: PageAnswers['page/analysis'] = async () => ({
      ok: true,
      value: {
        officials: [{ name: 'Daria Kovalenko', titles: ['Foreign Minister'], mentions: 4 }],
        quotes: [
          { text: 'We have not signed anything yet', speaker: 'Daria Kovalenko' },
          { text: 'Nobody here expected this', speaker: null },
        ],
      },
    });
    render(
      <Popup
        api={api(
          {},
          { 'page/info': articleInfo, 'page/analysis': analysis, 'page/reveal': reveal },
        )}
      />,
    );
    const who = await screen.findByRole('region', { name: "Who's who" });
    expect(who.textContent).toContain('Daria Kovalenko — Foreign Minister4 mentions');
    const said = screen.getByRole('region', { name: 'Who said what' });
    expect([...said.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Daria Kovalenko',
      'Unattributed',
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Nobody here expected/ }));
    expect(reveal).toHaveBeenCalledWith({ kind: 'quote', index: 1 }, 7);
  });

  it('switches highlights off for this site and keeps the setting', async () => {
    const saveSettings = vi.fn<PopupApi['saveSettings']>(async () => {});
    render(<Popup api={api({ saveSettings }, { 'page/info': articleInfo })} />);
    const box = await screen.findByRole('checkbox', { name: 'Highlights on www.csis.org' });
    fireEvent.click(box);
    await waitFor(() =>
      expect(saveSettings).toHaveBeenCalledWith({
        highlights: true,
        sites: { 'www.csis.org': false },
        keepTrashDays: 30,
      }),
    );
  });

  it('lets the reader choose how long deleted notes stay restorable', async () => {
    const saveSettings = vi.fn(async () => {});
    render(<Popup api={api({ saveSettings }, { 'page/info': articleInfo })} />);
    const select = await screen.findByRole('combobox', { name: 'Keep deleted notes for' });
    expect((select as HTMLSelectElement).value).toBe('30');
    fireEvent.change(select, { target: { value: 'forever' } });
    await waitFor(() =>
      expect(saveSettings).toHaveBeenCalledWith({
        highlights: true,
        sites: {},
        keepTrashDays: null,
      }),
    );
    fireEvent.change(select, { target: { value: '7' } });
    await waitFor(() =>
      expect(saveSettings).toHaveBeenLastCalledWith({
        highlights: true,
        sites: {},
        keepTrashDays: 7,
      }),
    );
  });

  it('shows the title, byline and word count of the article', async () => {
    render(<Popup api={api({}, { 'page/info': articleInfo })} />);
    const region = await screen.findByRole('region', { name: 'This article' });
    expect(region.textContent).toContain('Gas Talks Resume');
    expect(region.textContent).toContain('Elena Marsh');
    expect(screen.getByTestId('word-count').textContent).toBe('1,234 words');
  });

  it('draws the article once the notes asked as it opened are in, not before them', async () => {
    let arrived = () => {};
    const pageReady = vi.fn(() => new Promise<void>((resolve) => (arrived = resolve)));
    render(<Popup api={api({ pageReady }, { 'page/info': articleInfo })} />);
    await waitFor(() => expect(pageReady).toHaveBeenCalledWith(ARTICLE.url));
    // The page has answered; its notes have not: the popup still says it is reading.
    expect(screen.getByText('Reading this page…')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'This article' })).toBeNull();
    arrived();
    const region = await screen.findByRole('region', { name: 'This article' });
    expect(region.textContent).toContain('Gas Talks Resume');
    expect(screen.queryByText('Reading this page…')).toBeNull();
  });

  it('waits for no notes on a page that is not an article', async () => {
    const pageReady = vi.fn(() => new Promise<void>(() => {}));
    const info = { ...ARTICLE, isArticle: false, message: 'Not an article.' };
    render(
      <Popup api={api({ pageReady }, { 'page/info': async () => ({ ok: true, value: info }) })} />,
    );
    await screen.findByText('Not an article.');
    expect(pageReady).not.toHaveBeenCalled();
  });

  it('says calmly when the page is not an article', async () => {
    const info = {
      ...ARTICLE,
      isArticle: false,
      message: 'This page does not look like an article.',
    };
    render(<Popup api={api({}, { 'page/info': async () => ({ ok: true, value: info }) })} />);
    await screen.findByText('This page does not look like an article.');
  });

  it('offers to analyze or always run on a site where Dossier is not running', async () => {
    const pageInfo = vi
      .fn<PageAnswers['page/info']>()
      .mockResolvedValueOnce({ ok: false, error: 'no receiver' })
      .mockResolvedValue({ ok: true, value: ARTICLE });
    const analyzeTab = vi.fn<PageAnswers['tab/analyze']>(async () => ({
      ok: true,
      value: { injected: true },
    }));
    render(<Popup api={api({}, { 'page/info': pageInfo, 'tab/analyze': analyzeTab })} />);
    await screen.findByText('Dossier does not run on news.example.com yet.');
    expect(screen.getByRole('button', { name: 'Always run on this site' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Analyze this page' }));
    await screen.findByRole('region', { name: 'This article' });
    expect(analyzeTab).toHaveBeenCalledWith({ tabId: 7 }, 7);
  });

  it('shows why "Always run on this site" did not work, and keeps the buttons', async () => {
    const alwaysRunOn = vi.fn<PopupApi['alwaysRunOn']>(async (origin) => ({
      ok: false,
      error: `Permission for ${origin} was not given.`,
    }));
    render(<Popup api={api({ alwaysRunOn })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Always run on this site' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Permission for https://news.example.com was not given.');
    expect(alwaysRunOn).toHaveBeenCalledWith('https://news.example.com', 7);
    expect(screen.getByRole('button', { name: 'Analyze this page' })).toBeTruthy();
  });

  it('says when the browser has not given access to a listed site, and asks for it in one click', async () => {
    const pageInfo = vi
      .fn<PageAnswers['page/info']>()
      .mockResolvedValueOnce({ ok: false, error: 'no receiver' })
      .mockResolvedValue({ ok: true, value: ARTICLE });
    const allowPolicySites = vi.fn<PopupApi['allowPolicySites']>(async () => ({
      ok: true,
      value: { injected: true },
    }));
    const targetTab = async () => ({ id: 7, url: 'https://www.csis.org/analysis/x', title: 'X' });
    const siteStatus: PageAnswers['site/status'] = async ({ url }) => ({
      ok: true,
      value: { origin: url, listed: true, enabled: true, access: false },
    });
    render(
      <Popup
        api={api(
          { targetTab, allowPolicySites },
          { 'page/info': pageInfo, 'site/status': siteStatus },
        )}
      />,
    );
    const notice = await screen.findByRole('region', { name: 'Access to policy sites' });
    expect(notice.textContent).toContain('Dossier may not read www.csis.org yet');
    fireEvent.click(screen.getByRole('button', { name: 'Allow on policy sites' }));
    await screen.findByRole('region', { name: 'This article' });
    expect(allowPolicySites).toHaveBeenCalledWith(7);
  });

  it('shows no access notice where the browser gave access, and says why a refusal failed', async () => {
    const targetTab = async () => ({ id: 7, url: 'https://www.csis.org/analysis/x', title: 'X' });
    const granted: PageAnswers['site/status'] = async ({ url }) => ({
      ok: true,
      value: { origin: url, listed: true, enabled: true, access: true },
    });
    const { unmount } = render(<Popup api={api({ targetTab }, { 'site/status': granted })} />);
    await screen.findByText('Dossier does not run on www.csis.org yet.');
    expect(screen.queryByRole('region', { name: 'Access to policy sites' })).toBeNull();
    unmount();

    const missing: PageAnswers['site/status'] = async ({ url }) => ({
      ok: true,
      value: { origin: url, listed: true, enabled: true, access: false },
    });
    const allowPolicySites = async () => ({
      ok: false as const,
      error: 'Access to the policy sites was not given.',
    });
    render(<Popup api={api({ targetTab, allowPolicySites }, { 'site/status': missing })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow on policy sites' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Access to the policy sites was not given.',
    );
  });

  it('offers access when the browser hides the tab’s address (no access to its site)', async () => {
    const pageInfo = vi
      .fn<PageAnswers['page/info']>()
      .mockResolvedValueOnce({ ok: false, error: 'no receiver' })
      .mockResolvedValue({ ok: true, value: ARTICLE });
    const allowPolicySites = vi.fn<PopupApi['allowPolicySites']>(async () => ({
      ok: true,
      value: { injected: true },
    }));
    const targetTab = async () => ({ id: 9, url: null, title: '' });
    render(<Popup api={api({ targetTab, allowPolicySites }, { 'page/info': pageInfo })} />);
    const notice = await screen.findByRole('region', { name: 'Access to policy sites' });
    expect(notice.textContent).toContain('The browser does not let Dossier see this tab.');
    expect(screen.queryByText(/web pages only/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Allow on policy sites' }));
    await screen.findByRole('region', { name: 'This article' });
    expect(allowPolicySites).toHaveBeenCalledWith(9);
  });

  it('explains that browser pages cannot be read', async () => {
    render(
      <Popup
        api={api({ targetTab: async () => ({ id: 1, url: 'chrome://settings', title: '' }) })}
      />,
    );
    await screen.findByText('Dossier reads web pages only (http and https).');
  });

  it('never stays blank when the browser fails', async () => {
    render(
      <Popup
        api={api({
          targetTab: async () => {
            throw new Error('tabs unavailable');
          },
        })}
      />,
    );
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('tabs unavailable'),
    );
  });
});
