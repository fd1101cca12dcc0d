/** Storage failures reach the reader in plain words, and nothing is half-written. */
import { describe, expect, it, vi } from 'vitest';
import {
  deleteAnnotation,
  exportAll,
  getAnnotation,
  listTrash,
  openDossierDb,
  StoreError,
  saveAnnotation,
  toStoreError,
  undoDelete,
} from '../../../lib/store';
import { connections, fillTheDiskAt, makeAnnotation } from './fixtures';

const openDb = connections();

/** Every write from now on is refused, as on a full disk. */
function fillTheDisk() {
  fillTheDiskAt(1);
}

describe('a full disk', () => {
  it('tells the reader their storage is full when a note cannot be saved', async () => {
    const db = await openDb();
    const note = makeAnnotation();
    fillTheDisk();
    const failure = saveAnnotation(db, note);
    await expect(failure).rejects.toBeInstanceOf(StoreError);
    await expect(failure).rejects.toMatchObject({ code: 'quota' });
    await expect(failure).rejects.toThrow("Your browser's storage for Dossier is full");
    vi.restoreAllMocks();
    expect(await getAnnotation(db, note.id)).toBeUndefined();
  });

  it('does not lose a note whose delete fails halfway (trash write refused)', async () => {
    const db = await openDb();
    const note = makeAnnotation();
    await saveAnnotation(db, note);
    const before = await exportAll(db);
    fillTheDisk();
    await expect(deleteAnnotation(db, note.id)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await exportAll(db)).toEqual(before);
    expect(await getAnnotation(db, note.id)).toEqual(note);
  });

  it('keeps the trash entry when an undo cannot be written', async () => {
    const db = await openDb();
    const note = makeAnnotation();
    await saveAnnotation(db, note);
    await deleteAnnotation(db, note.id);
    fillTheDisk();
    await expect(undoDelete(db, note.id)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect((await listTrash(db)).map((e) => e.annotation)).toEqual([note]);
    expect(await undoDelete(db, note.id)).toEqual(note);
  });

  it('keeps the old version of a note when its edit cannot be written', async () => {
    const db = await openDb();
    const note = makeAnnotation({ note: 'original' });
    await saveAnnotation(db, note);
    fillTheDisk();
    const edit = { ...note, note: 'edited', updated: '2026-06-01T00:00:00.000Z' };
    await expect(saveAnnotation(db, edit)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await getAnnotation(db, note.id)).toEqual(note);
  });
});

describe('other storage failures', () => {
  it('explains a closed connection rather than throwing a DOMException', async () => {
    const db = await openDossierDb();
    db.close();
    await expect(getAnnotation(db, 'x')).rejects.toMatchObject({
      name: 'StoreError',
      code: 'closed',
    });
  });

  it('maps browser error names to plain words and keeps the cause', () => {
    const cause = new DOMException('boom', 'UnknownError');
    const error = toStoreError(cause);
    expect(error).toBeInstanceOf(StoreError);
    expect(error.code).toBe('unavailable');
    expect(error.message).not.toMatch(/UnknownError|DOMException/);
    expect(error.cause).toBe(cause);
    expect(toStoreError(new DOMException('x', 'VersionError')).code).toBe('version');
    expect(toStoreError(new Error('strange')).code).toBe('unknown');
    expect(toStoreError(error)).toBe(error);
  });
});
