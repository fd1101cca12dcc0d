/** A conflict's "other version" in the trash, through a backup and its restore. */
import { describe, expect, it } from 'vitest';
import {
  exportAll,
  getAnnotation,
  importAll,
  listAll,
  resolveConflicts,
  restoreVersion,
  saveAnnotation,
  trashEntries,
} from '../../../lib/store';
import { conflictingEdit, connections, makeAnnotation } from './fixtures';

const openDb = connections();

describe('other versions in a backup', () => {
  it('restoring an other version after a backup restore still makes it the note', async () => {
    const source = await openDb();
    const note = makeAnnotation({ id: crypto.randomUUID(), note: 'original' });
    await saveAnnotation(source, note);
    await saveAnnotation(source, {
      ...note,
      note: 'edited here',
      updated: '2026-01-02T00:00:00.000Z',
    });
    const docId = await conflictingEdit(source, note, {
      type: 'note',
      note: { ...note, note: 'edited there', updated: '2026-01-03T00:00:00.000Z' },
    });
    await resolveConflicts(source, docId);
    const backup = await exportAll(source);

    const target = await openDb({ name: 'dossier-restored' });
    await importAll(target, backup.annotations, { mode: 'replace', trash: backup.trash });
    const [aside] = (await trashEntries(target, 10)).entries;
    expect(aside?.otherVersionOf).toBe(note.id);
    await restoreVersion(target, aside!.annotation.id);
    expect((await getAnnotation(target, note.id))?.note).toBe('edited here');
    expect(await listAll(target)).toHaveLength(1);
  });
});
