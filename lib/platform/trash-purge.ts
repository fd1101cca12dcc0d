/**
 * The trash's retention: once a day (a `chrome.alarms` alarm, which survives service-worker
 * shutdowns, unlike a timer) and at every worker start, notes deleted longer ago than the
 * reader's setting (7, 30 or 90 days, or for ever) are purged, so the trash does not grow for
 * ever. A purge that fails is retried at the next alarm; it never touches a live note.
 */
import { browser } from 'wxt/browser';
import { type Settings, trashCutoff } from '../settings';

/** The alarm's name. */
export const PURGE_ALARM = 'dossier-purge-trash';

/** Minutes between purges. */
const DAY_MINUTES = 24 * 60;

/** What the schedule needs, passed in so tests control time and the store. */
export interface TrashPurgeDeps {
  purge(olderThan: Date): Promise<number>;
  loadSettings(): Promise<Settings>;
  now?: () => Date;
}

/** Purges once by the current setting; resolves with how many notes were removed. */
export async function purgeOldTrash(deps: TrashPurgeDeps): Promise<number> {
  const cutoff = trashCutoff(await deps.loadSettings(), (deps.now ?? (() => new Date()))());
  return cutoff ? deps.purge(cutoff) : 0;
}

/**
 * Registers the daily alarm (kept if it already exists, so a worker restart does not push it
 * back) and its listener, and runs one purge now. Returns the listener's remover.
 */
export function scheduleTrashPurge(deps: TrashPurgeDeps): () => void {
  const run = () => purgeOldTrash(deps).catch(() => 0);
  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name === PURGE_ALARM) void run();
  };
  browser.alarms.onAlarm.addListener(onAlarm);
  void browser.alarms.get(PURGE_ALARM).then((existing) => {
    if (!existing) {
      void browser.alarms.create(PURGE_ALARM, {
        delayInMinutes: DAY_MINUTES,
        periodInMinutes: DAY_MINUTES,
      });
    }
  });
  void run();
  return () => browser.alarms.onAlarm.removeListener(onAlarm);
}
