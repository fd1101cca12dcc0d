/**
 * The real `NotesApi`: store operations go to the background (the single writer), page
 * operations (reveal, orphans) to the content script of the tab, changes arrive over a port.
 */
import type { NotesApi } from '../notes/api';
import { sendToBackground, sendToTab } from './messaging';
import { subscribeToChanges } from './sync-client';

/** The notes API of a popup describing tab `tabId`. */
export function browserNotesApi(tabId: number | null): NotesApi {
  const noTab = async () => ({ ok: false as const, error: 'There is no page open in this tab.' });
  return {
    list: (url) => sendToBackground('notes/list', { url }),
    update: (id, patch) => sendToBackground('notes/update', { id, patch }),
    remove: (id) => sendToBackground('notes/delete', { id }),
    undo: (id) => sendToBackground('notes/undo', { id }),
    search: (query, url) => sendToBackground('notes/search', url ? { query, url } : { query }),
    tags: () => sendToBackground('tags/list', {}),
    renameTag: (from, to) => sendToBackground('tags/rename', { from, to }),
    mergeTags: (sources, into) => sendToBackground('tags/merge', { sources, into }),
    reveal: (id) => (tabId === null ? noTab() : sendToTab(tabId, 'notes/reveal', { id })),
    orphans: () => (tabId === null ? noTab() : sendToTab(tabId, 'notes/orphans', {})),
    subscribe: (url, onChange) =>
      subscribeToChanges({ url, onChange, onResync: () => onChange({ kind: 'reload' }) }),
  };
}
