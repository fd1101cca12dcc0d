/** The trash's retention: purged daily by an alarm and at worker start, by the reader's choice. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { NewAnnotation } from '../../../lib/annotation';
import { createNotesService } from '../../../lib/notes/service';
import { PURGE_ALARM, scheduleTrashPurge } from '../../../lib/platform/trash-purge';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings';
import { openDossierDb } from '../../../lib/store';

const DAY = 24 * 60 * 60 * 1000;

function input(exact: string): NewAnnotation {
  return {
    page: { url: 'https://www.csis.org/analysis/a', title: 'A', site: 'CSIS' },
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    note: '',
    tags: [],
    colour: 'yellow',
  };
}

/** A notes service whose clock the test moves, with one note deleted on each given day. */
async function serviceWithTrash(deletedDaysAgo: number[], live: number) {
  let clock = new Date('2026-12-04T12:00:00.000Z').getTime();
  const notes = createNotesService({ db: () => openDossierDb(), now: () => new Date(clock) });
  const start = clock;
  for (const daysAgo of deletedDaysAgo) {
    clock = start - daysAgo * DAY;
    const note = await notes.create(input(`deleted ${daysAgo} days ago`));
    await notes.remove(note.id);
  }
  clock = start;
  for (let i = 0; i < live; i++) await notes.create(input(`live ${i}`));
  return { notes, now: () => new Date(clock), advance: (days: number) => (clock += days * DAY) };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('trash retention', () => {
  it('purges at worker start the notes deleted longer ago than 30 days, and nothing else', async () => {
    const { notes, now } = await serviceWithTrash([45, 31, 29, 1], 2);
    const stop = scheduleTrashPurge({
      purge: (olderThan) => notes.purgeTrash(olderThan),
      loadSettings: async () => DEFAULT_SETTINGS,
      now,
    });
    await settle();
    const { annotations, trash } = await notes.all();
    expect(annotations).toHaveLength(2);
    expect(trash.map((t) => t.annotation.quote.exact).sort()).toEqual([
      'deleted 1 days ago',
      'deleted 29 days ago',
    ]);
    stop();
  });

  it('keeps one daily alarm across worker restarts and purges when it fires, by the current setting', async () => {
    const { notes, now, advance } = await serviceWithTrash([3], 0);
    let settings: Settings = { ...DEFAULT_SETTINGS, keepTrashDays: 7 };
    const deps = {
      purge: (olderThan: Date) => notes.purgeTrash(olderThan),
      loadSettings: async () => settings,
      now,
    };
    const first = scheduleTrashPurge(deps);
    await settle();
    const alarm = await fakeBrowser.alarms.get(PURGE_ALARM);
    expect(alarm?.periodInMinutes).toBe(24 * 60);
    first();
    // A restarted worker registers again; the existing alarm is kept, not pushed back.
    const second = scheduleTrashPurge(deps);
    await settle();
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
    expect((await notes.all()).trash).toHaveLength(1);

    advance(5);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: PURGE_ALARM,
      scheduledTime: 0,
      persistAcrossSessions: false,
    });
    await settle();
    expect((await notes.all()).trash).toHaveLength(0);

    // Kept for ever: nothing is purged, however old.
    settings = { ...settings, keepTrashDays: null };
    const old = await notes.create(input('old'));
    await notes.remove(old.id);
    advance(400);
    await fakeBrowser.alarms.onAlarm.trigger({
      name: PURGE_ALARM,
      scheduledTime: 0,
      persistAcrossSessions: false,
    });
    await settle();
    expect((await notes.all()).trash).toHaveLength(1);
    second();
  });
});
