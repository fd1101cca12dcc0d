/**
 * The side panel's first rows read on their own (lib/store/first-rows.ts): the most frequent
 * people from a current summary, how many there are, the choices and the pause switch; and
 * null, with nothing created or changed, whenever the ordinary path must do the reading.
 */
import { describe, expect, it } from 'vitest';
import {
  DB_NAME,
  listPeopleSummary,
  rebuildPeopleSummary,
  recordLibraryPage,
  savePersonChoices,
  setLibraryPaused,
} from '../../../lib/store';
import { readFirstRows } from '../../../lib/store/first-rows';
import { libPage } from '../library/fixtures';
import { connections } from './fixtures';

const openDb = connections();

describe('readFirstRows', () => {
  it('reads the most frequent people, as the ordinary path lists them', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    const names = ['Anna Bako', 'Boris Kori', 'Carla Rista', 'Dana Menlo'];
    // Anna on four pages, Boris on three, Carla on two, Dana on one.
    for (let i = 0; i < 4; i++) {
      await recordLibraryPage(
        db,
        libPage(
          names.slice(0, 4 - i).map((n) => [n]),
          { url: `https://www.example.org/${i}` },
        ),
      );
    }
    await savePersonChoices(db, [
      { id: 'c1', at: '2026-01-01T00:00:00.000Z', kind: 'split', a: ['x'], b: ['y'] },
    ]);
    await setLibraryPaused(db, true);
    const rows = await readFirstRows(2);
    expect(rows?.people.map((p) => p.name)).toEqual(['Anna Bako', 'Boris Kori']);
    expect(rows?.total).toBe(4);
    expect(rows?.paused).toBe(true);
    expect(rows?.choices.map((c) => c.id)).toEqual(['c1']);
    const ordinary = await listPeopleSummary(db, 2);
    expect(rows?.people).toEqual(ordinary?.people);
  });

  it('answers null, creating nothing, when there is no database yet', async () => {
    expect(await readFirstRows(50)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
  });

  it('answers null when the summary is not built yet, so the background builds it', async () => {
    const db = await openDb();
    await recordLibraryPage(db, libPage([['Anna Bako']]));
    expect(await readFirstRows(50)).toBeNull();
    await rebuildPeopleSummary(db);
    expect((await readFirstRows(50))?.people.map((p) => p.name)).toEqual(['Anna Bako']);
  });

  it('never keeps a newer version of the database waiting', async () => {
    const db = await openDb();
    await rebuildPeopleSummary(db);
    const reading = readFirstRows(50);
    db.close();
    // An upgrade asked for while the read may still hold its connection goes through.
    const upgraded = await new Promise<number>((resolve, reject) => {
      const open = indexedDB.open(DB_NAME, db.idb.version + 1);
      open.onsuccess = () => {
        open.result.close();
        resolve(open.result.version);
      };
      open.onerror = () => reject(open.error);
    });
    expect(upgraded).toBe(db.idb.version + 1);
    // After it, the database is of another version than this Dossier's: the ordinary path reads.
    await reading;
    expect(await readFirstRows(50)).toBeNull();
  });
});
