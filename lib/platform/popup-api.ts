/**
 * What the popup needs from the browser, behind one small interface so that the popup's
 * components can be tested with a plain object instead of a mocked browser.
 */
import { browser } from 'wxt/browser';
import type { Annotation } from '../annotation';
import type { AnalysisSummary } from '../content/entities-layer';
import type { NotesApi } from '../notes/api';
import { MESSAGE_MAX_CHARS } from '../notes/limits';
import type { ImportOutcome, TransferDeps } from '../notes/transfer';
import type { PageInfo, Reply, ResponseOf, SiteStatus } from '../protocol';
import type { Settings } from '../settings';
import type { TrashedAnnotation } from '../store';
import { downloadFile } from './download';
import { sendToBackground, sendToTab } from './messaging';
import { browserNotesApi } from './notes-api';
import { loadSettings, saveSettings } from './settings-store';
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
}

/** Unwraps a reply for the transfer actions, which report failures as exceptions. */
async function value<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/**
 * Every note and the trash, gathered a page at a time (one message for 100,000 notes would
 * pass Chrome's 64 MiB limit).
 */
export async function listEverything(): Promise<{
  annotations: Annotation[];
  trash: TrashedAnnotation[];
}> {
  const annotations: Annotation[] = [];
  const trash: TrashedAnnotation[] = [];
  let cursor: string | null = null;
  do {
    const page: ResponseOf<'notes/all'> = await value(
      sendToBackground('notes/all', cursor === null ? {} : { cursor }),
    );
    for (const note of page.annotations) annotations.push(note);
    for (const entry of page.trash) trash.push(entry);
    cursor = page.next;
  } while (cursor !== null);
  return { annotations, trash };
}

/** Sends a file's text to the background in parts that each fit in a message, then imports it. */
export async function importInParts(text: string): Promise<ImportOutcome> {
  if (text.length <= MESSAGE_MAX_CHARS) {
    return value(sendToBackground('notes/import-file', { text }));
  }
  const upload = crypto.randomUUID();
  let parts = 0;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + MESSAGE_MAX_CHARS);
    // Never between the two halves of a character outside the BMP.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
    const part = text.slice(start, end);
    await value(sendToBackground('notes/import-part', { upload, index: parts, text: part }));
    parts += 1;
    start = end;
  }
  return value(sendToBackground('notes/import-file', { upload, parts }));
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
    transfer: () => ({
      now: () => new Date(),
      listPage: (url) => value(sendToBackground('notes/list', { url })),
      listAll: () => listEverything(),
      importText: (text) => importInParts(text),
      download: (name, data, type) => downloadFile(name, data, type),
    }),
  };
}
