/**
 * Typed messaging over `browser.runtime` and `browser.tabs`. Replies always travel as
 * `Reply<T>` through `sendResponse` (with `return true`), the one style that both Chromium and
 * the test fake-browser deliver; a missing receiver becomes an `{ ok: false }` reply rather than
 * an exception.
 */
import { type Browser, browser } from 'wxt/browser';
import {
  answeredByTab,
  type Call,
  errorMessage,
  type Message,
  type MessageType,
  parseMessage,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../protocol';

/** A handler for each accepted message type. */
export type Handlers<T extends MessageType> = {
  [K in T]: (
    payload: RequestOf<K>,
    sender: Browser.runtime.MessageSender,
  ) => ResponseOf<K> | Promise<ResponseOf<K>>;
};

function asReply<T>(raw: unknown): Reply<T> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) return raw as Reply<T>;
  return { ok: false, error: 'No answer from Dossier.' };
}

/** What a failed delivery says in place of the browser's own words. */
export const NOT_DELIVERED =
  'Dossier was restarting and did not answer in time. Nothing is lost: try again in a moment.';

/**
 * True for the browser's words when a message was lost on the way (the service worker stopped
 * or restarted), as opposed to an answer from Dossier.
 */
function lostInTransit(error: unknown): boolean {
  const text = errorMessage(error);
  return /Receiving end does not exist|message port closed|message channel closed|No answer from Dossier|Could not establish connection/i.test(
    text,
  );
}

/**
 * Waits between retries of a lost message: 0.1, 0.2, 0.4, 0.8 and 1.6 s, then every 3.2 s (about
 * 16 s in all). On a busy machine a worker stopped again and again can lose every message of a
 * shorter run (tests/e2e/worker-restart.e2e.ts lost 8 of 200 saves with 6.3 s).
 */
const RETRY_DELAYS_MS = [100, 200, 400, 800, 1_600, 3_200, 3_200, 3_200, 3_200];

/**
 * Sends a message to the background. With `retry`, a message lost on the way (the service
 * worker stopped before answering) is sent again, a few times, with growing pauses; only
 * messages that are safe to repeat may ask for it (a note created with its own id: a repeat
 * finds it already stored). A message that is never delivered gets `NOT_DELIVERED`, in plain
 * words, never the browser's.
 */
export async function sendToBackground<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
  { retry = false }: { retry?: boolean } = {},
): Promise<Reply<ResponseOf<T>>> {
  for (let attempt = 0; ; attempt += 1) {
    let failure: unknown;
    try {
      const raw: unknown = await browser.runtime.sendMessage({
        type,
        payload,
      } satisfies Message<T>);
      if (typeof raw === 'object' && raw !== null && 'ok' in raw)
        return raw as Reply<ResponseOf<T>>;
      failure = new Error('No answer from Dossier.');
    } catch (error) {
      failure = error;
    }
    if (!lostInTransit(failure)) return { ok: false, error: errorMessage(failure) };
    const delay = RETRY_DELAYS_MS[attempt];
    if (!retry || delay === undefined) return { ok: false, error: NOT_DELIVERED };
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/**
 * A client for messages `T` about tab `tabId`, derived from the map: each message goes to
 * whoever answers it (`answeredByTab`): the tab's content script or viewer, else the
 * background. With no tab, a tab's message is refused with `noTab`.
 */
export function routedCall<T extends MessageType>(tabId: number | null, noTab: string): Call<T> {
  return ((type: T, payload: never) => {
    if (!answeredByTab(type)) return sendToBackground(type, payload);
    if (tabId === null) return Promise.resolve({ ok: false as const, error: noTab });
    return sendToTab(tabId, type, payload);
  }) as Call<T>;
}

/** Sends a message to the content script of a tab (its top frame). */
export async function sendToTab<T extends MessageType>(
  tabId: number,
  type: T,
  payload: RequestOf<T>,
): Promise<Reply<ResponseOf<T>>> {
  try {
    const message: Message<T> = { type, payload };
    return asReply(await browser.tabs.sendMessage(tabId, message, { frameId: 0 }));
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
}

/**
 * Listens for the given message types, validates each against the protocol and answers with
 * the handler's value or error. Messages of other types are left for other listeners. Only
 * Dossier's own pages and content scripts reach `runtime.onMessage` (web pages would arrive on
 * `onMessageExternal`, which Dossier does not open), but a content script lives in a renderer
 * the page may have compromised, hence the validation. Returns the function that removes the
 * listener.
 */
export function handleMessages<T extends MessageType>(
  handlers: Handlers<T>,
  options: {
    /**
     * Decides, before anything is parsed, whether the sender may send this type at all:
     * null to go on, or the refusal to answer with (see lib/platform/access.ts).
     */
    authorize?: (type: T, sender: Browser.runtime.MessageSender) => string | null;
  } = {},
): () => void {
  const accept = Object.keys(handlers) as T[];
  const listener = (
    raw: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (reply: Reply<unknown>) => void,
  ): true | undefined => {
    const type = (raw as { type?: unknown } | null)?.type;
    if (!accept.includes(type as T)) return undefined;
    const refused = options.authorize?.(type as T, sender) ?? null;
    if (refused !== null) {
      sendResponse({ ok: false, error: refused });
      return true;
    }
    const parsed = parseMessage(raw, accept);
    if (!parsed.ok) {
      sendResponse({ ok: false, error: parsed.error });
      return true;
    }
    const { type: t, payload } = parsed.message as Message<T>;
    Promise.resolve()
      .then(() => handlers[t](payload, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error: unknown) => sendResponse({ ok: false, error: errorMessage(error) }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
