/**
 * Export → import round trips through the popup's actions (lib/notes/transfer.ts), and what the
 * reader is told of a bad file.
 */
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../lib/export/import-file';
import { createNotesService, type NotesService } from '../../../lib/notes/service';
import {
  backUp,
  exportEverything,
  importFile,
  type TransferDeps,
} from '../../../lib/notes/transfer';
import { openDossierDb, resolveConflicts, saveAnnotation } from '../../../lib/store';
import { conflictingEdit } from '../store/fixtures';

const PAGE = { url: 'https://www.csis.org/analysis/gas', title: 'Gas', site: 'CSIS' };

/** A profile of its own; `idBase` keeps its new notes' ids apart from another profile's. */
function setUp(name: string, idBase = 0) {
  const db = openDossierDb({ name });
  let n = idBase;
  const service = createNotesService({
    db: () => db,
    now: () => new Date('2026-03-01T10:00:00Z'),
    randomId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  const downloads: { name: string; data: string | Uint8Array }[] = [];
  const deps: TransferDeps = {
    now: () => new Date('2026-03-02T09:00:00Z'),
    listPage: (url) => service.list(url),
    listAll: () => service.all(),
    importText: (text) => importFile(service, text),
    download: (name, data) => downloads.push({ name, data }),
  };
  return { db, service, deps, downloads };
}

/** A highlight of `exact` at `start`, with the page's words around it. */
function highlight(service: NotesService, exact: string, start: number, prefix: string, note = '') {
  return service.create({
    page: PAGE,
    quote: { type: 'TextQuoteSelector', exact, prefix, suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    note,
    tags: [],
    colour: 'yellow',
  });
}

describe('round trips', () => {
  it('restores two highlights of the same words at two places on a page (backup)', async () => {
    const source = setUp('source-1');
    // The article says "the pipeline" twice; the reader highlights both places.
    await highlight(source.service, 'the pipeline', 40, 'first we see ');
    await highlight(source.service, 'the pipeline', 900, 'later again ');
    await backUp(source.deps);
    const before = await source.service.all();

    const target = setUp('target-1');
    const outcome = await importFile(target.service, String(source.downloads[0]?.data));
    expect(outcome.message).toBe('Imported 2 notes.');
    expect(await target.service.all()).toEqual(before);
  });

  it('restores two highlights of the same words at two places on a page (W3C)', async () => {
    const source = setUp('source-2');
    await highlight(source.service, 'the pipeline', 40, 'first we see ', 'check');
    await highlight(source.service, 'the pipeline', 900, 'later again ', 'check');
    await exportEverything(source.deps, 'w3c');
    const target = setUp('target-2');
    await importFile(target.service, String(source.downloads[0]?.data));
    expect((await target.service.all()).annotations).toHaveLength(2);
  });

  it("restores the backup's trash when the store already holds a note", async () => {
    const source = setUp('source-3');
    const gone = await highlight(source.service, 'deleted words', 10, '', 'an old thought');
    await source.service.remove(gone.id);
    await highlight(source.service, 'kept words', 40, '', 'kept');
    await backUp(source.deps);

    // A new profile where the reader already made one note before restoring the backup.
    const target = setUp('target-3', 1000);
    await highlight(target.service, 'a new note', 5, '');
    const outcome = await importFile(target.service, String(source.downloads[0]?.data));
    const { trash } = await target.service.all();
    expect({ message: outcome.message, trash: trash.map((t) => t.annotation.note) }).toEqual({
      message: 'Imported 1 note. 1 note deleted in the backup is back in the trash.',
      trash: ['an old thought'],
    });
  });
});

describe("a sync conflict's other version", () => {
  it("is still that note's other version after a backup is restored", async () => {
    const source = setUp('other-1');
    const made = await highlight(source.service, 'the pipeline', 40, '', 'first');
    const mine = { ...made, note: 'here', updated: '2026-03-01T10:30:00.000Z' };
    await saveAnnotation(await source.db, mine);
    // The same note edited on another device meanwhile; the conflict rules keep this one aside.
    const docId = await conflictingEdit(await source.db, mine, {
      type: 'note',
      note: { ...mine, note: 'there', updated: '2026-03-01T11:00:00.000Z' },
    });
    await resolveConflicts(await source.db, docId);
    await backUp(source.deps);
    const target = setUp('other-2', 1000);
    await importFile(target.service, String(source.downloads[0]?.data));
    const { annotations, trash } = await target.service.all();
    expect(annotations.map((a) => a.note)).toEqual(['there']);
    expect(trash).toEqual([
      expect.objectContaining({
        annotation: expect.objectContaining({ note: 'here' }),
        otherVersionOf: mine.id,
      }),
    ]);
  });
});

describe('messages for bad input', () => {
  it('names the bad page address it got, not "an object"', () => {
    const file = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'urn:uuid:00000000-0000-4000-8000-000000000001',
      created: '2026-01-01T00:00:00Z',
      target: {
        source: 'javascript:alert(1)',
        selector: { type: 'TextQuoteSelector', exact: 'words' },
      },
    };
    const result = parseImportFile(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).not.toMatch(/got an object/);
  });
});

describe('ids that differ only in case', () => {
  it('a W3C file naming a note by its upper-case UUID updates that note, not a second one', async () => {
    const source = setUp('case-1');
    const mine = await source.service.create({
      id: 'abcdef01-2345-4678-9abc-def012345678',
      page: PAGE,
      quote: { type: 'TextQuoteSelector', exact: 'the pipeline', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 40, end: 52 },
      note: 'first thought',
      tags: [],
      colour: 'yellow',
    });
    // Another tool hands the reader's note back with the UUID in capitals (RFC 9562 allows it)
    // and the note edited.
    const file = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: `urn:uuid:${mine.id.toUpperCase()}`,
      created: mine.created,
      modified: '2026-03-01T11:00:00.000Z',
      body: [{ type: 'TextualBody', purpose: 'commenting', value: 'edited elsewhere' }],
      target: {
        source: PAGE.url,
        selector: [{ type: 'TextQuoteSelector', exact: 'the pipeline', prefix: '', suffix: '' }],
      },
      'dossier:page': { title: PAGE.title, site: PAGE.site },
    };
    await importFile(source.service, JSON.stringify(file));
    // The reader's next backup must still be restorable.
    await backUp(source.deps);
    const parsed = parseImportFile(String(source.downloads[0]?.data));
    expect(parsed.ok ? 'restorable' : parsed.errors).toBe('restorable');
  });
});
