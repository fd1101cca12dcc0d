/**
 * What the popup needs from the browser, behind one small interface so that the popup's
 * components can be tested with a plain object instead of a mocked browser.
 */
import { browser } from 'wxt/browser';
import type { AnalysisSummary } from '../content/entities-layer';
import type { NotesApi } from '../notes/api';
import type { TransferDeps } from '../notes/transfer';
import type { PageInfo, Reply, SiteStatus } from '../protocol';
import type { Settings } from '../settings';
import { downloadFile } from './download';
import { sendToBackground, sendToTab } from './messaging';
import { browserNotesApi } from './notes-api';
import { loadSettings, saveSettings } from './settings-store';
import { openSidePanel } from './side-panel';
import { originPattern } from './sites';

/** The tab the popup is about. */
export interface TargetTab {
  id: number;
  url: string | null;
  title: string;
}

/** The popup's view of the browser. */
export interface PopupApi {
  /** The tab the popup describes, or null when there is none it can read. */
  targetTab(): Promise<TargetTab | null>;
  pageInfo(tabId: number): Promise<Reply<PageInfo>>;
  siteStatus(url: string): Promise<Reply<SiteStatus>>;
  analyzeTab(tabId: number): Promise<Reply<unknown>>;
  /** Asks the user for the origin (must run inside a click), then enables it. */
  alwaysRunOn(origin: string, tabId: number): Promise<Reply<SiteStatus>>;
  /** Officials and quotations the content script found. */
  analysis(tabId: number): Promise<Reply<AnalysisSummary>>;
  reveal(
    tabId: number,
    kind: 'official' | 'quote',
    index: number,
  ): Promise<Reply<{ found: boolean }>>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  notes(tabId: number | null): NotesApi;
  transfer(): TransferDeps;
  /** Opens the side panel (must run inside the click); absent where there is none. */
  openDossier?(tabId: number | null): Promise<boolean>;
}

/** Unwraps a reply for the transfer actions, which report failures as exceptions. */
async function value<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * The real implementation. The popup describes the tab named by `?tab=ID` in its own URL when
 * given (a popped-out popup window, and the end-to-end tests), else the active tab.
 */
export function browserPopupApi(location: Location = globalThis.location): PopupApi {
  return {
    async targetTab() {
      const fromUrl = Number(new URLSearchParams(location.search).get('tab'));
      const tab =
        Number.isInteger(fromUrl) && fromUrl > 0
          ? await browser.tabs.get(fromUrl).catch(() => undefined)
          : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (!tab?.id) return null;
      return { id: tab.id, url: tab.url ?? null, title: tab.title ?? '' };
    },
    pageInfo: (tabId) => sendToTab(tabId, 'page/info', {}),
    siteStatus: (url) => sendToBackground('site/status', { url }),
    analyzeTab: (tabId) => sendToBackground('tab/analyze', { tabId }),
    async alwaysRunOn(origin, tabId) {
      let granted = false;
      try {
        granted = await browser.permissions.request({ origins: [originPattern(origin)] });
      } catch (error) {
        return { ok: false, error: `The browser refused the request: ${String(error)}` };
      }
      if (!granted) return { ok: false, error: `Permission for ${origin} was not given.` };
      return sendToBackground('site/enable', { origin, tabId });
    },
    analysis: (tabId) => sendToTab(tabId, 'page/analysis', {}),
    reveal: (tabId, kind, index) => sendToTab(tabId, 'page/reveal', { kind, index }),
    loadSettings,
    saveSettings,
    notes: browserNotesApi,
    async openDossier(tabId) {
      // Called at once, without awaiting anything first: the browser wants the click's gesture.
      const opened = await openSidePanel(tabId === null ? {} : { tabId });
      if (opened) globalThis.close?.();
      return opened;
    },
    transfer: () => ({
      now: () => new Date(),
      listPage: (url) => value(sendToBackground('notes/list', { url })),
      listAll: () => value(sendToBackground('notes/all', {})),
      importText: (text) => value(sendToBackground('notes/import-file', { text })),
      download: (name, data, type) => downloadFile(name, data, type),
    }),
  };
}
