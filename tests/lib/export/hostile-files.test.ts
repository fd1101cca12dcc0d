/**
 * The hostile-file suite: every kind of broken or malicious import file the black-box probe
 * tried (issue 18), as rows of one table. Each row imports a file through the same path as the
 * popup's "Import…" (`importFile` over the background's notes service, on a real IndexedDB
 * from fake-indexeddb) into a store that already holds the reader's notes and trash, and
 * asserts two things: the message the reader is shown, and the whole database before and
 * after (unchanged for a refused file; for an accepted one, exactly the change the row names
 * and never the loss of a note the reader had).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { FILE_MAX_CHARS, NOTE_MAX_CHARS } from '../../../lib/annotation/limits';
import { BACKUP_FORMAT, toBackup } from '../../../lib/export/backup';
import { exportW3C } from '../../../lib/export/w3c';
import { createNotesService, type NotesService } from '../../../lib/notes/service';
import { importFile } from '../../../lib/notes/transfer';
import { type DossierDB, exportAll, openDossierDb, type StoreSnapshot } from '../../../lib/store';

const NOW = new Date('2026-03-01T10:00:00.000Z');
const PAGE_A = { url: 'https://www.csis.org/analysis/gas', title: 'Gas', site: 'CSIS' };
const PAGE_B = { url: 'https://www.example.org/other', title: 'Other', site: 'Example' };

let db: DossierDB;
let service: NotesService;
/** The reader's notes, made through the service before each row. */
let mine: Annotation[];
let n = 0;

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** A valid note for a file, numbered so each is distinct. */
function fileNote(i: number, extra: Partial<Annotation> = {}): Annotation {
  return {
    id: uuid(100_000 + i),
    page: PAGE_A,
    quote: { type: 'TextQuoteSelector', exact: `file quote ${i}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: i, end: i + 5 },
    note: `file note ${i}`,
    tags: ['imported'],
    colour: 'blue',
    created: '2026-01-05T00:00:00.000Z',
    updated: '2026-01-05T00:00:00.000Z',
    ...extra,
  };
}

const backupOf = (annotations: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    format: BACKUP_FORMAT,
    version: 1,
    exported: '2026-02-01T00:00:00.000Z',
    annotations,
    trash: [],
    orphans: [],
    ...extra,
  });

/** A valid backup whose first note is changed by `edit` (as raw JSON, so anything goes). */
const withEntry = (edit: (entry: Record<string, unknown>) => void) => {
  const entry = JSON.parse(JSON.stringify(fileNote(1))) as Record<string, unknown>;
  edit(entry);
  return backupOf([entry]);
};

beforeEach(async () => {
  n = 0;
  db = await openDossierDb();
  service = createNotesService({
    db: async () => db,
    now: () => NOW,
    randomId: () => uuid(++n),
  });
  const make = (exact: string, note: string, page = PAGE_A) =>
    service.create({
      page,
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: exact.length },
      note,
      tags: ['mine'],
      colour: 'yellow',
    });
  mine = [await make('the pipeline', 'my first thought'), await make('the port', 'my second')];
  const deleted = await make('a deleted passage', 'in the trash', PAGE_B);
  await service.remove(deleted.id);
});

interface Row {
  name: string;
  /** The file's text (may read the reader's notes, for collisions). */
  file: () => string;
  /** The message the reader sees. */
  message: RegExp;
  /** `unchanged`, or what must hold of the store after (given the store before). */
  after: 'unchanged' | ((before: StoreSnapshot, after: StoreSnapshot) => void);
}

const refused = (name: string, file: () => string, message: RegExp): Row => ({
  name,
  file,
  message,
  after: 'unchanged',
});

/** The reader's notes and trash are all still there, exactly. */
function keptEverything(before: StoreSnapshot, after: StoreSnapshot): void {
  for (const note of before.annotations) expect(after.annotations).toContainEqual(note);
  for (const entry of before.trash) expect(after.trash).toContainEqual(entry);
}

const deep = (depth: number, inner: string) => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

const ROWS: Row[] = [
  // Not JSON, or not notes.
  refused('an empty file', () => '', /^Nothing was imported\. The file is empty\.$/),
  refused('only white space', () => ' \n\t ', /The file is empty/),
  refused('a lone brace', () => '{', /not valid JSON/),
  refused('a truncated backup', () => backupOf([fileNote(1)]).slice(0, 200), /not valid JSON/),
  refused('JSON with a trailing comma', () => '[{"a": 1},]', /not valid JSON/),
  refused('a byte-order mark and nothing else', () => '\ufeff', /The file is empty/),
  refused('NUL bytes', () => '\u0000\u0000\u0000', /not valid JSON/),
  refused('null', () => 'null', /Nothing was imported/),
  refused('a number', () => '42', /Nothing was imported/),
  refused('a string', () => '"notes"', /Nothing was imported/),
  refused('true', () => 'true', /Nothing was imported/),
  refused('an object with nothing Dossier knows', () => '{"hello": "world"}', /neither/),
  refused('a list of numbers', () => '[1, 2, 3]', /Entry 1/),
  refused('a list of nulls', () => '[null, null]', /Entry 1/),
  // A backup of a kind or version Dossier does not know.
  refused(
    'an unknown format',
    () => '{"format": "dossier-backup-v9", "annotations": []}',
    /format "dossier-backup-v9" is not one Dossier knows/,
  ),
  refused('a format that is a number', () => '{"format": 7}', /format 7 is not one/),
  refused(
    'a newer backup version',
    () => backupOf([], { version: 2 }),
    /made by a newer Dossier \(format version 2\)/,
  ),
  refused('version as text', () => backupOf([], { version: '1' }), /version must be 1/),
  refused('version zero', () => backupOf([], { version: 0 }), /version must be 1/),
  refused('version missing', () => backupOf([], { version: undefined }), /version must be 1/),
  refused(
    'version 1.5',
    () => backupOf([], { version: 1.5 }),
    /newer Dossier \(format version 1\.5\)/,
  ),
  // Wrong types in the backup's frame.
  refused('annotations as an object', () => backupOf({} as never), /"annotations" must be a list/),
  refused('annotations as text', () => backupOf('all' as never), /"annotations" must be a list/),
  refused('trash as a number', () => backupOf([], { trash: 3 }), /"trash" must be a list/),
  refused('orphans as an object', () => backupOf([], { orphans: {} }), /"orphans" must be a list/),
  refused(
    'an orphan naming no note',
    () => backupOf([fileNote(1)], { orphans: [uuid(999)] }),
    /Orphan 1 .* names no annotation/,
  ),
  refused('exported not a time', () => backupOf([], { exported: 'yesterday' }), /"exported"/),
  refused('an unknown top-level field', () => backupOf([], { extra: 1 }), /field "extra"/),
  // Prototype keys: JSON.parse makes them own keys; none may reach an object's prototype.
  refused(
    '__proto__ at the top level',
    () => backupOf([]).replace('{', '{"__proto__": {"polluted": true},'),
    /field "__proto__" that Dossier does not know/,
  ),
  refused(
    '__proto__ in an entry',
    () =>
      withEntry((e) =>
        Object.defineProperty(e, '__proto__', { value: { x: 1 }, enumerable: true }),
      ),
    /Entry 1: __proto__ is not a field Dossier knows/,
  ),
  refused(
    'constructor in an entry',
    () => withEntry((e) => Object.assign(e, { constructor: { prototype: { polluted: 1 } } })),
    /Entry 1: constructor is not a field/,
  ),
  refused(
    'prototype in a page',
    () => withEntry((e) => Object.assign(e.page as object, { prototype: {} })),
    /Entry 1: page\.prototype is not a field/,
  ),
  refused(
    '__proto__ in a W3C annotation list',
    () => '[{"__proto__": {"type": "Annotation"}, "type": "Annotation"}]',
    /Entry 1/,
  ),
  // Wrong types in an entry.
  refused(
    'an id that is no UUID',
    () => withEntry((e) => (e.id = 'x')),
    /Entry 1: id must be a UUID/,
  ),
  refused('an id that is a number', () => withEntry((e) => (e.id = 7)), /Entry 1: id must be text/),
  refused('tags as text', () => withEntry((e) => (e.tags = 'a,b')), /tags must be a list of tags/),
  refused('a tag that is a number', () => withEntry((e) => (e.tags = [1])), /tags\[0\]/),
  refused('a blank tag', () => withEntry((e) => (e.tags = ['  '])), /must not be blank/),
  refused(
    '101 tags',
    () => withEntry((e) => (e.tags = Array.from({ length: 101 }, (_, i) => `t${i}`))),
    /at most 100 tags/,
  ),
  refused(
    'a colour Dossier has not',
    () => withEntry((e) => (e.colour = 'red')),
    /colour must be one of/,
  ),
  refused('a note that is a number', () => withEntry((e) => (e.note = 5)), /note must be text/),
  refused(
    'a note that is an object',
    () => withEntry((e) => (e.note = { html: '<b>' })),
    /note must be text/,
  ),
  refused(
    'an empty quote',
    () => withEntry((e) => ((e.quote as { exact: string }).exact = '')),
    /must not be empty/,
  ),
  refused(
    'a position ending before it starts',
    () => withEntry((e) => (e.position = { type: 'TextPositionSelector', start: 9, end: 2 })),
    /must not end before it starts/,
  ),
  refused(
    'a negative offset',
    () => withEntry((e) => ((e.position as { start: number }).start = -1)),
    /must not be negative/,
  ),
  refused(
    'an offset that is not whole',
    () => withEntry((e) => ((e.position as { end: number }).end = 1.5)),
    /whole number/,
  ),
  refused('a page that is null', () => withEntry((e) => (e.page = null)), /page must be an object/),
  refused('a missing created time', () => withEntry((e) => delete e.created), /created is missing/),
  // Dates.
  refused('a date that is not ISO', () => withEntry((e) => (e.created = '01/02/2026')), /ISO 8601/),
  refused(
    'the 31st of February',
    () => withEntry((e) => (e.updated = '2026-02-31T00:00:00Z')),
    /ISO 8601/,
  ),
  refused(
    'a date without a time zone',
    () => withEntry((e) => (e.updated = '2026-02-01T00:00:00')),
    /ISO 8601/,
  ),
  refused(
    'a six-digit year',
    () => withEntry((e) => (e.updated = '+010000-01-01T00:00:00.000Z')),
    /ISO 8601/,
  ),
  // Addresses a Markdown export would turn into links.
  refused(
    'a javascript: page',
    () => withEntry((e) => ((e.page as { url: string }).url = 'javascript:alert(1)')),
    /must be a web address/,
  ),
  refused(
    'a data: page',
    () =>
      withEntry(
        (e) => ((e.page as { url: string }).url = 'data:text/html,<script>alert(1)</script>'),
      ),
    /must be a web address/,
  ),
  refused(
    'a vbscript: page',
    () => withEntry((e) => ((e.page as { url: string }).url = 'vbscript:msgbox(1)')),
    /must be a web address/,
  ),
  refused(
    'a file: page',
    () => withEntry((e) => ((e.page as { url: string }).url = 'file:///etc/passwd')),
    /must be a web address/,
  ),
  refused(
    'a 9,000-character address',
    () => withEntry((e) => ((e.page as { url: string }).url = `https://a.org/${'a'.repeat(9000)}`)),
    /at most 8,192 characters/,
  ),
  // Sizes.
  refused(
    'a note one character over the limit',
    () => withEntry((e) => (e.note = 'x'.repeat(NOTE_MAX_CHARS + 1))),
    /note must be at most 1,000,000 characters long \(got 1,000,001 characters of text\)/,
  ),
  refused(
    'a 1 MB title',
    () => withEntry((e) => ((e.page as { title: string }).title = 't'.repeat(1_000_000))),
    /title must be at most 2,000/,
  ),
  refused(
    '100,001 entries',
    () => backupOf(Array.from({ length: 100_001 }, () => 0)),
    /holds 100,001 notes; Dossier imports at most 100,000/,
  ),
  refused(
    '500,000 W3C items in one page',
    () =>
      JSON.stringify({
        type: 'AnnotationCollection',
        first: { type: 'AnnotationPage', items: Array.from({ length: 500_000 }, () => 0) },
      }),
    /more than 100,000 annotations/,
  ),
  refused(
    'a file over 200 MB',
    () => `[${' '.repeat(FILE_MAX_CHARS)}]`,
    /too large .* up to 200 MB/,
  ),
  // Deep nesting: a clear refusal, never a stack overflow.
  refused('lists nested 100,000 deep', () => deep(100_000, '1'), /Nothing was imported/),
  refused(
    'lists nested 10,000 deep in a note',
    () => withEntry((e) => (e.note = 'DEEP')).replace('"DEEP"', deep(10_000, '"x"')),
    /note must be text/,
  ),
  // Collisions inside the file.
  refused(
    'the same id twice',
    () => backupOf([fileNote(1), { ...fileNote(2), id: fileNote(1).id }]),
    /used twice/,
  ),
  refused(
    "a trash entry with a live entry's id",
    () =>
      backupOf([fileNote(1)], { trash: [{ ...fileNote(1), deleted: '2026-02-01T00:00:00.000Z' }] }),
    /used twice/,
  ),
  // W3C specifics.
  refused(
    'a W3C collection that links its pages',
    () => '{"type": "AnnotationCollection", "first": "https://evil.example/page1"}',
    /links to its pages/,
  ),
  refused(
    'a W3C annotation on a javascript: page',
    () =>
      exportW3C([fileNote(1)], { now: NOW }).replace(
        PAGE_A.url,
        'javascript:alert(document.domain)',
      ),
    /web address/,
  ),

  // Accepted files: what they may change, and that nothing of the reader's is lost.
  {
    name: "the reader's note id with a 2099 edit on another page (the probe's attack)",
    file: () =>
      backupOf([
        { ...mine[0]!, page: PAGE_B, note: 'overwritten!', updated: '2099-01-01T00:00:00.000Z' },
      ]),
    message: /^Imported 0 notes\. 1 kept your version; the file's version is in the trash\.$/,
    after: (before, after) => {
      keptEverything(before, after);
      expect(after.annotations).toEqual(before.annotations);
      const aside = after.trash.find((t) => t.annotation.note === 'overwritten!');
      expect(aside?.annotation.id).not.toBe(mine[0]!.id);
      expect(after.trash).toHaveLength(before.trash.length + 1);
    },
  },
  {
    name: "the reader's note id with a 2099 edit on its own page",
    file: () =>
      backupOf([{ ...mine[0]!, note: 'from the future', updated: '2099-01-01T00:00:00.000Z' }]),
    message: /1 kept your version; the file's version is in the trash\./,
    after: (before, after) => {
      expect(after.annotations).toEqual(before.annotations);
      expect(after.trash.map((t) => t.annotation.note)).toContain('from the future');
    },
  },
  {
    name: "the reader's note id with an older, different edit",
    file: () => backupOf([{ ...mine[1]!, note: 'older', updated: '2020-01-01T00:00:00.000Z' }]),
    message: /1 kept your version; the file's version is in the trash\./,
    after: (before, after) => {
      expect(after.annotations).toEqual(before.annotations);
      expect(after.trash.map((t) => t.annotation.note)).toContain('older');
    },
  },
  {
    name: "the reader's note id with a later edit from another device (taken; the reader's in the trash)",
    file: () =>
      backupOf([{ ...mine[0]!, note: 'edited on my laptop', updated: '2026-03-01T12:00:00.000Z' }]),
    message:
      /^Imported 0 notes\. 1 note took the file's later edit; your earlier version is in the trash\.$/,
    after: (before, after) => {
      expect(after.annotations.find((a) => a.id === mine[0]!.id)?.note).toBe('edited on my laptop');
      const aside = after.trash.find((t) => t.annotation.note === mine[0]!.note);
      expect(aside && { ...aside.annotation, id: mine[0]!.id }).toEqual(mine[0]);
      expect(after.annotations).toHaveLength(before.annotations.length);
    },
  },
  {
    name: "the reader's own notes again",
    file: () => backupOf(mine),
    message: /^Imported 0 notes, skipped 2 already there\.$/,
    after: 'unchanged',
  },
  {
    // The deleted note is on page B, the file's record on page A: two documents would hold one
    // note id (the next backup refused, the deleted note no longer restorable).
    name: "the trashed note's id, live in the file on another page",
    file: () => backupOf([{ ...fileNote(1), id: uuid(3) }]),
    message: /^Imported 0 notes\. 1 kept your version; the file's version is in the trash\.$/,
    after: (before, after) => {
      keptEverything(before, after);
      expect(after.annotations).toEqual(before.annotations);
      expect(after.trash.map((t) => t.annotation.note).sort()).toEqual([
        'file note 1',
        'in the trash',
      ]);
      const ids = after.trash.map((t) => t.annotation.id);
      expect(new Set(ids).size).toBe(ids.length);
    },
  },
  {
    name: "the trashed note's id, live in the file on its own page (it comes back)",
    file: () => backupOf([{ ...fileNote(1), id: uuid(3), page: PAGE_B }]),
    message: /^Imported 1 note\.$/,
    after: (before, after) => {
      for (const note of before.annotations) expect(after.annotations).toContainEqual(note);
      expect(after.annotations).toHaveLength(3);
      expect(after.annotations.find((a) => a.id === uuid(3))?.note).toBe('file note 1');
    },
  },
  {
    name: 'a new note dated 9999-12-31',
    file: () =>
      backupOf([
        {
          ...fileNote(1),
          created: '9999-12-31T23:59:59.999Z',
          updated: '9999-12-31T23:59:59.999Z',
        },
      ]),
    message: /^Imported 1 note\.$/,
    after: (before, after) => {
      keptEverything(before, after);
      const added = after.annotations.find((a) => a.id === fileNote(1).id);
      expect(added?.updated).toBe(NOW.toISOString());
    },
  },
  {
    name: 'a note of exactly the limit, 1,000,000 characters',
    file: () => backupOf([{ ...fileNote(1), note: 'x'.repeat(NOTE_MAX_CHARS) }]),
    message: /^Imported 1 note\.$/,
    after: (before, after) => {
      keptEverything(before, after);
      const added = after.annotations.find((a) => a.id === fileNote(1).id);
      expect(added?.note).toHaveLength(NOTE_MAX_CHARS);
    },
  },
  {
    name: 'script and HTML in every text field, kept as text',
    file: () =>
      backupOf([
        fileNote(1, {
          note: '<img src=x onerror=alert(1)>',
          tags: ['<script>alert(1)</script>'],
          page: { ...PAGE_A, title: '"><svg onload=alert(1)>' },
        }),
      ]),
    message: /^Imported 1 note\.$/,
    after: (_before, after) => {
      const added = after.annotations.find((a) => a.id === fileNote(1).id);
      expect(added?.note).toBe('<img src=x onerror=alert(1)>');
      expect(added?.tags).toEqual(['<script>alert(1)</script>']);
    },
  },
  {
    name: 'a byte-order mark before a valid backup',
    file: () => `\ufeff${backupOf([fileNote(1)])}`,
    message: /^Imported 1 note\.$/,
    after: (before, after) => {
      keptEverything(before, after);
      expect(after.annotations).toHaveLength(3);
    },
  },
  refused('an empty list', () => '[]', /^Nothing was imported\. The file holds no annotations\.$/),
];

describe('hostile import files', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const text = row.file();
    const before = await exportAll(db);
    const outcome = await importFile(service, text);
    expect(outcome.message).toMatch(row.message);
    const after = await exportAll(db);
    if (row.after === 'unchanged') {
      expect(after).toEqual(before);
    } else {
      expect(outcome.ok).toBe(true);
      row.after(before, after);
    }
    // Nothing reached a prototype, whatever the file said.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it("imports 100,000 notes (the most a file may hold) next to the reader's", async () => {
    const notes = Array.from({ length: 100_000 }, (_, i) =>
      fileNote(i, { page: { ...PAGE_A, url: `https://www.example.org/p${i % 2_000}` } }),
    );
    const before = await exportAll(db);
    const outcome = await importFile(service, toBackup(notes, [], { now: NOW }));
    expect(outcome).toEqual({ ok: true, message: 'Imported 100,000 notes.' });
    const after = await exportAll(db);
    keptEverything(before, after);
    expect(after.annotations).toHaveLength(100_002);
  }, 300_000);

  it('keeps the trash when importing into a store whose notes are all deleted', async () => {
    for (const note of mine) await service.remove(note.id);
    const before = await exportAll(db);
    expect(before.annotations).toEqual([]);
    expect(before.trash).toHaveLength(3);
    const outcome = await importFile(service, backupOf([fileNote(1)]));
    expect(outcome.message).toBe('Imported 1 note.');
    const after = await exportAll(db);
    expect(after.trash).toEqual(before.trash);
    expect(after.annotations.map((a) => a.id)).toEqual([fileNote(1).id]);
  });

  it('lets a note stamped 9999-12-31 be edited, and backs it up in a form it can restore', async () => {
    // A store written before imports clamped future times can hold one already.
    const { importAll } = await import('../../../lib/store');
    const edge = { ...fileNote(1), updated: '9999-12-31T23:59:59.999Z' };
    await importAll(db, [edge], { now: new Date('9999-12-31T00:00:00.000Z') });
    const edited = await service.update(edge.id, { note: 'edited' });
    expect(edited.updated).toBe('9999-12-31T23:59:59.999Z');
    const snapshot = await exportAll(db);
    const backup = toBackup(snapshot.annotations, [], { now: NOW });
    const fresh = await openDossierDb({ name: 'restore-target' });
    const restored = await importFile(
      createNotesService({ db: async () => fresh, now: () => NOW }),
      backup,
    );
    expect(restored.ok).toBe(true);
    fresh.close();
  });

  it('puts a version aside once, however often the same file is imported', async () => {
    const file = backupOf([
      { ...mine[0]!, page: PAGE_B, note: 'again', updated: '2099-01-01T00:00:00.000Z' },
    ]);
    await importFile(service, file);
    const once = await exportAll(db);
    await importFile(service, file);
    expect(await exportAll(db)).toEqual(once);
  });
});
