/** The popup's view of the browser (`PopupApi` in lib/view-api.ts), made of real browser calls. */
import { browser } from 'wxt/browser';
import type { Annotation, TrashedAnnotation } from '../annotation';
import { MESSAGE_MAX_CHARS } from '../annotation/limits';
import type { ImportOutcome, Reply, ResponseOf } from '../protocol';
import { dropFile, leaveFile } from '../store/hand-off';
import type { PageMessage, PopupApi } from '../view-api';
import { downloadFile } from './download';
import { routedCall, sendToBackground } from './messaging';
import { browserNotesApi, NO_TAB } from './notes-api';
import { type FirstAnswers, findTargetTab, withFirstAnswers } from './popup-start';
import { loadSettings, saveSettings } from './settings-store';
import { openSidePanel } from './side-panel';
import { originPattern, requestPolicySiteAccess } from './sites';

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
 * Imports a chosen file by handing it to the background through IndexedDB (lib/store/hand-off.ts):
 * the file is stored once and named in one message, instead of read here and copied through
 * messages in parts. Where the hand-off database cannot be written, the file goes in parts as
 * before. The background removes the file once read; if the message never reaches it, so does
 * this side.
 */
export async function importHandedOff(file: Blob): Promise<ImportOutcome> {
  let key: string;
  try {
    key = await leaveFile(file);
  } catch {
    return importInParts(await file.text());
  }
  try {
    return await value(sendToBackground('notes/import-file', { handOff: key }));
  } catch (error) {
    await dropFile(key).catch(() => undefined);
    throw error;
  }
}

/**
 * The real implementation. The popup describes the tab named by `?tab=ID` in its own URL when
 * given (a popped-out popup window, and the end-to-end tests), else the active tab. `first`:
 * the answers to the popup's first questions, asked early (lib/platform/popup-start.ts); each
 * is used once, by the same question, and every other question is asked as it comes.
 */
export function browserPopupApi(
  location: Location = globalThis.location,
  first?: FirstAnswers,
): PopupApi {
  return {
    targetTab: () => first?.targetTab() ?? findTargetTab(location),
    page: (tabId) => {
      const call = routedCall<PageMessage>(tabId, NO_TAB);
      if (!first) return call;
      return ((type: PageMessage, payload: never) =>
        (type === 'page/info' ? first.pageInfo(tabId) : undefined) ??
        call(type, payload)) as typeof call;
    },
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
    async allowPolicySites(tabId) {
      let granted = false;
      try {
        granted = await requestPolicySiteAccess();
      } catch (error) {
        return { ok: false, error: `The browser refused the request: ${String(error)}` };
      }
      if (!granted) return { ok: false, error: 'Access to the policy sites was not given.' };
      return sendToBackground('tab/analyze', { tabId });
    },
    loadSettings,
    saveSettings,
    notes: (tabId) =>
      first ? withFirstAnswers(browserNotesApi(tabId), first) : browserNotesApi(tabId),
    async openDossier(tabId) {
      // Called at once, without awaiting anything first: the browser wants the click's gesture.
      const opened = await openSidePanel(tabId === null ? {} : { tabId });
      if (opened) globalThis.close?.();
      return opened;
    },
    transfer: () => ({
      now: () => new Date(),
      listPage: (url) => value(sendToBackground('notes/list', { url })),
      listAll: () => listEverything(),
      importText: (text) => importInParts(text),
      importFile: (file) => importHandedOff(file),
      download: (name, data, type) => downloadFile(name, data, type),
    }),
  };
}
