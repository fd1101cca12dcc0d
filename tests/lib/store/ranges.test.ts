/**
 * The notes database without the adapter's `deleted,id` index (lib/store/ranges.ts): a new
 * notes database never has it, one made by an earlier Dossier loses it when opened and keeps
 * every note, and `allDocs` over a range answers exactly what the adapter answers with the
 * index (checked against a database that has it, for every option Dossier or PouchDB uses).
 */
import PouchDB, { type Database } from 'pouchdb-core/lib/index.es.js';
import { describe, expect, it } from 'vitest';
import { openNotesDatabase } from '../../../lib/store/pouch';
import { addDeletedIndexAsBefore, RANGE_BATCH } from '../../../lib/store/ranges';

/** Opens the IndexedDB database whose name ends with `suffix`, as it is now. */
async function rawDatabase(suffix: string): Promise<IDBDatabase> {
  const name = (await indexedDB.databases()).find((d) => d.name?.endsWith(suffix))?.name;
  if (!name) throw new Error(`no database ${suffix}`);
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function indexNames(suffix: string): Promise<string[]> {
  const raw = await rawDatabase(suffix);
  const names = [...raw.transaction('docs').objectStore('docs').indexNames];
  raw.close();
  return names.sort();
}

/** The same documents for both databases: several pages, removals, a conflict. */
async function fill(db: Database<Record<string, unknown>>): Promise<void> {
  const docs = [];
  for (let i = 0; i < RANGE_BATCH * 2 + 50; i += 1) {
    const page = ['a', 'b', 'c'][i % 3];
    docs.push({ _id: `note:${page}:${String(i).padStart(4, '0')}`, type: 'note', n: i });
  }
  docs.push({ _id: '_design/x', views: {} }, { _id: 'choice:x', type: 'choice' });
  const written = (await db.bulkDocs(docs)) as { id: string; rev: string }[];
  // Removals, some of them right at a batch's edge, and a run of them.
  const removed = written.filter((_, i) => i % 7 === 0 || (i >= 195 && i <= 205));
  await db.bulkDocs(removed.map((r) => ({ _id: r.id, _rev: r.rev, _deleted: true as const })));
  // A conflict, as replication leaves one.
  await db.bulkDocs([{ _id: 'note:b:0001', _rev: '1-ffff', type: 'note', n: 'theirs' }], {
    new_edits: false,
  });
}

describe('the notes database without the deleted-documents index', () => {
  it('never creates the index and keeps the change sequence index', async () => {
    const db = openNotesDatabase('lean');
    await db.bulkDocs([{ _id: 'note:p:1', type: 'note', note: {} as never }]);
    expect(await indexNames('lean-notes')).toEqual(['seq']);
    await db.close();
  });

  it('drops the index from a database made with it, and every note is still there', async () => {
    const db = openNotesDatabase('older');
    await fill(db as never);
    const before = await db.allDocs({ include_docs: true, conflicts: true });
    await db.close();
    // Put the index back as the adapter made it, with its entries, as an earlier Dossier had.
    const raw = await rawDatabase('older-notes');
    const version = raw.version + 1;
    const name = raw.name;
    raw.close();
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name, version);
      open.onupgradeneeded = () => {
        const docs = open.transaction?.objectStore('docs');
        if (docs) addDeletedIndexAsBefore(docs);
      };
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    expect(await indexNames('older-notes')).toEqual(['deleted,id', 'seq']);

    const again = openNotesDatabase('older');
    const after = await again.allDocs({ include_docs: true, conflicts: true });
    expect(after).toEqual(before);
    expect(after.rows.length).toBeGreaterThan(RANGE_BATCH);
    expect(await indexNames('older-notes')).toEqual(['seq']);
    await again.close();
  });

  it('answers every range read as the adapter does with the index', async () => {
    const notes = openNotesDatabase('ranges');
    // The same adapter under a name that is not a notes database keeps the index.
    const reference = new PouchDB<Record<string, unknown>>('reference', {
      adapter: 'indexeddb',
      prefix: `ranges-${Date.now()}-`,
    });
    await fill(notes as never);
    await fill(reference);
    expect(await indexNames('reference')).toEqual(['deleted,id', 'seq']);

    const asks: object[] = [
      {},
      { include_docs: true },
      { include_docs: true, conflicts: true },
      { startkey: 'note:b:', endkey: 'note:b:\ufff0', include_docs: true },
      { startkey: 'note:a:0003', endkey: 'note:a:0300' },
      { startkey: 'note:a:0003', endkey: 'note:a:0300', inclusive_end: false },
      { startkey: 'note:a:0009', endkey: 'note:a:0300', skip: 1, limit: 5 },
      { startkey: 'note:', endkey: 'note:\ufff0', skip: RANGE_BATCH - 3, limit: 20 },
      { limit: 3 },
      { limit: -1, skip: 2 },
      { skip: 1000 },
      { key: 'note:b:0001', include_docs: true, conflicts: true },
      { key: 'note:a:0000' },
      { startkey: 'note:c:', endkey: 'note:a:' },
      { descending: true, limit: 10, include_docs: true },
      { descending: true, startkey: 'note:b:\ufff0', endkey: 'note:b:', skip: 2 },
      { descending: true, startkey: 'note:b:0100', endkey: 'note:b:0010', inclusive_end: false },
      { update_seq: true, limit: 2 },
      { keys: ['note:a:0000', 'note:a:0003', 'missing'] },
    ];
    for (const ask of asks) {
      const mine = await notes.allDocs({ ...ask } as never);
      const theirs = await reference.allDocs({ ...ask } as never);
      expect({ ask, result: mine }).toEqual({ ask, result: theirs });
    }
    // The whole range crosses several batches, with removals at a batch's edge.
    expect((await notes.allDocs({} as never)).rows.length).toBeGreaterThan(RANGE_BATCH);
    await expect(notes.allDocs({ attachments: true } as never)).rejects.toThrow(/attachments/);
    await notes.close();
    await reference.close();
  });
});
