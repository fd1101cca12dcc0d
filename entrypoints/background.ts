/**
 * The background service worker: the single writer of the reader's notes, the hub that keeps
 * every open view in sync, and the owner of what outlives a tab (sites the user enabled).
 */
import { startBackground } from '@/lib/platform/background';

export default defineBackground(() => {
  startBackground();
});
