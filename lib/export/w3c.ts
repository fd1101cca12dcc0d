/**
 * W3C Web Annotation export and import (https://www.w3.org/TR/annotation-model/), so notes move
 * to and from Hypothesis and other annotation tools.
 *
 * Export: an `AnnotationCollection` whose `first` page embeds every annotation. Each one has
 * `id: urn:uuid:<id>`, `created`, `modified`, `generated` (the export time), a target with the
 * page as `source`, a `TextQuoteSelector` and a `TextPositionSelector`, the note as a
 * `TextualBody` with `purpose: "commenting"` and each tag as a `TextualBody` with
 * `purpose: "tagging"`. The colour travels the standard way, as the target's `styleClass`
 * (`dossier-note-<colour>`) with a matching `CssStylesheet`. What the model has no word for
 * (page title, site, author, published date; where a note came from; a note's place in a PDF
 * report) goes in `dossier:page`, `dossier:origin` and `dossier:pdf`. A teammate's note names
 * its writer as the standard `creator` (`{ type: "Person", name }`); the reader's own notes
 * carry no creator. `@context` stays exactly `http://www.w3.org/ns/anno.jsonld`; a JSON-LD
 * processor reads `dossier:…` as absolute IRIs, so the properties survive expansion, and plain
 * JSON readers ignore them.
 *
 * Import accepts that output and the usual variants: one Annotation, a list of them, an
 * `AnnotationPage` or an `AnnotationCollection` with embedded pages; `body` as one object, a
 * list or absent; `target` as one object or a list (the first target with a quote is used);
 * `selector` as one object or a list; `modified` or Hypothesis's `updated`. Rules:
 * - A `TextQuoteSelector` is required: without the quoted text Dossier cannot find the passage.
 * - A missing `TextPositionSelector` becomes `{ start: 0, end: 0 }`, an empty hint that never
 *   matches a quote, so anchoring goes straight to the quote search. Nothing is invented.
 * - Ids: `urn:uuid:X` and bare UUIDs are kept (in lower case); any other id (a Hypothesis
 *   URL) is turned into a UUID derived from it, so importing the same file twice gives the
 *   same ids. An annotation
 *   without an id gets one derived from its page, quote, note and time.
 * - Bodies without a purpose, and `commenting`/`describing`/`replying` bodies, become the note
 *   (several are joined by blank lines); a body that is only a link keeps the link as text.
 * - `created` is required (there is no honest time to invent); `modified` defaults to it.
 * - Without `dossier:page`, the title is empty and the site is the page's host name.
 * - `creator` is read only on annotations Dossier wrote (with `dossier:page`), where it names a
 *   teammate: the record keeps it as `author`, and the store leaves such notes out of an import
 *   (they come from the team's database, which alone can say who wrote them). Another tool's
 *   `creator` is the reader themselves, so it is ignored there.
 *   A teammate's name that is not a non-empty string is refused like any other bad field.
 * - Hypothesis's own API JSON is read too: an object without `type` but with a `target` is taken
 *   as a Hypothesis annotation (`text` is the note, `tags` the tags, `uri` the page when the
 *   target has no `source`), and a search response `{ total, rows: [...] }` as a list of them.
 */
import { type Annotation, COLOURS, type Colour, type PageRef } from '../annotation';
import { annotationSchema, isUuid } from '../annotation/schema';
import { thousands } from '../format';
import {
  checkEntry,
  checkUniqueIds,
  describeValue,
  ErrorList,
  type ImportResult,
  LIMITS,
} from './validate';

/** The JSON-LD context every Web Annotation names. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** One exported Web Annotation. */
export interface W3CAnnotation {
  '@context'?: typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'commenting' | 'highlighting';
  created: string;
  modified: string;
  generated: string;
  body?: W3CTextualBody[];
  target: {
    source: string;
    styleClass: string;
    selector: [
      { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
      { type: 'TextPositionSelector'; start: number; end: number },
    ];
  };
  stylesheet: { type: 'CssStylesheet'; value: string };
  'dossier:page': Omit<PageRef, 'url'>;
  'dossier:origin'?: Annotation['origin'];
  'dossier:pdf'?: Annotation['pdf'];
  /** Only on a teammate's note: who wrote it. */
  creator?: { type: 'Person'; name: string };
}

/** A note or a tag. */
export interface W3CTextualBody {
  type: 'TextualBody';
  purpose: 'commenting' | 'tagging';
  value: string;
  format?: 'text/plain';
}

/** The exported document. */
export interface W3CCollection {
  '@context': typeof ANNO_CONTEXT;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: { type: 'AnnotationPage'; startIndex: 0; items: W3CAnnotation[] };
}

/** Background colours behind each `dossier-note-<colour>` style class in exported files. */
const CSS_COLOURS: Record<Colour, string> = {
  yellow: 'rgba(255, 221, 87, 0.45)',
  green: 'rgba(110, 214, 130, 0.45)',
  blue: 'rgba(110, 170, 255, 0.45)',
  pink: 'rgba(255, 140, 190, 0.45)',
  purple: 'rgba(180, 140, 255, 0.45)',
};

/** Converts one annotation. `now` becomes `generated`, the time of serialisation. */
export function toW3CAnnotation(a: Annotation, now: Date): W3CAnnotation {
  const body: W3CTextualBody[] = [];
  if (a.note !== '') {
    body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
  }
  for (const tag of a.tags) body.push({ type: 'TextualBody', purpose: 'tagging', value: tag });
  const { url: _url, ...page } = a.page;
  const styleClass = `dossier-note-${a.colour}`;
  const out: W3CAnnotation = {
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.note !== '' ? 'commenting' : 'highlighting',
    created: a.created,
    modified: a.updated,
    generated: now.toISOString(),
    ...(body.length > 0 ? { body } : {}),
    target: {
      source: a.page.url,
      styleClass,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: a.quote.exact,
          prefix: a.quote.prefix,
          suffix: a.quote.suffix,
        },
        { type: 'TextPositionSelector', start: a.position.start, end: a.position.end },
      ],
    },
    stylesheet: {
      type: 'CssStylesheet',
      value: `.${styleClass} { background-color: ${CSS_COLOURS[a.colour]} }`,
    },
    'dossier:page': page,
  };
  if (a.origin) out['dossier:origin'] = a.origin;
  if (a.pdf) out['dossier:pdf'] = a.pdf;
  if (a.author !== undefined) out.creator = { type: 'Person', name: a.author };
  return out;
}

/** Builds the collection object for `annotations`; `exportW3C` gives the same as JSON text. */
export function toW3C(
  annotations: readonly Annotation[],
  options: { now: Date; label?: string },
): W3CCollection {
  const items = annotations.map((a) => toW3CAnnotation(a, options.now));
  return {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: options.label ?? 'Dossier notes',
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
}

/** The W3C export as the text of a `.jsonld` file. */
export function exportW3C(
  annotations: readonly Annotation[],
  options: { now: Date; label?: string },
): string {
  return `${JSON.stringify(toW3C(annotations, options), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Import

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/** True when a JSON-LD `type` (a string or a list) names `name`, with or without `oa:`. */
function hasType(value: Json, name: string): boolean {
  return asList(value.type ?? value['@type']).some((t) => t === name || t === `oa:${name}`);
}

/** A stable 128-bit hash (four interleaved 32-bit FNV/murmur-style lanes) as a UUID v8. */
export function derivedUuid(input: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  let h3 = 0x9e3779b9;
  let h4 = 0x85ebca6b;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const hex = [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Names Dossier fields the way a W3C file calls them, for error messages. */
function w3cFieldName(path: string): string {
  const renames: [string, string][] = [
    ['page.url', 'target.source'],
    ['page.', 'dossier:page.'],
    ['quote.', 'TextQuoteSelector.'],
    ['quote', 'TextQuoteSelector'],
    ['position.', 'TextPositionSelector.'],
    ['position', 'TextPositionSelector'],
    ['updated', 'modified'],
    ['note', 'body (the note)'],
    ['tags', 'body (a tag)'],
    ['origin', 'dossier:origin'],
    ['pdf.', 'dossier:pdf.'],
    ['pdf', 'dossier:pdf'],
    ['author', 'creator'],
  ];
  for (const [from, to] of renames) {
    if (path === from || (from.endsWith('.') && path.startsWith(from)))
      return to + path.slice(from.length);
    if (path.startsWith(`${from}[`)) return to;
  }
  return path;
}

/** Finds the annotations in any of the accepted containers, or says why there are none. */
function collectItems(value: unknown): { items: unknown[] } | { error: string } {
  if (Array.isArray(value)) return { items: value };
  if (!isObject(value)) {
    return { error: `The file holds ${describeValue(value)}, not notes.` };
  }
  if (Array.isArray(value.rows) && value.type === undefined) return { items: value.rows };
  if (hasType(value, 'Annotation')) return { items: [value] };
  if (hasType(value, 'AnnotationPage')) {
    return Array.isArray(value.items)
      ? { items: value.items }
      : { error: 'The AnnotationPage has no "items" list.' };
  }
  if (hasType(value, 'AnnotationCollection')) {
    if (Array.isArray(value.items)) return { items: value.items };
    const items: unknown[] = [];
    let page: unknown = value.first;
    let pages = 0;
    if (page === undefined) return { items };
    while (page !== undefined && page !== null) {
      if (!isObject(page)) {
        return {
          error:
            'The AnnotationCollection links to its pages instead of including them; export it with the annotations embedded.',
        };
      }
      if (!Array.isArray(page.items))
        return { error: `Page ${pages + 1} of the collection has no "items" list.` };
      // One by one: spreading a list of 500,000 into `push` overflows the call stack.
      for (const item of page.items as unknown[]) items.push(item);
      pages += 1;
      if (items.length > LIMITS.entries || pages > LIMITS.entries) break;
      page = page.next;
    }
    return { items };
  }
  return {
    error:
      'The file is neither a Dossier backup nor W3C Web Annotations: expected "format": "dossier-backup", or an Annotation, AnnotationPage, AnnotationCollection or a list of annotations.',
  };
}

/** Turns one raw W3C annotation into a candidate Dossier record (checked afterwards). */
function normalise(raw: unknown, index: number, errors: ErrorList): unknown {
  const fail = (path: string, message: string) => {
    errors.add(index, `[${index}]${path ? `.${path}` : ''}`, `Entry ${index + 1}: ${message}`);
    return undefined;
  };
  if (!isObject(raw)) return fail('', `must be an annotation object (got ${describeValue(raw)}).`);
  const hypothesis =
    raw.type === undefined && raw['@type'] === undefined && raw.target !== undefined;
  if (!hasType(raw, 'Annotation') && !hypothesis) {
    return fail(
      'type',
      `is not a Web Annotation: its "type" must be "Annotation" (got ${describeValue(raw.type)}).`,
    );
  }

  const targets = asList(raw.target);
  if (targets.length === 0)
    return fail('target', 'has no target, so there is no passage to attach it to.');
  let target: Json | undefined;
  let quote: Json | undefined;
  let position: Json | undefined;
  for (const t of targets) {
    if (!isObject(t)) continue;
    const selectors = asList(t.selector).filter(isObject);
    const q = selectors.find((s) => hasType(s, 'TextQuoteSelector'));
    if (q) {
      target = t;
      quote = q;
      position = selectors.find((s) => hasType(s, 'TextPositionSelector'));
      break;
    }
  }
  if (!target || !quote) {
    return fail(
      'target.selector',
      'has no TextQuoteSelector, so Dossier cannot tell which passage it belongs to.',
    );
  }
  const source =
    typeof target.source === 'string'
      ? target.source
      : isObject(target.source)
        ? target.source.id
        : hypothesis
          ? raw.uri
          : undefined;
  if (typeof source !== 'string') {
    return fail(
      'target.source',
      `target.source must be the page's web address (got ${describeValue(target.source)}).`,
    );
  }

  const noteParts: string[] = [];
  const tags: string[] = [];
  let bodyOk = true;
  asList(raw.body).forEach((body, b) => {
    if (typeof body === 'string') {
      noteParts.push(body);
      return;
    }
    if (!isObject(body)) {
      bodyOk = false;
      fail(`body[${b}]`, `body ${b + 1} must be an object or a link (got ${describeValue(body)}).`);
      return;
    }
    const value = body.value ?? body.chars ?? body.id;
    if (typeof value !== 'string') {
      bodyOk = false;
      fail(`body[${b}]`, `body ${b + 1} has no text "value" (got ${describeValue(body.value)}).`);
      return;
    }
    const purposes = asList(body.purpose);
    if (purposes.includes('tagging') || purposes.includes('oa:tagging')) tags.push(value);
    else noteParts.push(value);
  });
  if (hypothesis && typeof raw.text === 'string' && raw.text !== '') noteParts.push(raw.text);
  if (Array.isArray(raw.tags)) for (const t of raw.tags) if (typeof t === 'string') tags.push(t);
  if (!bodyOk) return undefined;

  const rawId = raw.id ?? raw['@id'];
  if (rawId !== undefined && typeof rawId !== 'string') {
    return fail('id', `id must be text (got ${describeValue(rawId)}).`);
  }
  const note = noteParts.join('\n\n');
  const stripped = typeof rawId === 'string' ? rawId.replace(/^urn:uuid:/i, '') : undefined;
  const id =
    stripped === undefined
      ? derivedUuid(JSON.stringify([source, quote.exact, note, raw.created]))
      : isUuid(stripped)
        ? stripped
        : derivedUuid(stripped);

  const styleClass = asList(target.styleClass).find(
    (c): c is string => typeof c === 'string' && c.startsWith('dossier-note-'),
  );
  const named = styleClass?.slice('dossier-note-'.length) ?? raw['dossier:colour'];
  const colour = (COLOURS as readonly unknown[]).includes(named) ? (named as Colour) : 'yellow';

  const rawPage = raw['dossier:page'];
  let page: Json;
  if (rawPage === undefined) {
    let site = '';
    try {
      site = new URL(source).hostname;
    } catch {
      // The URL check below reports the bad address.
    }
    page = { url: source, title: '', site };
  } else if (isObject(rawPage)) {
    page = { ...rawPage, url: source };
  } else {
    return fail('dossier:page', `dossier:page must be an object (got ${describeValue(rawPage)}).`);
  }

  const candidate: Json = {
    id,
    page,
    quote: {
      type: 'TextQuoteSelector',
      exact: quote.exact,
      prefix: quote.prefix ?? '',
      suffix: quote.suffix ?? '',
    },
    position: position
      ? { type: 'TextPositionSelector', start: position.start, end: position.end }
      : { type: 'TextPositionSelector', start: 0, end: 0 },
    note,
    tags,
    colour,
    created: raw.created,
    updated: raw.modified ?? raw.updated ?? raw.created,
  };
  if (raw['dossier:origin'] !== undefined) candidate.origin = raw['dossier:origin'];
  if (raw['dossier:pdf'] !== undefined) candidate.pdf = raw['dossier:pdf'];
  if (rawPage !== undefined && raw.creator !== undefined) {
    const creator = asList(raw.creator)[0];
    candidate.author = isObject(creator) ? (creator.name ?? creator.nickname) : creator;
  }
  return candidate;
}

/**
 * Reads W3C Web Annotations (already parsed from JSON), whole: every record, or every problem
 * with the entry (its index among the file's annotations) it belongs to.
 */
export function parseW3C(value: unknown): ImportResult {
  const errors = new ErrorList();
  const found = collectItems(value);
  if ('error' in found) {
    errors.add(null, '', found.error);
    return { ok: false, errors: errors.result() };
  }
  if (found.items.length > LIMITS.entries) {
    errors.add(
      null,
      '',
      `The file holds more than ${thousands(LIMITS.entries)} annotations; Dossier imports at most that many at once.`,
    );
    return { ok: false, errors: errors.result() };
  }
  if (found.items.length === 0) {
    errors.add(null, '', 'The file holds no annotations.');
    return { ok: false, errors: errors.result() };
  }
  const annotations: Annotation[] = [];
  found.items.forEach((raw, index) => {
    const candidate = normalise(raw, index, errors);
    if (candidate === undefined) return;
    const checked = checkEntry(
      annotationSchema,
      candidate,
      index,
      { list: '', label: 'Entry', rename: w3cFieldName },
      errors,
    );
    if (checked) annotations.push(checked);
  });
  if (!errors.empty) return { ok: false, errors: errors.result() };
  checkUniqueIds([{ list: '', label: 'Entry', items: annotations }], errors);
  if (!errors.empty) return { ok: false, errors: errors.result() };
  return { ok: true, kind: 'w3c', annotations };
}
