/** The side panel's sync and trash calls (`SyncApi`, `TrashApi`), made of real browser calls. */
import { browser } from 'wxt/browser';
import type { Reply } from '../protocol';
import type { SyncApi, TrashApi } from '../sync/api';
import { hostPatternOf } from '../sync/config';
import { sendToBackground } from './messaging';
import { hasAccess } from './sync-access';

async function value<T>(reply: Promise<Reply<T>>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** The real sync API. */
export function browserSyncApi(): SyncApi {
  return {
    status: () => value(sendToBackground('sync/status', {})),
    async save(settings) {
      // First, while the click still counts as the reader's gesture: the browser asks them
      // (unless Dossier may reach that host already).
      const granted =
        (await hasAccess(settings.server)) ||
        (await browser.permissions.request({ origins: [hostPatternOf(settings.server)] }));
      if (!granted)
        throw new Error(
          'Sync needs access to the server: the browser was not allowed to reach it.',
        );
      return value(sendToBackground('sync/configure', settings));
    },
    off: () => value(sendToBackground('sync/off', {})),
    now: () => value(sendToBackground('sync/now', {})),
  };
}

/** The real trash and notices API. */
export function browserTrashApi(): TrashApi {
  return {
    trash: (limit) => value(sendToBackground('notes/trash', { limit })),
    async restore(id) {
      await value(sendToBackground('notes/undo', { id }));
    },
    async purge(id) {
      await value(sendToBackground('notes/purge', { id }));
    },
    notices: () => value(sendToBackground('sync/notices', {})),
    dismiss: (id) => value(sendToBackground('sync/dismiss-notice', { id })),
  };
}
