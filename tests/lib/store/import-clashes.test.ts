/**
 * importAll and exportPage (lib/store/transfer.ts) where the file's ids meet deleted notes and
 * teammates' notes, and where the reader changes the store between two pages of an export.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { parseBackup, toBackup } from '../../../lib/export/backup';
import {
  deleteAnnotation,
  exportAll,
  exportPage,
  importAll,
  listTrash,
  noteDocId,
  purgeNote,
  restoreVersion,
  saveAnnotation,
  setSignedInUser,
} from '../../../lib/store';
import { connections, makeAnnotation, OTHER_PAGE } from './fixtures';

const openDb = connections();
afterEach(() => setSignedInUser(undefined));

/** A note with a real UUID id (a backup refuses anything else). */
const note = (over: Partial<Annotation> = {}) =>
  makeAnnotation({ id: crypto.randomUUID(), ...over });

/** The store's backup file made from `exportAll`, parsed back as "Import…" would. */
async function backupRoundTrip(db: Awaited<ReturnType<typeof openDb>>) {
  const { annotations, trash } = await exportAll(db);
  const text = toBackup(
    annotations,
    trash.map((t) => ({ ...t.annotation, deleted: t.deletedAt })),
    { now: new Date('2026-03-01T00:00:00.000Z') },
  );
  return parseBackup(JSON.parse(text));
}

describe('import over a trashed note with the same id on another page', () => {
  it('never leaves two documents holding one note id (the backup stays restorable)', async () => {
    const db = await openDb();
    const x = note({ note: 'mine, then deleted' });
    await saveAnnotation(db, x);
    await deleteAnnotation(db, x.id, { now: new Date('2026-01-02T00:00:00.000Z') });

    // The same note id on another page (a file from elsewhere, another URL form of the page).
    const fromFile = { ...x, page: OTHER_PAGE, note: 'the file’s version' };
    await importAll(db, [fromFile], { now: new Date('2026-03-01T00:00:00.000Z') });

    const parsed = await backupRoundTrip(db);
    expect(parsed.ok ? 'restorable' : parsed.errors).toBe('restorable');
    const { annotations, trash } = await exportAll(db);
    const ids = [...annotations.map((a) => a.id), ...trash.map((t) => t.annotation.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the deleted note restorable from the trash', async () => {
    const db = await openDb();
    const x = note({ note: 'mine, then deleted' });
    await saveAnnotation(db, x);
    await deleteAnnotation(db, x.id, { now: new Date('2026-01-02T00:00:00.000Z') });
    await importAll(db, [{ ...x, page: OTHER_PAGE, note: 'the file’s version' }], {
      now: new Date('2026-03-01T00:00:00.000Z'),
    });
    // "Restore" on the trash entry that still lists the reader's deleted note.
    const entry = (await listTrash(db)).find((t) => t.annotation.note === 'mine, then deleted');
    expect(entry).toBeDefined();
    const restored = await restoreVersion(db, entry!.annotation.id);
    expect(restored?.note).toBe('mine, then deleted');
  });
});

/** Bob's note `theirs`, deleted by bob at `deletedAt`, stored as replication leaves it. */
async function trashedByBob(
  db: Awaited<ReturnType<typeof openDb>>,
  theirs: Annotation,
  deletedAt: string,
): Promise<void> {
  const _id = noteDocId(theirs.page.url, theirs.id);
  await db.notes.bulkDocs(
    [
      {
        _id,
        _rev: `1-${'a'.repeat(32)}`,
        type: 'note',
        note: theirs,
        author: 'bob',
        trashed: { deletedAt },
      },
    ] as never,
    { new_edits: false },
  );
  db.index.apply(_id, false);
}

describe("import over a teammate's trashed note", () => {
  it("never writes a file's record in a teammate's name", async () => {
    const db = await openDb();
    const theirs = note({ note: 'by bob', updated: '2026-01-01T00:00:00.000Z' });
    await trashedByBob(db, theirs, '2026-01-02T00:00:00.000Z');

    // A file's record with bob's note id but no author: words bob never wrote.
    const forged = { ...theirs, note: 'forged words', updated: '2026-01-05T00:00:00.000Z' };
    await importAll(db, [forged], { now: new Date('2026-03-01T00:00:00.000Z') });

    const docs = (await db.notes.allDocs({ include_docs: true })).rows.map(
      (r) => r.doc as unknown as { author?: string; note: Annotation; trashed?: unknown },
    );
    const inBobsName = docs.filter((d) => d.author === 'bob' && d.note.note === 'forged words');
    expect(inBobsName).toEqual([]);
  });
});

describe("import over a teammate's trashed note (older file record)", () => {
  it("never copies a teammate's deleted words into the reader's own notes", async () => {
    const db = await openDb();
    const theirs = note({ note: 'by bob', updated: '2026-01-05T00:00:00.000Z' });
    await trashedByBob(db, theirs, '2026-01-06T00:00:00.000Z');
    const older = { ...theirs, note: 'an older record', updated: '2026-01-01T00:00:00.000Z' };
    await importAll(db, [older], { now: new Date('2026-03-01T00:00:00.000Z') });
    const docs = (await db.notes.allDocs({ include_docs: true })).rows.map(
      (r) => r.doc as unknown as { author?: string; note: Annotation },
    );
    // bob's words, now in a document without an author: the reader's own, editable note.
    const bobsWordsAsOwn = docs.filter((d) => d.note.note === 'by bob' && d.author !== 'bob');
    expect(bobsWordsAsOwn).toEqual([]);
  });
});

describe('paged export while the reader deletes a note', () => {
  it('never gives a note twice (as a note and as a trash entry)', async () => {
    const db = await openDb();
    const notes = Array.from({ length: 6 }, () => note());
    for (const n of notes) await saveAnnotation(db, n);

    const first = await exportPage(db, null, 1); // one record per page
    const seenNotes = [...first.annotations];
    const seenTrash = [...first.trash];
    // Between two messages of the export, the reader deletes the note already sent.
    await deleteAnnotation(db, first.annotations[0]!.id);
    let cursor = first.next;
    while (cursor !== null) {
      const page = await exportPage(db, cursor, 1);
      seenNotes.push(...page.annotations);
      seenTrash.push(...page.trash);
      cursor = page.next;
    }
    const ids = [...seenNotes.map((a) => a.id), ...seenTrash.map((t) => t.annotation.id)];
    expect(ids.length - new Set(ids).size).toBe(0);
  });
});

describe('paged export while the reader undoes a delete', () => {
  it('never skips the note', async () => {
    const db = await openDb();
    const notes = Array.from({ length: 6 }, () => note());
    for (const n of notes) await saveAnnotation(db, n);
    const byDocId = [...notes].sort((a, b) =>
      noteDocId(a.page.url, a.id) < noteDocId(b.page.url, b.id) ? -1 : 1,
    );
    // The first note in document order is in the trash when the export starts.
    await deleteAnnotation(db, byDocId[0]!.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await exportPage(db, cursor, 1);
      seen.push(...page.annotations.map((a) => a.id), ...page.trash.map((t) => t.annotation.id));
      cursor = page.next;
      pages += 1;
      // After the first page (past that note's place among the notes), the reader clicks Undo.
      if (pages === 1) await restoreVersion(db, byDocId[0]!.id);
    } while (cursor !== null);
    expect(seen).toContain(byDocId[0]!.id);
  });
});

describe('paged export while the reader empties a trash entry', () => {
  it('never skips the next trash entry', async () => {
    const db = await openDb();
    const notes = Array.from({ length: 4 }, () => note());
    for (const n of notes) await saveAnnotation(db, n);
    for (const n of notes) await deleteAnnotation(db, n.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let purged = false;
    do {
      const page = await exportPage(db, cursor, 1);
      seen.push(...page.trash.map((t) => t.annotation.id));
      cursor = page.next;
      // "Delete forever" on the entry just sent (or the trash purge running meanwhile).
      if (!purged && page.trash.length > 0) {
        purged = true;
        await purgeNote(db, page.trash[0]!.annotation.id);
      }
    } while (cursor !== null);
    // Every entry still in the trash must be in the backup.
    const left = (await listTrash(db)).map((t) => t.annotation.id);
    expect(left.filter((id) => !seen.includes(id))).toEqual([]);
  });
});

describe('import report positions', () => {
  it("names a duplicate by its position in the file, teammates' records counted", async () => {
    const db = await openDb();
    const stored = note({ note: 'same note' });
    await saveAnnotation(db, stored);
    const teammates = note({ page: OTHER_PAGE, note: 'by bob', author: 'bob' });
    const twin = { ...stored, id: crypto.randomUUID() };
    const report = await importAll(db, [teammates, twin]);
    expect(report.duplicates).toEqual([
      { index: 1, id: twin.id, duplicateOf: stored.id, in: 'store' },
    ]);
  });
});
