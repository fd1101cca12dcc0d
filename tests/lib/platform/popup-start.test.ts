import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { Annotation } from '../../../lib/annotation';
import { browserPopupApi } from '../../../lib/platform/popup-api';
import { askFirst, NOTES_WAIT_MS } from '../../../lib/platform/popup-start';
import type { NotesChange, PageInfo } from '../../../lib/protocol';

afterEach(() => vi.restoreAllMocks());

const PAGE = 'https://www.csis.org/analysis/x';

const info = (url: string, isArticle = true): PageInfo => ({
  url,
  title: 'Gas Talks Resume',
  wordCount: 1234,
  byline: null,
  isArticle,
});

const note = (id: string, text: string): Annotation => ({
  id,
  page: { url: PAGE, title: 'Gas Talks Resume', site: 'CSIS' },
  quote: { type: 'TextQuoteSelector', exact: 'the upper basin', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 15 },
  note: text,
  tags: [],
  colour: 'yellow',
  created: '2026-03-01T00:00:00.000Z',
  updated: '2026-03-01T00:00:00.000Z',
});

interface FakePort {
  url: string | null;
  closed: boolean;
  send(change: NotesChange): void;
}

/**
 * The browser behind the popup: a tab showing `tabUrl` (undefined: the popup may not see it)
 * whose page answers `page/info` with `pageInfo`, a background listing `stored` for any page,
 * and sync ports. Records every question in the order it was asked.
 */
function fakeBrowser({
  tabUrl,
  pageInfo,
  stored = [],
}: {
  tabUrl: string | undefined;
  pageInfo: PageInfo;
  stored?: Annotation[];
}) {
  const asked: string[] = [];
  const ports: FakePort[] = [];
  vi.spyOn(browser.tabs, 'get').mockImplementation((async (id: number) => {
    asked.push(`tabs.get ${id}`);
    return { id, url: tabUrl, title: 'Gas Talks Resume' };
  }) as never);
  vi.spyOn(browser.tabs, 'query').mockImplementation((async () => {
    asked.push('tabs.query');
    return [{ id: 7, url: tabUrl, title: 'Gas Talks Resume' }];
  }) as never);
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation((async (
    id: number,
    message: { type: string },
  ) => {
    asked.push(`tab ${id} ${message.type}`);
    return { ok: true, value: pageInfo };
  }) as never);
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (message: {
    type: string;
    payload: { url: string };
  }) => {
    asked.push(`background ${message.type} ${message.payload.url}`);
    return { ok: true, value: stored };
  }) as never);
  vi.spyOn(browser.runtime, 'connect').mockImplementation((() => {
    const heard = new Set<(message: unknown) => void>();
    const port: FakePort = {
      url: null,
      closed: false,
      send: (change) => {
        for (const listener of heard) listener({ change });
      },
    };
    ports.push(port);
    return {
      onMessage: { addListener: (listener: (message: unknown) => void) => heard.add(listener) },
      onDisconnect: { addListener: () => {} },
      postMessage: (message: { subscribe: string }) => {
        port.url = message.subscribe;
        asked.push(`feed ${message.subscribe}`);
      },
      disconnect: () => {
        port.closed = true;
      },
    } as never;
  }) as never);
  return { asked, ports };
}

const at = (search: string) => ({ search }) as Location;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the popup's first questions", () => {
  it('asks the page, the tab and the notes of the page at once, and answers the popup from them', async () => {
    const stored = [note('n1', 'first')];
    const { asked } = fakeBrowser({
      tabUrl: `${PAGE}?utm_source=mail#section`,
      pageInfo: info(PAGE),
      stored,
    });
    const api = browserPopupApi(at('?tab=7'), askFirst(at('?tab=7')));
    // Before anything has answered: the page and the tab are already being asked.
    expect(asked).toEqual(['tab 7 page/info', 'tabs.get 7']);

    const tab = await api.targetTab();
    expect(tab).toEqual({
      id: 7,
      url: `${PAGE}?utm_source=mail#section`,
      title: 'Gas Talks Resume',
    });
    // The page's identity from its address (no tracking parameter, no fragment); its change
    // feed is opened before its notes are read.
    expect(asked.slice(2)).toEqual([`feed ${PAGE}`, `background notes/list ${PAGE}`]);

    await expect(api.page(7)('page/info', {})).resolves.toEqual({ ok: true, value: info(PAGE) });
    const notes = api.notes(7);
    notes.subscribe(PAGE, () => {});
    await expect(notes.call('notes/list', { url: PAGE })).resolves.toEqual({
      ok: true,
      value: stored,
    });
    // Nothing was asked twice.
    expect(asked).toHaveLength(4);

    // Asked again (after "Analyze this page", say), each question goes out afresh.
    await api.page(7)('page/info', {});
    await notes.call('notes/list', { url: PAGE });
    await api.targetTab();
    expect(asked.slice(4)).toEqual([
      'tab 7 page/info',
      `background notes/list ${PAGE}`,
      'tabs.get 7',
    ]);
  });

  it('hands the panel every change made before it subscribed, then the live ones, on the same feed', async () => {
    const { ports } = fakeBrowser({ tabUrl: PAGE, pageInfo: info(PAGE) });
    const api = browserPopupApi(at('?tab=7'), askFirst(at('?tab=7')));
    await api.targetTab();
    const [feed] = ports;
    if (!feed) throw new Error('no feed was opened');
    feed.send({ kind: 'upsert', annotation: note('n1', 'edited in another tab') });
    feed.send({ kind: 'delete', id: 'n0', url: PAGE });

    const heard: NotesChange[] = [];
    const stop = api.notes(7).subscribe(PAGE, (change) => heard.push(change));
    expect(heard.map((c) => c.kind)).toEqual(['upsert', 'delete']);
    feed.send({ kind: 'delete', id: 'n1', url: PAGE });
    expect(heard.map((c) => c.kind)).toEqual(['upsert', 'delete', 'delete']);
    expect(ports).toHaveLength(1);
    stop();
    expect(feed.closed).toBe(true);
  });

  it('turns a flood of changes before the panel subscribes into one reload', async () => {
    const { ports } = fakeBrowser({ tabUrl: PAGE, pageInfo: info(PAGE) });
    const api = browserPopupApi(at('?tab=7'), askFirst(at('?tab=7')));
    await api.targetTab();
    for (let i = 0; i < 500; i++) {
      ports[0]?.send({ kind: 'upsert', annotation: note(`n${i}`, `edit ${i}`) });
    }
    const heard: NotesChange[] = [];
    api.notes(7).subscribe(PAGE, (change) => heard.push(change));
    expect(heard).toEqual([{ kind: 'reload' }]);
  });

  it('asks for the notes under the name the page gives when the popup may not see its address', async () => {
    const { asked } = fakeBrowser({ tabUrl: undefined, pageInfo: info(PAGE) });
    const api = browserPopupApi(at(''), askFirst(at('')));
    expect(await api.targetTab()).toEqual({ id: 7, url: null, title: 'Gas Talks Resume' });
    await api.page(7)('page/info', {});
    expect(asked).toEqual([
      'tabs.query',
      'tab 7 page/info',
      `feed ${PAGE}`,
      `background notes/list ${PAGE}`,
    ]);
    await api.notes(7).call('notes/list', { url: PAGE });
    expect(asked).toHaveLength(4);
  });

  it("asks under the page's canonical name too, and closes the feed of the wrong guess", async () => {
    const canonical = 'https://www.csis.org/analysis/gas-talks';
    const { asked, ports } = fakeBrowser({ tabUrl: PAGE, pageInfo: info(canonical) });
    const api = browserPopupApi(at('?tab=7'), askFirst(at('?tab=7')));
    await api.targetTab();
    await api.page(7)('page/info', {});
    expect(asked.filter((q) => q.startsWith('feed')).sort()).toEqual([
      `feed ${canonical}`,
      `feed ${PAGE}`,
    ]);
    api.notes(7).subscribe(canonical, () => {});
    expect(ports.map((p) => [p.url, p.closed]).sort()).toEqual([
      [canonical, false],
      [PAGE, true],
    ]);
    await api.notes(7).call('notes/list', { url: canonical });
    expect(asked.filter((q) => q.includes('notes/list'))).toHaveLength(2);
  });

  it('says when the early notes are in without taking them from the panel', async () => {
    const stored = [note('n1', 'first')];
    const { asked } = fakeBrowser({ tabUrl: PAGE, pageInfo: info(PAGE), stored });
    let answer = (_: unknown) => {};
    vi.mocked(browser.runtime.sendMessage).mockImplementation((async (message: {
      type: string;
      payload: { url: string };
    }) => {
      asked.push(`background ${message.type} ${message.payload.url}`);
      return new Promise((resolve) => (answer = resolve));
    }) as never);
    const first = askFirst(at('?tab=7'));
    const api = browserPopupApi(at('?tab=7'), first);
    await api.targetTab();
    let listed = false;
    void api.pageReady?.(PAGE).then(() => (listed = true));
    await settle();
    expect(listed).toBe(false);
    answer({ ok: true, value: stored });
    await settle();
    expect(listed).toBe(true);
    // The panel still takes the same answer, without asking the background again.
    await expect(api.notes(7).call('notes/list', { url: PAGE })).resolves.toEqual({
      ok: true,
      value: stored,
    });
    expect(asked.filter((q) => q.includes('notes/list'))).toHaveLength(1);
    // Once taken, and for a page never asked, there is nothing to wait for.
    await expect(first.notesListed(PAGE)).resolves.toBeUndefined();
    await expect(first.notesListed('https://www.csis.org/analysis/other')).resolves.toBeUndefined();
  });

  it('stops holding the page back for notes the background is slow to give', async () => {
    vi.useFakeTimers();
    try {
      const { asked } = fakeBrowser({ tabUrl: PAGE, pageInfo: info(PAGE) });
      vi.mocked(browser.runtime.sendMessage).mockImplementation((async (message: {
        type: string;
      }) => {
        asked.push(`background ${message.type}`);
        return new Promise(() => {});
      }) as never);
      const first = askFirst(at('?tab=7'));
      await first.targetTab();
      let listed = false;
      void first.notesListed(PAGE).then(() => (listed = true));
      await vi.advanceTimersByTimeAsync(NOTES_WAIT_MS - 1);
      expect(listed).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(listed).toBe(true);
      expect(asked).toContain('background notes/list');
    } finally {
      vi.useRealTimers();
    }
  });

  it('asks for no notes on a page that is not an article', async () => {
    const { asked } = fakeBrowser({ tabUrl: undefined, pageInfo: info(PAGE, false) });
    const api = browserPopupApi(at('?tab=7'), askFirst(at('?tab=7')));
    await api.targetTab();
    await api.page(7)('page/info', {});
    await settle();
    expect(asked).toEqual(['tab 7 page/info', 'tabs.get 7']);
  });
});
