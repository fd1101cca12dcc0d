import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { toBackup } from '../../../lib/export/backup';
import { parseImportFile } from '../../../lib/export/import-file';
import { toMarkdown } from '../../../lib/export/markdown';
import { LIMITS } from '../../../lib/export/validate';
import { exportW3C } from '../../../lib/export/w3c';
import { makeAnnotation, NOW, uuid } from './fixtures';

const good = (n: number, over: Partial<Annotation> = {}): Annotation =>
  makeAnnotation({ id: uuid(n), ...over });

/** A backup file whose annotation entries are given as raw JSON values. */
function backup(annotations: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'dossier-backup',
    version: 1,
    exported: NOW.toISOString(),
    annotations,
    trash: [],
    ...extra,
  });
}

/** A valid annotation as JSON with some fields replaced (undefined removes the field). */
function raw(n: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...good(n), ...over };
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

const w3cItem = (over: Record<string, unknown> = {}) => ({
  type: 'Annotation',
  id: 'urn:uuid:00000001-0000-4000-8000-000000000001',
  created: '2024-01-01T00:00:00Z',
  target: {
    source: 'https://example.org/a',
    selector: [{ type: 'TextQuoteSelector', exact: 'x' }],
  },
  ...over,
});
const w3c = (...items: unknown[]) =>
  JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationPage', items });

const badFiles: [string, () => string, number | null, RegExp][] = [
  ['text that is not JSON', () => 'not json at all', null, /not valid JSON/],
  ['an empty file', () => '', null, /The file is empty/],
  ['a file of blank lines', () => '  \n\t\n', null, /The file is empty/],
  ['truncated JSON', () => backup([raw(1)]).slice(0, -20), null, /not valid JSON/],
  ['a number at the top', () => '42', null, /holds 42, not notes/],
  ['a string at the top', () => '"hello"', null, /holds "hello", not notes/],
  ['null at the top', () => 'null', null, /holds null, not notes/],
  ['an unrelated object', () => '{"foo": 1}', null, /neither a Dossier backup nor W3C/],
  [
    'another program’s format',
    () => '{"format": "evernote"}',
    null,
    /"evernote" is not one Dossier knows/,
  ],
  [
    'annotations that are not a list',
    () => backup({} as unknown as unknown[]),
    null,
    /"annotations" must be a list/,
  ],
  ['a version written as text', () => backup([], { version: '1' }), null, /version must be 1/],
  [
    'a bad export time',
    () => backup([], { exported: 'today' }),
    null,
    /"exported" time must be an ISO 8601/,
  ],
  [
    'an unknown top-level field',
    () => backup([], { extra: true }),
    null,
    /field "extra" that Dossier does not know/,
  ],
  [
    'an entry that is not an object',
    () => backup([raw(1), 'x']),
    1,
    /^Entry 2: the entry must be an object \(got text\)/,
  ],
  [
    'an id that is not a UUID',
    () => backup([raw(1, { id: 'note-1' })]),
    0,
    /^Entry 1: id must be a UUID .*\(got "note-1"\)/,
  ],
  [
    'two entries with one id',
    () => backup([raw(1), raw(2), raw(1)]),
    2,
    /^Entry 3: id .* is used twice \(first by entry 1\)/,
  ],
  [
    'an id both kept and in the trash',
    () => backup([raw(1)], { trash: [{ ...raw(1), deleted: '2024-01-01T00:00:00Z' }] }),
    0,
    /^Trash entry 1: id .* is used twice \(first by entry 1\)/,
  ],
  [
    'a colour Dossier does not have',
    () => backup([raw(1, { colour: 'red' })]),
    0,
    /colour must be one of yellow, green, blue, pink, purple \(got "red"\)/,
  ],
  [
    'a creation time in words',
    () => backup([raw(1, { created: 'yesterday' })]),
    0,
    /created must be an ISO 8601 date and time/,
  ],
  [
    'a date that does not exist',
    () => backup([raw(1, { updated: '2024-02-30T00:00:00Z' })]),
    0,
    /updated must be an ISO 8601/,
  ],
  [
    'a time without a time zone',
    () => backup([raw(1, { created: '2024-01-01T10:00:00' })]),
    0,
    /created must be an ISO 8601/,
  ],
  [
    'a javascript: page address',
    () => backup([raw(1, { page: { ...good(1).page, url: 'javascript:alert(1)' } })]),
    0,
    /page\.url must be a web address starting with http/,
  ],
  [
    'an ftp page address',
    () => backup([raw(1, { page: { ...good(1).page, url: 'ftp://example.org/a' } })]),
    0,
    /page\.url must be a web address/,
  ],
  [
    'a note that is a number',
    () => backup([raw(1, { note: 5 })]),
    0,
    /note must be text \(got 5\)/,
  ],
  [
    'tags written as one string',
    () => backup([raw(1, { tags: 'a,b' })]),
    0,
    /tags must be a list of tags/,
  ],
  ['a blank tag', () => backup([raw(1, { tags: ['ok', '  '] })]), 0, /tags\[1\] must not be blank/],
  [
    'too many tags',
    () => backup([raw(1, { tags: Array.from({ length: 101 }, (_, i) => `t${i}`) })]),
    0,
    /at most 100 tags/,
  ],
  [
    'a missing quote selector',
    () => backup([raw(1, { quote: undefined })]),
    0,
    /^Entry 1: quote is missing/,
  ],
  [
    'an empty quote',
    () =>
      backup([raw(1, { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } })]),
    0,
    /quote\.exact must not be empty/,
  ],
  [
    'a position that ends before it starts',
    () => backup([raw(1, { position: { type: 'TextPositionSelector', start: 9, end: 3 } })]),
    0,
    /position must not end before it starts/,
  ],
  [
    'a negative position',
    () => backup([raw(1, { position: { type: 'TextPositionSelector', start: -1, end: 3 } })]),
    0,
    /position\.start must not be negative/,
  ],
  [
    'a fractional position',
    () => backup([raw(1, { position: { type: 'TextPositionSelector', start: 1.5, end: 3 } })]),
    0,
    /position\.start must be a whole number/,
  ],
  [
    'a field Dossier does not know',
    () => backup([raw(1, { html: '<b>' })]),
    0,
    /html is not a field Dossier knows/,
  ],
  [
    'an origin of an unknown kind',
    () => backup([raw(1, { origin: { kind: 'robot' } })]),
    0,
    /origin(\.kind)? must be an official/,
  ],
  [
    'a note over a million characters',
    () => backup([raw(1, { note: 'x'.repeat(LIMITS.longText + 1) })]),
    0,
    /note must be at most 1,000,000 characters long \(got 1,000,001 characters of text\)/,
  ],
  [
    'a title of 5,000 characters',
    () => backup([raw(1, { page: { ...good(1).page, title: 'T'.repeat(5000) } })]),
    0,
    /page\.title must be at most 2,000 characters/,
  ],
  [
    'a trash entry without a deletion time',
    () => backup([], { trash: [raw(5)] }),
    0,
    /^Trash entry 1: deleted is missing/,
  ],
  [
    'an orphan that names no annotation',
    () => backup([raw(1)], { orphans: [uuid(2)] }),
    null,
    /Orphan 1 .* names no annotation/,
  ],
  [
    'a valid file with one bad entry at the end',
    () =>
      backup([...Array.from({ length: 499 }, (_, i) => raw(i + 1)), raw(500, { colour: 'teal' })]),
    499,
    /^Entry 500: colour must be one of/,
  ],
  [
    'more than 100,000 entries',
    () => backup(Array.from({ length: LIMITS.entries + 1 }, () => ({}))),
    null,
    /holds 100,001 notes; Dossier imports at most 100,000/,
  ],
  [
    'a W3C annotation without a target',
    () => w3c(w3cItem({ target: undefined })),
    0,
    /^Entry 1: has no target/,
  ],
  [
    'a W3C annotation without a quote selector',
    () =>
      w3c(
        w3cItem({
          target: {
            source: 'https://example.org/a',
            selector: { type: 'TextPositionSelector', start: 1, end: 2 },
          },
        }),
      ),
    0,
    /has no TextQuoteSelector/,
  ],
  [
    'a W3C target that is only a link',
    () => w3c(w3cItem({ target: 'https://example.org/a' })),
    0,
    /has no TextQuoteSelector/,
  ],
  [
    'a W3C item of another type',
    () => w3c(w3cItem(), w3cItem({ type: 'Note' })),
    1,
    /^Entry 2: is not a Web Annotation/,
  ],
  [
    'a W3C body whose value is a number',
    () => w3c(w3cItem({ body: [{ type: 'TextualBody', value: 3 }] })),
    0,
    /body 1 has no text "value" \(got 3\)/,
  ],
  [
    'a W3C annotation without a creation time',
    () => w3c(w3cItem({ created: undefined })),
    0,
    /^Entry 1: created is missing/,
  ],
  [
    'a W3C source that is not a web address',
    () =>
      w3c(
        w3cItem({
          target: {
            source: 'file:///etc/passwd',
            selector: { type: 'TextQuoteSelector', exact: 'x' },
          },
        }),
      ),
    0,
    /target\.source must be a web address/,
  ],
  [
    'a W3C quote over a million characters',
    () =>
      w3c(
        w3cItem({
          target: {
            source: 'https://example.org/a',
            selector: { type: 'TextQuoteSelector', exact: 'q'.repeat(1_200_000) },
          },
        }),
      ),
    0,
    /TextQuoteSelector\.exact must be at most 1,000,000 characters/,
  ],
  [
    'a W3C collection that links to its pages',
    () => JSON.stringify({ type: 'AnnotationCollection', first: 'https://example.org/page1' }),
    null,
    /links to its pages/,
  ],
  ['an empty W3C list', () => '[]', null, /holds no annotations/],
  [
    'W3C page details that are not an object',
    () => w3c(w3cItem({ 'dossier:page': 'Title' })),
    0,
    /dossier:page must be an object/,
  ],
];

describe('parseImportFile rejects bad files, naming the entry and the reason', () => {
  it('has at least 30 bad files', () => {
    expect(badFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(badFiles)('rejects %s', (_name, make, entry, message) => {
    const result = parseImportFile(make());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.length).toBeGreaterThan(0);
    const match = result.errors.find((e) => message.test(e.message));
    expect(match, JSON.stringify(result.errors).slice(0, 500)).toBeDefined();
    expect(match!.entry).toBe(entry);
    for (const e of result.errors) expect(e.message).toMatch(/\.\)?$|\)\.?$/);
  });

  it('rejects a 20 MB file whose last entry is bad, and reports only that entry', () => {
    const entries = Array.from({ length: 30_000 }, (_, i) => raw(i + 1, { note: 'n'.repeat(450) }));
    entries.push(raw(30_001, { created: '2024-13-01T00:00:00Z' }));
    const text = backup(entries);
    expect(text.length).toBeGreaterThan(20 * 1024 * 1024);
    const result = parseImportFile(text);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          entry: 30_000,
          path: 'annotations[30000].created',
          message: expect.stringMatching(/^Entry 30001: created must be an ISO 8601 date and time/),
        },
      ],
    });
  }, 60_000);

  it('rejects a file over 200 MB before reading it', () => {
    const result = parseImportFile(`[${' '.repeat(LIMITS.fileChars)}]`);
    expect(!result.ok && result.errors[0]!.message).toMatch(/too large .* up to 200 MB/);
  });

  it('lists at most 50 problems and counts the rest', () => {
    const result = parseImportFile(
      backup(Array.from({ length: 200 }, (_, i) => raw(i + 1, { colour: 'x' }))),
    );
    expect(!result.ok && result.errors).toHaveLength(LIMITS.errors + 1);
    expect(!result.ok && result.errors.at(-1)!.message).toBe('…and 150 more problems.');
  });

  it('reports the path of a bad W3C field in the file’s own terms', () => {
    const result = parseImportFile(w3c(w3cItem({ modified: 'later' })));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          entry: 0,
          path: '[0].modified',
          message:
            'Entry 1: modified must be an ISO 8601 date and time such as 2024-05-01T12:00:00.000Z (got "later").',
        },
      ],
    });
  });
});

describe('parseImportFile accepts good files', () => {
  it('recognises a backup and W3C annotations, with or without a byte-order mark', () => {
    const notes = [good(1, { note: 'a' }), good(2, { tags: ['t'] })];
    const fromBackup = parseImportFile(`\ufeff${toBackup(notes, [], { now: NOW })}`);
    expect(fromBackup).toMatchObject({ ok: true, kind: 'backup', annotations: notes, trash: [] });
    expect(parseImportFile(exportW3C(notes, { now: NOW }))).toEqual({
      ok: true,
      kind: 'w3c',
      annotations: notes,
    });
  });

  it('keeps HTML and script in every text field as plain text, and the Markdown escapes it', () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const page = {
      url: 'https://example.org/a?q=<script>',
      title: evil,
      site: evil,
      author: evil,
      published: evil,
    };
    const note = good(1, {
      page,
      quote: { type: 'TextQuoteSelector', exact: evil, prefix: evil, suffix: evil },
      note: evil,
      tags: [evil],
      origin: { kind: 'official', name: evil },
    });
    for (const text of [toBackup([note], [], { now: NOW }), exportW3C([note], { now: NOW })]) {
      const result = parseImportFile(text);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const back = result.annotations[0]!;
      expect(back.note).toBe(evil);
      expect(back.page.title).toBe(evil);
      expect(back.quote.exact).toBe(evil);
      expect(back.tags).toEqual([evil]);
      const md = toMarkdown(result.annotations, { now: NOW, scope: 'all', layout: 'combined' });
      const body = md.slice(md.indexOf('\n---\n', 4) + 5).replace(/\]\(<[^>\s]*>\)/g, '](LINK)');
      expect(body).not.toMatch(/(^|[^\\])<(script|img)/);
    }
  });
});
