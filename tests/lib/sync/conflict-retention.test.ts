/**
 * What the conflict rules put in the trash stays there for the reader's retention period,
 * counted from when the reader was told of it (its own time is the edit's, maybe much older).
 */
import { describe, expect, it } from 'vitest';
import { listTrash, purgeTrash, resolveConflicts, saveAnnotation } from '../../../lib/store';
import { noticesOf } from '../../../lib/sync/notices';
import { conflictingEdit, connections, makeAnnotation } from '../store/fixtures';

const openDb = connections();
const DAY = 24 * 60 * 60 * 1000;

describe('an other version kept by the conflict rules', () => {
  it('is still in the trash after the daily purge that follows the conflict', async () => {
    const now = Date.now();
    const iso = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    const db = await openDb();
    // The note was made 12 days ago and synced to both devices.
    const note = makeAnnotation({ note: 'original', created: iso(12), updated: iso(12) });
    await saveAnnotation(db, note);
    // The laptop, then away from the network, edited it 10 days ago ...
    await saveAnnotation(db, { ...note, note: 'edited on the laptop', updated: iso(10) });
    // ... and the desktop 9 days ago. The laptop comes back online today: conflict.
    const docId = await conflictingEdit(db, note, {
      type: 'note',
      note: { ...note, note: 'edited on the desktop', updated: iso(9) },
    });
    const resolution = await resolveConflicts(db, docId);
    expect(resolution).toBeDefined();
    const notices = noticesOf(resolution!, now);
    expect(notices.map((n) => n.text)).toEqual([expect.stringMatching(/version is in the trash/)]);
    expect((await listTrash(db)).map((t) => t.annotation.note)).toEqual(['edited on the laptop']);

    // The reader keeps deleted notes for 7 days; the purge runs at the next worker start, and
    // keeps what a notice of the last 7 days names (as lib/platform/background.ts asks it).
    const cutoff = new Date(now - 7 * DAY);
    const told = notices.filter((n) => n.at >= cutoff.getTime()).map((n) => n.restoreId);
    expect(await purgeTrash(db, cutoff, new Set(told))).toBe(0);
    expect((await listTrash(db)).map((t) => t.annotation.note)).toEqual(['edited on the laptop']);
    // Once the notice is older than the retention period, the purge takes it like any other.
    expect(await purgeTrash(db, cutoff)).toBe(1);
    expect(await listTrash(db)).toEqual([]);
  });
});
