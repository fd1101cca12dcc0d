/**
 * The side panel's view of the browser (`LibraryApi` in lib/view-api.ts). Reading goes straight to the store (IndexedDB in the extension's
 * origin: the panel is an extension page, and reading 1,000 pages there is one transaction
 * instead of a multi-megabyte message); every change goes to the background, the single writer.
 */
import { browser } from 'wxt/browser';
import { libraryReader } from '../library/reader';
import { VIEWER_PATH } from '../pdf/redirect';
import { type DossierDB, openDossierDb } from '../store';
import type { LibraryApi, TargetTab } from '../view-api';
import { downloadFile } from './download';
import { handleMessages, sendToBackground } from './messaging';

const isWebPage = (url: string | undefined) => !!url && /^https?:/.test(url);
/** Dossier's PDF viewer shows a report: "This page" describes it as it does a web page. */
const isPdfViewer = (url: string) => url.startsWith(browser.runtime.getURL(VIEWER_PATH));

/** The real implementation. With `?tab=ID` in the panel's URL, it starts on that tab. */
export function browserLibraryApi(location: Location = globalThis.location): LibraryApi {
  let connection: Promise<DossierDB> | null = null;
  const db = () => {
    connection ??= openDossierDb({
      onClose: () => {
        connection = null;
      },
    }).catch((error: unknown) => {
      connection = null;
      throw error;
    });
    return connection;
  };
  return {
    ...libraryReader(
      db,
      async () => {
        const reply = await sendToBackground('library/summarise', {});
        if (!reply.ok) throw new Error(reply.error);
      },
      { settle: () => sendToBackground('library/settle', {}) },
    ),
    watch(onChange) {
      const stop = handleMessages({
        'library/changed': () => {
          onChange();
          return null;
        },
      });
      // Notes change through the sync hub; reading again when the panel is shown covers them.
      const visible = () => {
        if (document.visibilityState === 'visible') onChange();
      };
      document.addEventListener('visibilitychange', visible);
      return () => {
        stop();
        document.removeEventListener('visibilitychange', visible);
      };
    },
    followTab(onTab) {
      const toTarget = (tab: { id?: number; url?: string; title?: string }): TargetTab | null =>
        tab.id === undefined ? null : { id: tab.id, url: tab.url ?? null, title: tab.title ?? '' };
      let current: number | null = null;
      // Without the "tabs" permission a tab's URL is often hidden, so the one tab ruled out is
      // the panel's own (when it is opened as a page) and other extension pages.
      const self = browser.tabs.getCurrent().then(
        (t) => t?.id ?? -1,
        () => -1,
      );
      const usable = (tab: { id?: number; url?: string } | undefined, selfId: number) =>
        !!tab &&
        tab.id !== undefined &&
        tab.id !== selfId &&
        (!tab.url || isWebPage(tab.url) || isPdfViewer(tab.url));
      const show = async (tab: { id?: number; url?: string; title?: string } | undefined) => {
        if (!usable(tab, await self) || !tab) return;
        current = tab.id ?? null;
        onTab(toTarget(tab));
      };
      const fromUrl = Number(new URLSearchParams(location.search).get('tab'));
      void (async () => {
        if (Number.isInteger(fromUrl) && fromUrl > 0) {
          await show(await browser.tabs.get(fromUrl).catch(() => undefined));
          return;
        }
        const selfId = await self;
        const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
        if (usable(active, selfId)) return show(active);
        const all = await browser.tabs.query({ lastFocusedWindow: true });
        const recent = all
          .filter((t) => usable(t, selfId))
          .sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0];
        if (recent) await show(recent);
        else onTab(null);
      })();
      const activated = (info: { tabId: number }) => {
        void browser.tabs
          .get(info.tabId)
          .then(show)
          .catch(() => undefined);
      };
      const updated = (
        tabId: number,
        change: { status?: string },
        tab: { id?: number; url?: string },
      ) => {
        if (tabId === current && change.status === 'complete') void show(tab);
      };
      browser.tabs.onActivated.addListener(activated);
      browser.tabs.onUpdated.addListener(updated);
      return () => {
        browser.tabs.onActivated.removeListener(activated);
        browser.tabs.onUpdated.removeListener(updated);
      };
    },
    forgetPage: (url, notes) => sendToBackground('library/forget-page', { url, notes }),
    forgetAll: (notes) => sendToBackground('library/forget-all', { notes }),
    pause: (paused) => sendToBackground('library/pause', { paused }),
    merge: (a, b) => sendToBackground('library/merge', { a, b }),
    split: (a, b) => sendToBackground('library/split', { a, b }),
    splitPages: (form, pages, sites) =>
      sendToBackground('library/split-pages', { form, pages, sites }),
    download: (name, data, type) => downloadFile(name, data, type),
    now: () => new Date(),
  };
}
