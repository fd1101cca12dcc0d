/**
 * The popup's first questions, asked the moment its code runs and all at once, instead of one
 * after another once Preact has mounted and painted a frame: which tab it describes, what that
 * page is (`page/info`, from the tab) and, taking the page's identity from the tab's address
 * (lib/url.ts), that page's notes (`notes/list`, from the background), with the change feed for
 * them opened first so that nothing changed in between is missed. Opening the popup used to
 * wait for the three in turn.
 *
 * The popup takes each early answer once, the first time it asks that very question (the same
 * tab, the same page); every other question, and any later one (after "Analyze this page", say),
 * is asked afresh. A page whose identity is not its address (a same-site canonical link), or
 * whose address the popup may not see, has its notes asked the moment `page/info` names it;
 * the feed opened for a wrong guess is closed once the panel takes the right one. (A
 * page with no notes panel leaves its early feed open until the popup closes: it only holds that
 * page's changes, at most `BUFFER_MAX` of them.)
 */
import { browser } from 'wxt/browser';
import type { Annotation } from '../annotation';
import type { NotesApi, NotesMessage } from '../notes/api';
import type { Call, NotesChange, PageInfo, Reply } from '../protocol';
import { cleanUrl, isWebUrl } from '../url';
import type { TargetTab } from '../view-api';
import { sendToBackground, sendToTab } from './messaging';
import { subscribeToChanges } from './sync-client';

/**
 * Changes kept for a page's panel before it takes its subscription; past this many, they are
 * replaced by one "reload", which makes the panel list the page again.
 */
const BUFFER_MAX = 200;

/**
 * How long the popup holds its page back for the notes asked as it opened, so that both are
 * drawn in one frame (a few tens of milliseconds when the background is awake and idle).
 */
export const NOTES_WAIT_MS = 300;

/**
 * The tab the popup describes: the one named by `?tab=ID` in its own address when given (a
 * popped-out popup window, and the end-to-end tests), else the active tab.
 */
export async function findTargetTab(location: Location): Promise<TargetTab | null> {
  const fromUrl = tabIdFrom(location);
  const tab =
    fromUrl !== null
      ? await browser.tabs.get(fromUrl).catch(() => undefined)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab?.id) return null;
  return { id: tab.id, url: tab.url ?? null, title: tab.title ?? '' };
}

/** The tab id in `?tab=ID`, or null when there is none. */
function tabIdFrom(location: Location): number | null {
  const id = Number(new URLSearchParams(location.search).get('tab'));
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** A page's change feed opened early, holding what arrives until the panel takes it. */
interface EarlyFeed {
  take(onChange: (change: NotesChange) => void): () => void;
  close(): void;
}

function openEarlyFeed(url: string): EarlyFeed {
  let held: NotesChange[] = [];
  let deliver: ((change: NotesChange) => void) | null = null;
  const receive = (change: NotesChange) => {
    if (deliver) return deliver(change);
    // Once the changes held are replaced by a reload, that reload covers every later one too.
    if (held[0]?.kind === 'reload') return;
    held.push(change);
    if (held.length > BUFFER_MAX || change.kind === 'reload') held = [{ kind: 'reload' }];
  };
  const stop = subscribeToChanges({
    url,
    onChange: receive,
    onResync: () => receive({ kind: 'reload' }),
  });
  return {
    take(onChange) {
      deliver = onChange;
      for (const change of held.splice(0)) onChange(change);
      return stop;
    },
    close: stop,
  };
}

/** The early answers, each to be taken once by the question it answers. */
export interface FirstAnswers {
  /** The tab the popup describes (the early question's answer, the first time). */
  targetTab(): Promise<TargetTab | null> | undefined;
  /** `page/info` of tab `tabId`, if it was asked early. */
  pageInfo(tabId: number): Promise<Reply<PageInfo>> | undefined;
  /** `notes/list` of page `url`, if it was asked early. */
  notesList(url: string): Promise<Reply<Annotation[]>> | undefined;
  /**
   * Settles once the early `notes/list` of page `url` has its answer (at once when none was
   * asked, or it was taken already), or after `NOTES_WAIT_MS` at most; takes nothing, so the
   * panel still gets that answer.
   */
  notesListed(url: string): Promise<void>;
  /** The change feed of page `url` opened early, now delivering to `onChange`. */
  subscribe(url: string, onChange: (change: NotesChange) => void): (() => void) | undefined;
}

/** Asks the popup's first questions now, all at once, for the page in `location`'s tab. */
export function askFirst(location: Location): FirstAnswers {
  const info = new Map<number, Promise<Reply<PageInfo>>>();
  const lists = new Map<string, Promise<Reply<Annotation[]>>>();
  const feeds = new Map<string, EarlyFeed>();
  /** Every page asked for, and whether a panel has taken its feed (nothing more is asked then). */
  const asked = new Set<string>();
  let settled = false;
  const askNotes = (url: string) => {
    if (settled || asked.has(url)) return;
    asked.add(url);
    // The feed first, then the list: a change made while the list is read arrives after it.
    feeds.set(url, openEarlyFeed(url));
    lists.set(url, sendToBackground('notes/list', { url }));
  };
  const askInfo = (tabId: number) => {
    if (info.has(tabId)) return;
    const question = sendToTab(tabId, 'page/info', {});
    info.set(tabId, question);
    // The page's own word on its identity, when its address did not give it (no access to the
    // address, or a canonical link): its notes are asked for the moment it arrives.
    void question.then((reply) => {
      if (reply.ok && reply.value.isArticle && isWebUrl(reply.value.url)) askNotes(reply.value.url);
    });
  };
  // With the tab named in the address, its page is asked at once, beside the browser's answer.
  const named = tabIdFrom(location);
  if (named !== null) askInfo(named);
  let tab: Promise<TargetTab | null> | undefined = findTargetTab(location).then((found) => {
    if (!found) return null;
    askInfo(found.id);
    if (found.url !== null && isWebUrl(found.url)) askNotes(cleanUrl(found.url));
    return found;
  });
  const takeOnce = <K, V>(map: Map<K, V>, key: K): V | undefined => {
    const value = map.get(key);
    map.delete(key);
    return value;
  };
  return {
    targetTab() {
      const first = tab;
      tab = undefined;
      return first;
    },
    pageInfo: (tabId) => takeOnce(info, tabId),
    notesList: (url) => takeOnce(lists, url),
    notesListed: async (url) => {
      const list = lists.get(url);
      if (!list) return;
      // A background busy for long (a large import, a worker starting) must not keep the
      // page's title and tools from the reader: past this, the page is drawn without its notes.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        list,
        new Promise((resolve) => (timer = setTimeout(resolve, NOTES_WAIT_MS))),
      ]);
      clearTimeout(timer);
    },
    subscribe(url, onChange) {
      settled = true;
      const feed = takeOnce(feeds, url);
      // A panel for another page (its identity was not its address): the guess is not needed.
      for (const other of feeds.values()) other.close();
      feeds.clear();
      return feed?.take(onChange);
    },
  };
}

/** `api` answering its first list and subscription of a page from the early answers. */
export function withFirstAnswers(api: NotesApi, first: FirstAnswers): NotesApi {
  const call = ((type: NotesMessage, payload: never) => {
    const early =
      type === 'notes/list' ? first.notesList((payload as { url: string }).url) : undefined;
    return early ?? api.call(type, payload);
  }) as Call<NotesMessage>;
  return {
    call,
    subscribe: (url, onChange) => first.subscribe(url, onChange) ?? api.subscribe(url, onChange),
  };
}
