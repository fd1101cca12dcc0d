import { strFromU8, unzipSync } from 'fflate';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Annotation } from '../../../lib/annotation';
import { createNotesService, type NotesService } from '../../../lib/notes/service';
import {
  backUp,
  exportEverything,
  exportPage,
  exportTag,
  importFile,
  type TransferDeps,
} from '../../../lib/notes/transfer';
import { openDossierDb } from '../../../lib/store';

const PAGE = {
  url: 'https://www.csis.org/analysis/gas',
  title: 'Gas: the long view',
  site: 'CSIS',
};

let service: NotesService;
let downloads: { name: string; data: string | Uint8Array; type: string }[];
let deps: TransferDeps;
let n = 0;

beforeEach(() => {
  downloads = [];
  n = 0;
  const db = openDossierDb();
  service = createNotesService({
    db: () => db,
    now: () => new Date('2026-03-01T10:00:00Z'),
    randomId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  deps = {
    now: () => new Date('2026-03-02T09:00:00Z'),
    listPage: (url) => service.list(url),
    listAll: () => service.all(),
    // As in the extension: the text goes to the background, which imports it into its store.
    importText: (text) => importFile(service, text),
    download: (name, data, type) => downloads.push({ name, data, type }),
  };
});

async function note(exact: string, start: number, extra: Partial<Annotation> = {}) {
  return service.create({
    page: PAGE,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    note: '',
    tags: [],
    colour: 'yellow',
    ...extra,
  });
}

describe('exporting', () => {
  it('downloads one page as Markdown whose front matter parses back', async () => {
    await note('the pipeline', 40, { note: 'Check capacity', tags: ['energy'] });
    const message = await exportPage(deps, {
      url: PAGE.url,
      analysis: { officials: [{ name: 'Marcus Hale', titles: ['Deputy Secretary'], mentions: 3 }] },
    });
    expect(message).toBe('Exported 1 note from this page.');
    const [file] = downloads;
    expect(file?.name).toBe('Gas the long view.md');
    const text = String(file?.data);
    const front = parseYaml(text.split('---')[1] ?? '');
    expect(front).toMatchObject({
      title: 'Gas: the long view',
      url: PAGE.url,
      exported: '2026-03-02T09:00:00.000Z',
    });
    expect(text).toContain('> the pipeline');
    expect(text).toContain('#energy');
    expect(text).toContain('Marcus Hale');
  });

  it('says so when there is nothing to export, and downloads nothing', async () => {
    await expect(exportPage(deps, { url: PAGE.url })).resolves.toBe(
      'There are no notes on this page to export yet.',
    );
    await expect(exportTag(deps, 'nothing')).resolves.toBe('No notes carry the tag “nothing”.');
    expect(downloads).toEqual([]);
  });

  it('exports everything as a zip of one file per page', async () => {
    await note('first', 0);
    await service.create({
      page: { url: 'https://rand.org/b', title: 'B', site: 'RAND' },
      quote: { type: 'TextQuoteSelector', exact: 'second', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 6 },
      note: '',
      tags: [],
      colour: 'blue',
    });
    await exportEverything(deps, 'zip');
    const files = unzipSync(downloads[0]?.data as Uint8Array);
    expect(Object.keys(files).sort()).toEqual(['B.md', 'Gas the long view.md']);
    expect(strFromU8(files['B.md'] as Uint8Array)).toContain('> second');
  });
});

describe('W3C Web Annotations', () => {
  it('exports everything as W3C JSON-LD that imports back into an empty store unchanged', async () => {
    await note('a passage', 5, {
      note: 'why it matters',
      tags: ['water', 'dry years'],
      colour: 'green',
    });
    await exportEverything(deps, 'w3c');
    const [file] = downloads;
    expect(file?.type).toBe('application/ld+json');
    const json = JSON.parse(String(file?.data));
    expect(json['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    const fresh = createNotesService({ db: () => openDossierDb({ name: 'w3c-import' }) });
    const result = await importFile(fresh, String(file?.data));
    expect(result).toEqual({ ok: true, message: 'Imported 1 note.' });
    expect((await fresh.all()).annotations).toEqual((await service.all()).annotations);
  });
});

describe('backing up and importing', () => {
  it('restores a backup into an empty store exactly, trash included', async () => {
    await note('kept', 0, { note: 'a', tags: ['x'], colour: 'pink' });
    const gone = await note('deleted', 10);
    await service.remove(gone.id);
    await backUp(deps);
    const before = await service.all();
    const file = String(downloads[0]?.data);

    const fresh = createNotesService({ db: () => openDossierDb({ name: 'restored' }) });
    const result = await importFile(fresh, file);
    expect(result).toEqual({
      ok: true,
      message: 'Imported 1 note. 1 note deleted in the backup is back in the trash.',
    });
    expect(await fresh.all()).toEqual(before);
  });

  it('reports duplicates instead of doubling them', async () => {
    await note('kept', 0, { note: 'a' });
    await backUp(deps);
    const result = await deps.importText(String(downloads[0]?.data));
    expect(result.message).toBe('Imported 0 notes, skipped 1 already there.');
    expect((await service.all()).annotations).toHaveLength(1);
  });

  it('writes large counts with thousands separators', async () => {
    const report = {
      mode: 'merge' as const,
      received: 13_500,
      added: 12_000,
      updated: 1_200,
      duplicates: Array.from({ length: 1_000 }, (_, index) => ({
        index,
        id: `d${index}`,
        duplicateOf: `d${index}`,
        in: 'store' as const,
      })),
      stale: [],
      trashRestored: 0,
    };
    await note('kept', 0);
    await backUp(deps);
    const result = await importFile({ importAll: async () => report }, String(downloads[0]?.data));
    expect(result.message).toBe(
      "Imported 12,000 notes, skipped 1,000 already there. 1,200 notes took the file's later edit; your earlier versions are in the trash.",
    );
  });

  it('imports nothing from a file with one bad entry, and says which', async () => {
    await note('kept', 0);
    await backUp(deps);
    const backup = JSON.parse(String(downloads[0]?.data));
    backup.annotations.push({ ...backup.annotations[0], id: 'not-a-uuid', colour: 'teal' });
    const result = await importFile(service, JSON.stringify(backup));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Nothing was imported\. .*Entry 2/);
    expect((await service.all()).annotations).toHaveLength(1);
  });
});

describe("a file with teammates' notes", () => {
  it('imports the reader’s own notes and says the teammates’ were left out', async () => {
    const w3c = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationPage',
      items: [0, 1, 2].map((i) => ({
        id: `urn:uuid:00000000-0000-4000-8000-00000000010${i}`,
        type: 'Annotation',
        created: '2026-01-01T00:00:00Z',
        body: [{ type: 'TextualBody', purpose: 'commenting', value: `note ${i}` }],
        target: {
          source: PAGE.url,
          selector: [{ type: 'TextQuoteSelector', exact: `passage ${i}`, prefix: '', suffix: '' }],
        },
        'dossier:page': { title: PAGE.title, site: PAGE.site },
        ...(i > 0 ? { creator: { type: 'Person', name: 'bob' } } : {}),
      })),
    };
    const result = await importFile(service, JSON.stringify(w3c));
    expect(result).toEqual({
      ok: true,
      message:
        "Imported 1 note. 2 notes by teammates were left out: teammates' notes come from your team's database when you sync, never from a file.",
    });
    expect((await service.list(PAGE.url)).map((a) => [a.note, a.author])).toEqual([
      ['note 0', undefined],
    ]);
  });
});
