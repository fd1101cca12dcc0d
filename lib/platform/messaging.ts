/**
 * Typed messaging over `browser.runtime` and `browser.tabs`. Replies always travel as
 * `Reply<T>` through `sendResponse` (with `return true`), the one style that both Chromium and
 * the test fake-browser deliver; a missing receiver becomes an `{ ok: false }` reply rather than
 * an exception.
 */
import { type Browser, browser } from 'wxt/browser';
import {
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

/** Sends a message to the background. */
export async function sendToBackground<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
): Promise<Reply<ResponseOf<T>>> {
  try {
    return asReply(await browser.runtime.sendMessage({ type, payload } satisfies Message<T>));
  } catch (error) {
    return { ok: false, error: errorMessage(error) };
  }
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
