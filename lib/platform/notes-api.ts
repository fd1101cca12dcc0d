/**
 * The real `NotesApi`: each call goes to whoever answers it in the protocol (lib/protocol.ts
 * `answeredByTab`): store operations to the background (the single writer), page operations
 * (reveal, orphans) to the content script of the tab. Changes arrive over a sync port.
 */
import type { NotesApi, NotesMessage } from '../notes/api';
import { routedCall } from './messaging';
import { subscribeToChanges } from './sync-client';

/** The words for a page call when the view describes no tab. */
export const NO_TAB = 'There is no page open in this tab.';

/** The notes API of a view describing tab `tabId` (null: no tab, page calls are refused). */
export function browserNotesApi(tabId: number | null): NotesApi {
  return {
    call: routedCall<NotesMessage>(tabId, NO_TAB),
    subscribe: (url, onChange) =>
      subscribeToChanges({ url, onChange, onResync: () => onChange({ kind: 'reload' }) }),
  };
}
