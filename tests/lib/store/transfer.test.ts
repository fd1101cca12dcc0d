/** Import (all-or-nothing, duplicates reported) and backup/restore (lib/store/transfer.ts). */
import { describe, expect, it, vi } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  countAnnotations,
  DB_VERSION,
  deleteAnnotation,
  exportAll,
  exportPage,
  getAnnotation,
  importAll,
  listAll,
  listByPage,
  listTrash,
  noteDocId,
  saveAnnotation,
} from '../../../lib/store';
import {
  connections,
  fillTheDiskAt,
  fullScans,
  makeAnnotation,
  OTHER_PAGE,
  pageNumber,
} from './fixtures';

const openDb = connections();

/** Stores `count` notes on OTHER_PAGE: a store much bigger than a one-note import. */
function fillOtherPage(db: Awaited<ReturnType<typeof openDb>>, count = 40) {
  return importAll(
    db,
    Array.from({ length: count }, () => makeAnnotation({ page: OTHER_PAGE })),
  );
}

describe('import', () => {
  it('adds new notes and reports how many', async () => {
    const db = await openDb();
    const batch = [makeAnnotation(), makeAnnotation({ page: OTHER_PAGE })];
    expect(await importAll(db, batch)).toEqual({
      mode: 'merge',
      received: 2,
      added: 2,
      updated: 0,
      duplicates: [],
      stale: [],
      trashRestored: 0,
    });
    expect(await getAnnotation(db, batch[1]!.id)).toEqual(batch[1]);
  });

  it('writes nothing when one write in the middle of the batch fails', async () => {
    const db = await openDb();
    const kept = makeAnnotation({ note: 'already here' });
    await saveAnnotation(db, kept);
    const before = await exportAll(db);

    // Two notes per write: the first two writes are stored, the third is refused, and the two
    // written must be taken back (PouchDB's bulk writes are not one transaction).
    fillTheDiskAt(5, { once: true });
    const batch = [1, 2, 3, 4, 5].map((n) => makeAnnotation({ page: pageNumber(n) }));
    await expect(importAll(db, batch, { chunk: 2 })).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();

    expect(await exportAll(db)).toEqual(before);
  });

  it('writes nothing when a record cannot be stored by the browser', async () => {
    const db = await openDb();
    await saveAnnotation(db, makeAnnotation());
    const before = await exportAll(db);
    // A function cannot be cloned into IndexedDB: `put` throws DataCloneError on entry 3.
    const unclonable = {
      ...makeAnnotation(),
      origin: { kind: 'quote', speaker: () => 'x' },
    } as unknown as Annotation;
    const batch = [makeAnnotation(), makeAnnotation(), unclonable, makeAnnotation()];
    await expect(importAll(db, batch)).rejects.toMatchObject({ code: 'invalid' });
    expect(await exportAll(db)).toEqual(before);
  });

  it('names the bad entry and writes nothing when a record has no id', async () => {
    const db = await openDb();
    const batch = [makeAnnotation(), makeAnnotation(), { ...makeAnnotation(), id: '' }];
    const failure = importAll(db, batch);
    await expect(failure).rejects.toMatchObject({ code: 'invalid' });
    await expect(failure).rejects.toThrow(/Entry 3 .*no id/);
    expect(await listAll(db)).toEqual([]);
  });

  it('reports duplicates in the store and in the batch instead of doubling them', async () => {
    const db = await openDb();
    const stored = makeAnnotation({ note: 'same note' });
    await saveAnnotation(db, stored);

    const sameAsStored = { ...stored, id: 'copy-of-stored', tags: ['other'] };
    const fresh = makeAnnotation({ page: OTHER_PAGE, note: 'fresh' });
    const sameAsFresh = { ...fresh, id: 'copy-of-fresh' };
    const sameQuoteOtherNote = { ...stored, id: 'other-note', note: 'a different note' };
    const report = await importAll(db, [sameAsStored, fresh, sameAsFresh, sameQuoteOtherNote]);

    expect(report.added).toBe(2);
    expect(report.duplicates).toEqual([
      { index: 0, id: 'copy-of-stored', duplicateOf: stored.id, in: 'store' },
      { index: 2, id: 'copy-of-fresh', duplicateOf: fresh.id, in: 'batch' },
    ]);
    expect((await listAll(db)).map((n) => n.id).sort()).toEqual(
      [stored.id, fresh.id, 'other-note'].sort(),
    );
  });

  it('importing the same file twice adds nothing the second time', async () => {
    const db = await openDb();
    const batch = [makeAnnotation(), makeAnnotation(), makeAnnotation({ page: OTHER_PAGE })];
    await importAll(db, batch);
    const again = await importAll(db, batch);
    expect(again.added).toBe(0);
    expect(again.duplicates.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(await listAll(db)).toHaveLength(3);
  });

  it('finds duplicates against a large store by reading only the pages imported', async () => {
    const db = await openDb();
    await fillOtherPage(db);
    const stored = makeAnnotation();
    await saveAnnotation(db, stored);
    const fullScan = vi.spyOn(db.notes, 'allDocs');
    const report = await importAll(db, [{ ...stored, id: 'twin' }]);
    expect(fullScans(fullScan)).toBe(0);
    expect(report.duplicates).toEqual([
      { index: 0, id: 'twin', duplicateOf: stored.id, in: 'store' },
    ]);
    expect(await listAll(db)).toHaveLength(41);
  });

  it('applies the conflict rule to records whose id is already stored', async () => {
    const db = await openDb();
    const a = makeAnnotation({ updated: '2026-01-05T00:00:00.000Z' });
    const b = makeAnnotation({ updated: '2026-01-05T00:00:00.000Z' });
    await saveAnnotation(db, a);
    await saveAnnotation(db, b);
    const newerA = { ...a, note: 'edited later', updated: '2026-01-06T00:00:00.000Z' };
    const olderB = { ...b, note: 'edited earlier', updated: '2026-01-04T00:00:00.000Z' };
    const report = await importAll(db, [newerA, olderB]);
    expect(report).toMatchObject({ added: 0, updated: 1, stale: [{ index: 1, id: b.id }] });
    expect(await getAnnotation(db, a.id)).toEqual(newerA);
    expect(await getAnnotation(db, b.id)).toEqual(b);
  });

  it("never moves a note to another page: the reader's copy stays, the file's goes to the trash", async () => {
    const db = await openDb();
    const later = '2026-01-09T00:00:00.000Z';
    const x = makeAnnotation({ page: pageNumber(1) });
    const y = makeAnnotation({ page: pageNumber(2) });
    const stays = makeAnnotation({ page: pageNumber(1) });
    for (const note of [x, y, stays]) await saveAnnotation(db, note);
    const before = await exportAll(db);
    const movedX = { ...x, page: pageNumber(2), updated: later };
    const movedY = { ...y, page: pageNumber(1), updated: later };

    const report = await importAll(db, [movedX, movedY]);
    expect(report).toMatchObject({ added: 0, updated: 0 });
    expect(report.stale.map((s) => s.id)).toEqual([x.id, y.id]);
    expect((await exportAll(db)).annotations).toEqual(before.annotations);
    const trash = await listTrash(db);
    expect(trash.map((t) => t.annotation.id).sort()).toEqual(
      report.stale.map((s) => s.trashedAs).sort(),
    );
    expect(trash.map((t) => t.annotation.page.url).sort()).toEqual(
      [pageNumber(1).url, pageNumber(2).url].sort(),
    );
  });

  it('takes a later edit of a note on its own page from a large store, the old one to the trash', async () => {
    const db = await openDb();
    await fillOtherPage(db);
    const [first] = await listByPage(db, OTHER_PAGE.url);
    const edited = { ...first!, note: 'edited elsewhere', updated: '2026-02-01T00:00:00.000Z' };
    const fullScan = vi.spyOn(db.notes, 'allDocs');
    const report = await importAll(db, [edited], { now: new Date('2026-03-01T00:00:00.000Z') });
    expect(report).toMatchObject({ added: 0, updated: 1 });
    expect(fullScans(fullScan)).toBe(0);
    vi.restoreAllMocks();
    expect(await getAnnotation(db, first!.id)).toEqual(edited);
    expect((await listTrash(db)).map((t) => ({ ...t.annotation, id: first!.id }))).toEqual([first]);
    expect(await countAnnotations(db)).toBe(40);
  });
});

describe('backup and restore', () => {
  it('exports every note and the trash', async () => {
    const db = await openDb();
    const live = makeAnnotation();
    const gone = makeAnnotation();
    await saveAnnotation(db, live);
    await saveAnnotation(db, gone);
    const now = new Date('2026-02-02T00:00:00.000Z');
    await deleteAnnotation(db, gone.id, { now });
    expect(await exportAll(db)).toEqual({
      schemaVersion: DB_VERSION,
      annotations: [live],
      trash: [{ annotation: gone, deletedAt: now.toISOString() }],
    });
  });

  it('restores a backup into an empty store losslessly', async () => {
    const source = await openDb();
    const notes = [
      makeAnnotation({ tags: ['energy', 'EU'], colour: 'blue' }),
      makeAnnotation({ origin: { kind: 'official', name: 'Antony Blinken' } }),
      makeAnnotation({ page: OTHER_PAGE, note: '' }),
    ];
    for (const note of notes) await saveAnnotation(source, note);
    await deleteAnnotation(source, notes[2]!.id);
    const backup = await exportAll(source);

    // A second, empty database stands for a new browser profile.
    const target = await openDb({ name: 'dossier-restored' });
    const report = await importAll(target, backup.annotations, {
      mode: 'replace',
      trash: backup.trash,
    });
    expect(report).toMatchObject({ added: 2, trashRestored: 1, duplicates: [] });
    expect(await exportAll(target)).toEqual(backup);
  });

  it('restores over a store without clearing it, and keeps everything if the restore fails', async () => {
    const db = await openDb();
    const old = makeAnnotation({ note: 'old' });
    const gone = makeAnnotation({ note: 'deleted by the reader' });
    await saveAnnotation(db, old);
    await saveAnnotation(db, gone);
    await deleteAnnotation(db, gone.id);
    const before = await exportAll(db);

    fillTheDiskAt(2, { once: true });
    const backup = [makeAnnotation(), makeAnnotation({ page: OTHER_PAGE })];
    await expect(importAll(db, backup, { mode: 'replace', chunk: 1 })).rejects.toMatchObject({
      code: 'quota',
    });
    vi.restoreAllMocks();
    expect(await exportAll(db)).toEqual(before);

    await importAll(db, backup, { mode: 'replace' });
    expect((await listAll(db)).map((n) => n.id).sort()).toEqual(
      [old, ...backup].map((n) => n.id).sort(),
    );
    expect((await listTrash(db)).map((t) => t.annotation.id)).toEqual([gone.id]);
  });
});

describe('exporting a page at a time', () => {
  it('reads every note and trash entry exactly once, in pages of about the budget', async () => {
    const db = await openDb();
    const notes = Array.from({ length: 130 }, (_, i) =>
      makeAnnotation({ page: pageNumber(i % 7), note: 'n'.repeat(1_000) }),
    );
    await importAll(db, notes);
    for (const note of notes.slice(0, 12)) await deleteAnnotation(db, note.id);
    const whole = await exportAll(db);

    const seenNotes: Annotation[] = [];
    const seenTrash: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await exportPage(db, cursor, 20_000);
      seenNotes.push(...page.annotations);
      seenTrash.push(...page.trash);
      cursor = page.next;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBeGreaterThan(5);
    expect(seenNotes.map((n) => n.id).sort()).toEqual(whole.annotations.map((n) => n.id).sort());
    expect(seenTrash).toHaveLength(12);
    await expect(exportPage(db, 'not a cursor', 10)).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe("teammates' notes in exports and imports", () => {
  /** Stores a teammate's note as replication from a team database leaves it. */
  async function teammatesNote(db: Awaited<ReturnType<typeof openDb>>, note: Annotation) {
    const _id = noteDocId(note.page.url, note.id);
    await db.notes.bulkDocs(
      [{ _id, _rev: `1-${'a'.repeat(32)}`, type: 'note', note, author: 'bob' }] as never,
      { new_edits: false },
    );
    db.index.apply(_id, false);
  }

  it("names a teammate's note's author in a backup, and never the reader's own", async () => {
    const db = await openDb();
    const own = makeAnnotation({ note: 'mine' });
    const theirs = makeAnnotation({ note: 'by bob' });
    await saveAnnotation(db, own);
    await teammatesNote(db, theirs);
    const { annotations } = await exportAll(db);
    expect(annotations.find((a) => a.id === theirs.id)?.author).toBe('bob');
    expect(annotations.find((a) => a.id === own.id)?.author).toBeUndefined();
    const page = await exportPage(db, null, 1_000_000);
    expect(page.annotations.find((a) => a.id === theirs.id)?.author).toBe('bob');
  });

  it("leaves a file's teammates' notes out, says so, and imports the reader's own", async () => {
    const db = await openDb();
    const own = makeAnnotation({ note: 'mine' });
    const theirs = makeAnnotation({ note: 'by bob', author: 'bob' });
    const report = await importAll(db, [own, theirs], {
      mode: 'replace',
      trash: [{ annotation: makeAnnotation({ author: 'bob' }), deletedAt: own.updated }],
    });
    expect(report).toMatchObject({ added: 1, teammates: 1, trashRestored: 0 });
    expect((await listAll(db)).map((a) => a.id)).toEqual([own.id]);
    expect(await listTrash(db)).toEqual([]);
  });

  it("never turns a stored teammate's note into the reader's own by import", async () => {
    const db = await openDb();
    const theirs = makeAnnotation({ note: 'by bob', updated: '2026-01-01T00:00:00.000Z' });
    await teammatesNote(db, theirs);
    // The same id, unsigned and later: a forged "own" edit of bob's note.
    const forged = { ...theirs, note: 'forged', updated: '2026-01-02T00:00:00.000Z' };
    const report = await importAll(db, [forged]);
    expect(report.updated).toBe(0);
    expect(report.stale).toHaveLength(1);
    const stored = await db.notes.get(noteDocId(theirs.page.url, theirs.id));
    expect(stored).toMatchObject({ author: 'bob', note: { note: 'by bob' } });
  });
});
