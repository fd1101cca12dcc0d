/**
 * The notes database's own adjustments to PouchDB's IndexedDB adapter: the revision trees a
 * replication asks for in one go (`revsDiff`) are read in one transaction, and every caller
 * still gets what the adapter would have answered; a write of many documents learns which of
 * them are stored from one read; a live change feed, once cancelled, reads nothing more; and a
 * note's body is stored once, never again as the adapter's rewritten copy for field indexes.
 */
import { describe, expect, it, vi } from 'vitest';
import { keyBefore, openNotesDatabase, storedOnce } from '../../../lib/store/pouch';

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

  /** Counts the document reads (`get`) and key-list reads (`getAllKeys`) made while `work` runs. */
  async function reads(work: () => Promise<unknown>): Promise<{ gets: number; keyLists: number }> {
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const keyLists = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys');
    try {
      await work();
      return { gets: gets.mock.calls.length, keyLists: keyLists.mock.calls.length };
    } finally {
      gets.mockRestore();
      keyLists.mockRestore();
    }
  }

  const many = (count: number, from = 0, body: object = {}) =>
    Array.from({ length: count }, (_, i) => ({
      _id: `note:p:${String(from + i).padStart(4, '0')}`,
      type: 'note' as const,
      note: body as never,
    }));

  it('learns from one read that the documents of a large write are new', async () => {
    const db = openNotesDatabase('pouch-new');
    await db.info();
    let results: unknown[] = [];
    const counted = await reads(async () => {
      results = await db.bulkDocs(many(100));
    });
    expect(counted).toEqual({ gets: 0, keyLists: 1 });
    expect(results).toHaveLength(100);
    expect(results.every((r) => (r as { ok?: boolean }).ok)).toBe(true);
    expect((await db.allDocs({})).total_rows).toBe(100);
    await db.destroy();
  });

  it('still reads each stored document of a large write, and still refuses a stale edit', async () => {
    const db = openNotesDatabase('pouch-mixed');
    const first = await db.bulkDocs(many(50, 0, { v: 1 }));
    // 50 stored, 50 new: an edit of each stored one (with its revision), one stale write
    // without a revision (a conflict, as the adapter answers it), and 49 new ones.
    const edits = many(50, 0, { v: 2 }).map((doc, i) => ({
      ...doc,
      _rev: (first[i] as { rev: string }).rev,
    }));
    const stale = many(1, 10, { v: 3 })[0];
    let results: unknown[] = [];
    const counted = await reads(async () => {
      results = await db.bulkDocs([...edits, ...(stale ? [stale] : []), ...many(49, 50)]);
    });
    expect(counted.keyLists).toBe(1);
    expect(counted.gets).toBe(51);
    const statuses = results.map((r) => ((r as { ok?: boolean }).ok ? 'ok' : 'conflict'));
    expect(statuses.filter((s) => s === 'ok')).toHaveLength(99);
    expect(statuses[50]).toBe('conflict');
    const stored = await db.get('note:p:0010');
    expect((stored as unknown as { note: { v: number } }).note.v).toBe(2);
    expect((await db.allDocs({})).total_rows).toBe(99);
    await db.destroy();
  });

  it('reads each document as before when the range holds many more than were asked for', async () => {
    const db = openNotesDatabase('pouch-wide');
    await db.bulkDocs(many(400));
    // Two new ids at either end of 400 stored ones, with 38 between them spread out.
    const wide = many(40, 0).map((doc, i) => ({
      ...doc,
      _id: `note:p:${String(i * 10).padStart(4, '0')}x`,
    }));
    let results: unknown[] = [];
    const counted = await reads(async () => {
      results = await db.bulkDocs(wide);
    });
    expect(counted).toEqual({ gets: 40, keyLists: 1 });
    expect(results.every((r) => (r as { ok?: boolean }).ok)).toBe(true);
    expect((await db.allDocs({})).total_rows).toBe(440);
    await db.destroy();
  });

  it('leaves a small write reading each document', async () => {
    const db = openNotesDatabase('pouch-small');
    await db.info();
    const counted = await reads(() => db.bulkDocs(many(3)));
    expect(counted).toEqual({ gets: 3, keyLists: 0 });
    await db.destroy();
  });

  it('stores the body of a note on a page with no byline once, and reads it back as written', async () => {
    const db = openNotesDatabase('pouch-once');
    const note = {
      id: 'n1',
      page: { url: 'https://example.org/a', title: 'A', site: 'Example', author: null },
      flagged: true,
    };
    await db.bulkDocs([{ _id: 'note:p:n1', type: 'note', note: note as never }]);
    // A record the adapter writes for a page with a byline is left alone.
    const bylined = { ...note, id: 'n2', page: { ...note.page, author: 'A. Writer' } };
    await db.bulkDocs([{ _id: 'note:p:n2', type: 'note', note: bylined as never }]);

    // The adapter's own database, under the test's prefix (tests/setup.ts).
    const name = (await indexedDB.databases()).find((d) => d.name?.endsWith('pouch-once-notes'));
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name?.name ?? 'missing');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const record = (id: string) =>
      new Promise<{ rev: string; revs: Record<string, { data: unknown }>; data: unknown }>(
        (resolve) => {
          const get = raw.transaction('docs').objectStore('docs').get(id);
          get.onsuccess = () => resolve(get.result);
        },
      );
    for (const id of ['note:p:n1', 'note:p:n2']) {
      const stored = await record(id);
      // One object, referred to twice: stored once (the adapter had written a second copy,
      // with the null rewritten as a number).
      expect(stored.data).toBe(stored.revs[stored.rev]?.data);
    }
    raw.close();
    const back = (await db.get('note:p:n1')) as unknown as { note: typeof note };
    expect(back.note).toEqual(note);
    expect((await db.changes({ since: 0, include_docs: true })).results).toHaveLength(2);
    await db.destroy();
  });

  it('leaves alone what is not a document record', () => {
    expect(storedOnce(null)).toBeNull();
    const local = { id: '_local/x', rev: '0-1', data: { a: 1 } };
    expect(storedOnce(local)).toEqual({ id: '_local/x', rev: '0-1', data: { a: 1 } });
    // No body kept for its revision (a removal): its `data` is all there is.
    const removed = { id: 'note:p:x', rev: '2-b', revs: { '2-b': { deleted: 1 } }, data: { a: 1 } };
    expect(storedOnce(removed).data).toEqual({ a: 1 });
  });

  it('orders document ids as IndexedDB orders them, and leaves other keys to it', () => {
    const ids = [
      'note:https%3A%2F%2Fwww.csis.org%2Fa:1',
      'note:https%3A%2F%2Fwww.csis.org%2Fa:10',
      'note:https%3A%2F%2Fwww.csis.org%2Fb:2',
      'note:',
      'note:é',
      'note:\uffff',
      'note:😀',
      'note:\ud800',
      'Note:',
      '',
    ];
    for (const a of ids) {
      for (const b of ids) expect(keyBefore(a, b), `${a} < ${b}`).toBe(indexedDB.cmp(a, b) < 0);
    }
    expect(keyBefore(2, 10)).toBe(true);
    expect(keyBefore('1', 2)).toBe(false);
  });
});
