/**
 * Sync: whose note is it, and which conflict notices a reader sees, at the store level.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Annotation } from '../../../lib/annotation';
import { startSync } from '../../../lib/platform/sync';
import {
  deleteAnnotation,
  listByPage,
  noteDocId,
  resolveConflicts,
  saveAnnotation,
  setLastSignedInUser,
  setSignedInUser,
  updateAnnotation,
  watchNotes,
} from '../../../lib/store';
import type { NoteBody } from '../../../lib/store/pouch';
import { noticesOf } from '../../../lib/sync/notices';
import { conflictingEdit, connections, makeAnnotation } from '../store/fixtures';

const openDb = connections();
afterEach(() => {
  setSignedInUser(undefined);
  setLastSignedInUser(undefined);
});

describe('sync turned off', () => {
  it("leaves the reader's own notes theirs to edit after they turn sync off", async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => true) as never);
    const sync = startSync(async () => null);
    await sync.configure({
      server: 'https://couch.example.org',
      user: 'alice',
      password: 'secret',
      teams: [],
    });
    const db = await openDb();
    // A note written while signed in (the store stamps it with the sync user's name).
    const mine = makeAnnotation({ note: 'written while syncing' });
    await saveAnnotation(db, mine);

    // The reader turns sync off.
    await sync.off();

    // The views still show it as the reader's own note (no "by alice", Edit offered) ...
    const listed = await listByPage(db, mine.page.url);
    expect.soft(listed[0]?.author).toBeUndefined();
    // ... and the reader can still edit it.
    const result = await updateAnnotation(db, {
      ...mine,
      note: 'edited after sync was turned off',
      updated: '2027-01-01T00:00:00.000Z',
    }).catch((error: Error) => error.message);
    expect(result).toMatchObject({ status: 'updated' });
  });
});

/** Writes a document as replication from a team database would. */
async function arrive(db: Awaited<ReturnType<typeof openDb>>, body: Omit<NoteBody, 'type'>) {
  const note = body.note;
  const _id = noteDocId(note.page.url, note.id);
  await db.notes.bulkDocs([{ _id, _rev: `1-${'c'.repeat(32)}`, type: 'note', ...body }], {
    new_edits: false,
  });
  db.index.apply(_id, false);
}

describe("a teammate's conflict", () => {
  it("raises no conflict notice on a teammate's device for another reader's other version", async () => {
    setSignedInUser('bob');
    const db = await openDb();
    const setAside: Annotation[] = [];
    const stop = watchNotes(db, () => {}, { onSetAside: (note) => setAside.push(note) });
    // Alice settled a conflict on her own shared note; its other version (trashed, hers,
    // still carrying the team's tag) comes to Bob through the team database.
    const hers = makeAnnotation({ note: "alice's other version", tags: ['shared'] });
    await arrive(db, {
      note: hers,
      author: 'alice',
      trashed: { deletedAt: hers.updated, otherVersionOf: 'note-of-alice' },
    });
    // A later change, so that the feed has certainly read the first one.
    const later = makeAnnotation({ note: 'marker' });
    await saveAnnotation(db, later);
    await new Promise((r) => setTimeout(r, 300));
    stop();
    // Bob cannot restore Alice's note: he must not be offered "Restore this version" for it.
    expect(setAside.map((n) => n.author)).toEqual([]);
  });
});

describe('the notice of a delete on both devices', () => {
  it('says nothing of an edit when both devices deleted the note', async () => {
    const db = await openDb();
    const note = makeAnnotation({ note: 'the same words on both devices' });
    await saveAnnotation(db, note);
    // Deleted here...
    await deleteAnnotation(db, note.id, { now: new Date('2026-02-01T00:00:00.000Z') });
    // ... and, unchanged, on the other device a little later.
    const docId = await conflictingEdit(db, note, {
      type: 'note',
      note,
      trashed: { deletedAt: '2026-02-02T00:00:00.000Z' },
    });
    const resolution = await resolveConflicts(db, docId);
    expect(resolution).toBeDefined();
    // The store's own rules see nothing to tell ...
    expect(resolution?.notice).toBeUndefined();
    // ... but the notices the background keeps from this resolution (lib/platform/sync.ts
    // `resolved` → noticesOf) must not say the note was edited on another device.
    const notices = noticesOf(resolution as never, Date.now());
    expect(notices.map((n) => n.text)).toEqual([]);
  });
});
