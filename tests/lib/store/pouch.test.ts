/**
 * The notes database's own adjustments to PouchDB's IndexedDB adapter: the revision trees a
 * replication asks for in one go (`revsDiff`) are read in one transaction, and every caller
 * still gets what the adapter would have answered; a live change feed, once cancelled, reads
 * nothing more.
 */
import { describe, expect, it, vi } from 'vitest';
import { openNotesDatabase } from '../../../lib/store/pouch';

/** Counts the read-only transactions opened on the notes database while `work` runs. */
async function readTransactions(work: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
  try {
    await work();
    return spy.mock.calls.filter(([, mode]) => mode === undefined || mode === 'readonly').length;
  } finally {
    spy.mockRestore();
  }
}

describe('the notes database', () => {
  it("answers replication's revision check for many notes from one read", async () => {
    const db = openNotesDatabase('pouch-test');
    const [a, b] = await db.bulkDocs([
      { _id: 'note:p:a', type: 'note', note: {} as never },
      { _id: 'note:p:b', type: 'note', note: {} as never },
    ]);
    const revA = (a as { rev: string }).rev;
    const revB = (b as { rev: string }).rev;
    const [edited] = await db.bulkDocs([
      { _id: 'note:p:b', _rev: revB, type: 'note', note: { edited: true } as never },
    ]);

    let diff: unknown;
    const reads = await readTransactions(async () => {
      diff = await (db as unknown as { revsDiff(req: object): Promise<unknown> }).revsDiff({
        'note:p:a': [revA, '7-0123456789abcdef'],
        'note:p:b': [(edited as { rev: string }).rev],
        'note:p:c': ['1-fedcba9876543210'],
        'note:p:d': ['1-00', '2-11'],
      });
    });
    expect(diff).toEqual({
      'note:p:a': { missing: ['7-0123456789abcdef'] },
      'note:p:c': { missing: ['1-fedcba9876543210'] },
      'note:p:d': { missing: ['1-00', '2-11'] },
    });
    expect(reads).toBe(1);
    await db.destroy();
  });

  it('still reads one revision tree at a time for a single document', async () => {
    const db = openNotesDatabase('pouch-one');
    await db.bulkDocs([{ _id: 'note:p:x', type: 'note', note: {} as never }]);
    const diff = await (db as unknown as { revsDiff(req: object): Promise<unknown> }).revsDiff({
      'note:p:x': ['1-abc'],
    });
    expect(diff).toEqual({ 'note:p:x': { missing: ['1-abc'] } });
    await db.destroy();
  });

  it('stops reading changes for a live feed once it is cancelled', async () => {
    const db = openNotesDatabase('pouch-cancel');
    const heard: string[] = [];
    const feed = db.changes({ since: 'now', live: true, include_docs: true });
    feed.on('change', (change) => heard.push(change.id));
    await db.bulkDocs([{ _id: 'note:p:a', type: 'note', note: {} as never }]);
    await vi.waitFor(() => expect(heard).toEqual(['note:p:a']));
    feed.cancel();
    // The adapter's live feed reads the changes again after every write with this call; a
    // cancelled one that kept listening would read every later write back for nothing.
    const reads = vi.spyOn(db, 'changes');
    await db.bulkDocs([{ _id: 'note:p:b', type: 'note', note: {} as never }]);
    await db.bulkDocs([{ _id: 'note:p:c', type: 'note', note: {} as never }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).not.toHaveBeenCalled();
    expect(heard).toEqual(['note:p:a']);
    reads.mockRestore();
    await db.destroy();
  });

  it('never starts listening when a live feed is cancelled before it began', async () => {
    const db = openNotesDatabase('pouch-cancel-early');
    await db.info();
    const feed = db.changes({ since: 0, live: true });
    feed.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reads = vi.spyOn(db, 'changes');
    await db.bulkDocs([{ _id: 'note:p:a', type: 'note', note: {} as never }]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    await db.destroy();
  });
});
