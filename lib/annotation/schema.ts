/**
 * The one schema of an annotation (issue 11: the messages and the import each built their own,
 * with different limits, and a PDF note on a local file could be saved but not restored from a
 * backup). Everything that accepts an annotation from outside checks it here: a new note from a
 * tab (`newAnnotationSchema`, derived by leaving out what the store sets), a stored note in a
 * backup or a W3C file (`annotationSchema`), a deleted one in a backup's trash. The messages say
 * what is wrong in words a reader can act on, since an import shows them as they are.
 */
import * as v from 'valibot';
import { thousands } from '../format';
import { isWebUrl } from '../url';
import { type Annotation, COLOURS, type NewAnnotation } from './index';
import {
  NOTE_MAX_CHARS,
  OFFSET_MAX,
  QUOTE_CONTEXT_MAX_CHARS,
  QUOTE_MAX_CHARS,
  SHORT_TEXT_MAX_CHARS,
  TAG_MAX_CHARS,
  TAGS_MAX_PER_NOTE,
  URL_MAX_CHARS,
} from './limits';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a UUID in its usual 8-4-4-4-12 hexadecimal form (any version, any case). */
export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}

/**
 * True for an ISO 8601 date-time with a time zone (`Z` or `±hh:mm`) that names a real instant
 * (no 31 April, no 29 February 2023), in the subset `Date.parse` reads everywhere.
 */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const year = +m[1]!;
  const month = +m[2]!;
  const day = +m[3]!;
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return false;
  if (month === 2 && day === 29 && (year % 4 !== 0 || (year % 100 === 0 && year % 400 !== 0)))
    return false;
  if (+m[4]! > 23 || +m[5]! > 59 || +(m[6] ?? 0) > 59) return false;
  return +(m[7] ?? 0) <= 23 && +(m[8] ?? 0) <= 59;
}

/** Text of at most `max` characters. */
export const text = (max: number) =>
  v.pipe(
    v.string('must be text'),
    v.maxLength(max, `must be at most ${thousands(max)} characters long`),
  );

/** An ISO 8601 date and time (`isIsoDateTime`). */
export const isoDateTime = v.pipe(
  v.string('must be a date and time written as text'),
  v.maxLength(64, 'is too long for a date and time'),
  v.check(isIsoDateTime, 'must be an ISO 8601 date and time such as 2024-05-01T12:00:00.000Z'),
);

/**
 * A note's id, in lower case: a UUID's letters may be written in either case (RFC 9562), and
 * the store compares ids exactly, so a file naming a note in capitals must name the same note.
 */
export const uuid = v.pipe(
  v.string('must be text'),
  v.maxLength(64, 'is too long for an id'),
  v.check(isUuid, 'must be a UUID such as 3f2b8c1e-9d4a-4b7e-8f00-5a6b7c8d9e0f'),
  v.toLowerCase(),
);

const offset = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(OFFSET_MAX, `must be at most ${thousands(OFFSET_MAX)}`),
);

/** One tag: not blank. */
export const tagSchema = v.pipe(
  text(TAG_MAX_CHARS),
  v.check((s) => s.trim().length > 0, 'must not be blank'),
);

/** The tags of one note. */
export const tagsSchema = v.pipe(
  v.array(tagSchema, 'must be a list of tags'),
  v.maxLength(TAGS_MAX_PER_NOTE, `must hold at most ${TAGS_MAX_PER_NOTE} tags`),
);

/** A note's own text. */
export const noteTextSchema = text(NOTE_MAX_CHARS);

/** A highlight colour. */
export const colourSchema = v.picklist(COLOURS, `must be one of ${COLOURS.join(', ')}`);

/** The page a note belongs to; its address is checked with the note (`onNotePage`). */
export const pageRefSchema = v.strictObject({
  url: v.pipe(
    v.string('must be a web address written as text'),
    v.maxLength(URL_MAX_CHARS, `must be at most ${thousands(URL_MAX_CHARS)} characters long`),
  ),
  title: text(SHORT_TEXT_MAX_CHARS),
  site: text(SHORT_TEXT_MAX_CHARS),
  author: v.optional(v.nullable(text(SHORT_TEXT_MAX_CHARS))),
  published: v.optional(v.nullable(text(SHORT_TEXT_MAX_CHARS))),
});

/** W3C TextQuoteSelector. */
export const quoteSelectorSchema = v.strictObject({
  type: v.literal('TextQuoteSelector', 'must be "TextQuoteSelector"'),
  exact: v.pipe(text(QUOTE_MAX_CHARS), v.minLength(1, 'must not be empty')),
  prefix: text(QUOTE_CONTEXT_MAX_CHARS),
  suffix: text(QUOTE_CONTEXT_MAX_CHARS),
});

/** W3C TextPositionSelector. */
export const positionSelectorSchema = v.pipe(
  v.strictObject({
    type: v.literal('TextPositionSelector', 'must be "TextPositionSelector"'),
    start: offset,
    end: offset,
  }),
  v.check((p) => p.end >= p.start, 'must not end before it starts'),
);

/** A note's place in a PDF report. */
export const pdfPlaceSchema = v.strictObject({
  fingerprint: v.pipe(text(200), v.minLength(1, 'must not be empty')),
  page: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be a page number from 1'),
  ),
});

const entries = {
  id: uuid,
  page: pageRefSchema,
  quote: quoteSelectorSchema,
  position: positionSelectorSchema,
  note: noteTextSchema,
  tags: tagsSchema,
  colour: colourSchema,
  created: isoDateTime,
  updated: isoDateTime,
  origin: v.optional(
    v.variant(
      'kind',
      [
        v.strictObject({ kind: v.literal('official'), name: text(SHORT_TEXT_MAX_CHARS) }),
        v.strictObject({
          kind: v.literal('quote'),
          speaker: v.nullable(text(SHORT_TEXT_MAX_CHARS)),
        }),
      ],
      'must be an official ({ kind: "official", name }) or a quote ({ kind: "quote", speaker })',
    ),
  ),
  // Notes made on a PDF report (optional; older backups have none).
  pdf: v.optional(pdfPlaceSchema),
  // A teammate's note in a backup or export names its author (lib/annotation `author`).
  author: v.optional(v.pipe(text(SHORT_TEXT_MAX_CHARS), v.minLength(1, 'must not be empty'))),
};

/**
 * True when a note may live on its page: an http(s) page, or a local PDF file opened in
 * Dossier's viewer (a note with a `pdf` place). A `javascript:`, `data:`, `vbscript:` or
 * `file:` web page would reach the Markdown export as a link target (issue 19).
 */
export function onNotePage(a: { page: { url: string }; pdf?: unknown }): boolean {
  if (isWebUrl(a.page.url)) return true;
  if (a.pdf === undefined || !a.page.url.startsWith('file:')) return false;
  return URL.canParse(a.page.url);
}

/** The note's page address, checked against its kind, reported at `page.url`. */
function notePage<T extends { page: { url: string }; pdf?: unknown }>() {
  return v.forward(
    v.check<T, string>(onNotePage, 'must be a web address starting with http:// or https://'),
    // The path is right for every T this accepts; the type of a path into a generic is not.
    ['page', 'url'] as never,
  );
}

/** An annotation as Dossier stores, backs up and exports it. */
export const annotationSchema = v.pipe(
  v.strictObject(entries),
  notePage(),
) satisfies v.GenericSchema<unknown, Annotation>;

/** What a tab sends to make a note: the stored shape less what the store sets. */
export const newAnnotationSchema = v.pipe(
  v.strictObject({
    // A tab writes the reader's own notes only: it never names an author.
    ...v.omit(v.strictObject(entries), ['id', 'created', 'updated', 'author']).entries,
    /** Chosen by the tab so that a retried save is recognised (lib/notes/service.ts `create`). */
    id: v.optional(uuid),
  }),
  notePage(),
) satisfies v.GenericSchema<unknown, NewAnnotation>;

/**
 * A deleted annotation in a backup: the annotation plus when it was deleted, and, on a version
 * a sync conflict kept aside, the note it is a version of (so that restoring it still makes it
 * that note) and whether the reader's restore of another version replaced it.
 */
export const trashedAnnotationSchema = v.pipe(
  v.strictObject({
    ...entries,
    deleted: isoDateTime,
    otherVersionOf: v.optional(uuid),
    replaced: v.optional(v.literal(true, 'must be true when given')),
  }),
  notePage(),
);
