/**
 * The real `NotesApi`: each call goes to whoever answers it in the protocol (lib/protocol.ts
 * `answeredByTab`): store operations to the background (the single writer), page operations
 * (reveal, orphans) to the content script of the tab. Changes arrive over a sync port.
 */
import type { NotesApi, NotesMessage } from '../notes/api';
import { answeredByTab, type Call } from '../protocol';
import { sendToBackground, sendToTab } from './messaging';
import { subscribeToChanges } from './sync-client';

/** The words for a page call when the view describes no tab. */
const NO_TAB = 'There is no page open in this tab.';

/** The notes API of a view describing tab `tabId` (null: no tab, page calls are refused). */
export function browserNotesApi(tabId: number | null): NotesApi {
  const call = ((type: NotesMessage, payload: never) => {
    if (!answeredByTab(type)) return sendToBackground(type, payload);
    if (tabId === null) return Promise.resolve({ ok: false as const, error: NO_TAB });
    return sendToTab(tabId, type, payload);
  }) as Call<NotesMessage>;
  return {
    call,
    subscribe: (url, onChange) =>
      subscribeToChanges({ url, onChange, onResync: () => onChange({ kind: 'reload' }) }),
  };
}
