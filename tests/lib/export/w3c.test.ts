import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { derivedUuid, exportW3C, parseW3C, toW3C } from '../../../lib/export/w3c';
import { makeAnnotation, NOW, uuid } from './fixtures';

const records: Annotation[] = [
  makeAnnotation({
    id: uuid(1),
    note: 'A note\nwith two lines',
    tags: ['energy', 'South Caucasus'],
    colour: 'blue',
  }),
  makeAnnotation({
    id: uuid(2),
    page: { url: 'https://example.org/x', title: 'X', site: 'Example' },
    origin: { kind: 'quote', speaker: null },
    colour: 'purple',
    quote: { type: 'TextQuoteSelector', exact: 'quoted', prefix: '', suffix: '' },
  }),
  makeAnnotation({
    id: uuid(3),
    page: { url: 'https://example.org/y', title: '', site: '', author: null, published: '2024' },
    origin: { kind: 'official', name: 'President Aliyev' },
    note: '<script>alert(1)</script>',
    tags: ['🚀'],
    updated: '2024-05-01T09:30:00+04:00',
  }),
];

const minimal = (over: Record<string, unknown> = {}) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  id: 'https://hypothes.is/a/AbC123xyz',
  type: 'Annotation',
  created: '2024-01-02T03:04:05.123456+00:00',
  target: {
    source: 'https://example.org/article',
    selector: { type: 'TextQuoteSelector', exact: 'the passage' },
  },
  ...over,
});

function only(result: ReturnType<typeof parseW3C>): Annotation {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.annotations).toHaveLength(1);
  return result.annotations[0]!;
}

describe('W3C export', () => {
  it('writes a collection of annotations with both selectors, note and tag bodies', () => {
    const doc = toW3C(records, { now: NOW });
    expect(doc['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(doc.type).toBe('AnnotationCollection');
    expect(doc.total).toBe(3);
    expect(doc.first.items[0]).toMatchInlineSnapshot(`
      {
        "body": [
          {
            "format": "text/plain",
            "purpose": "commenting",
            "type": "TextualBody",
            "value": "A note
      with two lines",
          },
          {
            "purpose": "tagging",
            "type": "TextualBody",
            "value": "energy",
          },
          {
            "purpose": "tagging",
            "type": "TextualBody",
            "value": "South Caucasus",
          },
        ],
        "created": "2024-03-02T10:00:00.000Z",
        "dossier:page": {
          "author": "Jane Doe",
          "published": "2024-03-01",
          "site": "Caspian Policy Center",
          "title": "Caspian: Seed Fund "Round 2" — What #Next?",
        },
        "generated": "2026-11-28T12:00:00.000Z",
        "id": "urn:uuid:00000001-0000-4000-8000-000000000001",
        "modified": "2024-03-02T10:00:00.000Z",
        "motivation": "commenting",
        "stylesheet": {
          "type": "CssStylesheet",
          "value": ".dossier-note-blue { background-color: rgba(110, 170, 255, 0.45) }",
        },
        "target": {
          "selector": [
            {
              "exact": "the fund will support early-stage companies",
              "prefix": "ing to the announcement, ",
              "suffix": " across the South Caucasus and Ce",
              "type": "TextQuoteSelector",
            },
            {
              "end": 143,
              "start": 100,
              "type": "TextPositionSelector",
            },
          ],
          "source": "https://www.caspianpolicy.org/research/energy/caspian-seed-fund",
          "styleClass": "dossier-note-blue",
        },
        "type": "Annotation",
      }
    `);
    expect(doc.first.items[1]!.body).toBeUndefined();
    expect(doc.first.items[1]!.motivation).toBe('highlighting');
  });

  it('reads its own output back into identical records', () => {
    const result = parseW3C(JSON.parse(exportW3C(records, { now: NOW })));
    expect(result).toEqual({ ok: true, kind: 'w3c', annotations: records });
  });
});

describe('W3C import of other tools’ files', () => {
  it('accepts a Hypothesis-style annotation without position, prefix or Dossier fields', () => {
    const a = only(parseW3C(minimal({ body: { type: 'TextualBody', value: 'Nice' } })));
    expect(a).toEqual({
      id: derivedUuid('https://hypothes.is/a/AbC123xyz'),
      page: { url: 'https://example.org/article', title: '', site: 'example.org' },
      quote: { type: 'TextQuoteSelector', exact: 'the passage', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 0 },
      note: 'Nice',
      tags: [],
      colour: 'yellow',
      created: '2024-01-02T03:04:05.123456+00:00',
      updated: '2024-01-02T03:04:05.123456+00:00',
    });
  });

  it('derives the same id from the same foreign id every time, and a valid UUID', () => {
    const id = derivedUuid('https://hypothes.is/a/AbC123xyz');
    expect(id).toBe(derivedUuid('https://hypothes.is/a/AbC123xyz'));
    expect(id).not.toBe(derivedUuid('https://hypothes.is/a/AbC123xyZ'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('accepts body and target lists, selector lists, several notes and tags, and `updated`', () => {
    const a = only(
      parseW3C([
        minimal({
          id: 'urn:uuid:6F1E0D3C-2B1A-4C5D-9E8F-7A6B5C4D3E2F',
          updated: '2024-02-01T00:00:00Z',
          body: [
            { type: 'TextualBody', value: 'First', purpose: 'commenting' },
            { type: 'TextualBody', value: 'policy', purpose: 'tagging' },
            { type: 'TextualBody', value: 'Second', purpose: 'describing' },
            'https://example.org/see-also',
          ],
          target: [
            { source: 'https://example.org/other' },
            {
              source: 'https://example.org/article',
              styleClass: 'dossier-note-pink',
              selector: [
                { type: 'RangeSelector' },
                { type: 'TextPositionSelector', start: 5, end: 16 },
                {
                  type: 'TextQuoteSelector',
                  exact: 'the passage',
                  prefix: 'Here is ',
                  suffix: '.',
                },
              ],
            },
          ],
        }),
      ]),
    );
    expect(a.id).toBe('6f1e0d3c-2b1a-4c5d-9e8f-7a6b5c4d3e2f'); // a UUID's case never makes a second note
    expect(a.note).toBe('First\n\nSecond\n\nhttps://example.org/see-also');
    expect(a.tags).toEqual(['policy']);
    expect(a.colour).toBe('pink');
    expect(a.position).toEqual({ type: 'TextPositionSelector', start: 5, end: 16 });
    expect(a.quote.prefix).toBe('Here is ');
    expect(a.updated).toBe('2024-02-01T00:00:00Z');
  });

  it('accepts a single annotation, an AnnotationPage and chained collection pages', () => {
    expect(parseW3C(minimal()).ok).toBe(true);
    expect(parseW3C({ type: 'AnnotationPage', items: [minimal()] }).ok).toBe(true);
    const chained = parseW3C({
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [minimal()],
        next: { type: 'AnnotationPage', items: [minimal({ id: 'b' })] },
      },
    });
    expect(chained.ok && chained.annotations.length).toBe(2);
  });

  it('gives an annotation without an id a stable id from its content', () => {
    const first = only(parseW3C(minimal({ id: undefined })));
    const again = only(parseW3C(minimal({ id: undefined })));
    expect(first.id).toBe(again.id);
  });

  it('reads Hypothesis API JSON: rows, text, tags and uri', () => {
    const a = only(
      parseW3C({
        total: 1,
        rows: [
          {
            id: 'Zx9y8w7v',
            created: '2024-04-05T06:07:08.090000+00:00',
            updated: '2024-04-06T06:07:08.090000+00:00',
            uri: 'https://example.org/hyp',
            text: 'From Hypothesis',
            tags: ['imported tag'],
            target: [
              {
                selector: [
                  { type: 'TextQuoteSelector', exact: 'passage', prefix: 'a ', suffix: ' b' },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(a).toMatchObject({
      id: derivedUuid('Zx9y8w7v'),
      page: { url: 'https://example.org/hyp', site: 'example.org' },
      note: 'From Hypothesis',
      tags: ['imported tag'],
      updated: '2024-04-06T06:07:08.090000+00:00',
    });
  });
});

describe("teammates' notes", () => {
  const theirs = makeAnnotation({ id: uuid(7), note: 'by bob', author: 'bob' });
  const own = makeAnnotation({ id: uuid(8), note: 'mine' });

  it('names a teammate as the creator, and the reader’s own notes have none', () => {
    const [t, o] = toW3C([theirs, own], { now: NOW }).first.items;
    expect(t?.creator).toEqual({ type: 'Person', name: 'bob' });
    expect(o && 'creator' in o).toBe(false);
  });

  it('reads the creator of a Dossier annotation back as its author', () => {
    const result = parseW3C(JSON.parse(exportW3C([theirs, own], { now: NOW })));
    expect(result.ok && result.annotations.map((a) => a.author)).toEqual(['bob', undefined]);
  });

  it("ignores another tool's creator (there it is the reader), and refuses an empty name", () => {
    const other = parseW3C(minimal({ creator: 'acct:me@hypothes.is' }));
    expect(other.ok && other.annotations[0]?.author).toBeUndefined();
    const exported = toW3C([theirs], { now: NOW }).first.items[0];
    const bad = parseW3C({ ...exported, creator: { type: 'Person', name: '' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]?.message).toMatch(/creator/);
  });
});
