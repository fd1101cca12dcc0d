/**
 * Validation of everything Dossier imports (STYLE.md rule 5: validate at the edges). A backup or
 * a W3C file is checked here, whole, before the store writes anything: import is all-or-nothing,
 * so every problem is collected with the entry it belongs to and a sentence a reader can act on.
 *
 * Text is never rejected for looking like HTML or script: `<script>` in a note is a note about a
 * script tag. It stays plain text and the exporters escape it; nothing here interprets it.
 */
import * as v from 'valibot';
import type { Annotation } from '../annotation';
import {
  FILE_MAX_CHARS,
  NOTE_MAX_CHARS,
  OFFSET_MAX,
  QUOTE_CONTEXT_MAX_CHARS,
  QUOTE_MAX_CHARS,
  SHORT_TEXT_MAX_CHARS,
  TAG_MAX_CHARS,
  TAGS_MAX_PER_NOTE,
  URL_MAX_CHARS,
} from '../annotation/limits';
import { thousands } from '../format';

/**
 * Size limits for imported files. Generous for a real reader (10,000 notes make a backup of
 * about 7 MB) while keeping a hostile or broken file from exhausting memory or the store.
 */
export const LIMITS = {
  /** Characters in the whole file (lib/annotation/limits: room for a backup of `entries` notes). */
  fileChars: FILE_MAX_CHARS,
  /** Annotations (plus trashed ones) in one file. */
  entries: 100_000,
  /** A note or a quoted passage: the same limits as everywhere else (lib/annotation/limits). */
  longText: Math.max(NOTE_MAX_CHARS, QUOTE_MAX_CHARS),
  note: NOTE_MAX_CHARS,
  quote: QUOTE_MAX_CHARS,
  /** Quote prefix and suffix (Dossier stores 32 characters; other tools store more). */
  context: QUOTE_CONTEXT_MAX_CHARS,
  /** Title, site, author, published date, speaker and official names. */
  shortText: SHORT_TEXT_MAX_CHARS,
  /** A page address. */
  url: URL_MAX_CHARS,
  /** One tag, and tags on one note. */
  tag: TAG_MAX_CHARS,
  tagsPerEntry: TAGS_MAX_PER_NOTE,
  /** Largest text offset accepted in a TextPositionSelector. */
  offset: OFFSET_MAX,
  /** Problems listed before the rest are summarised in one line. */
  errors: 50,
} as const;

/** A deleted annotation as a backup file holds it: the annotation plus when it was deleted. */
export interface BackupTrashEntry extends Annotation {
  deleted: string;
  /** On a version a sync conflict kept aside: the id of the note it is a version of. */
  otherVersionOf?: string;
  /** Set when the reader's restore of another version replaced it. */
  replaced?: true;
}

/** One problem in an imported file: which entry (0-based; null for the file), where, and why. */
export interface ImportError {
  entry: number | null;
  path: string;
  message: string;
}

/** What `parseImportFile` gives back: every record, or every reason the file was refused. */
export type ImportResult =
  | {
      ok: true;
      kind: 'backup';
      annotations: Annotation[];
      trash: BackupTrashEntry[];
      /** Ids of annotations that could not be anchored when the backup was made. */
      orphanIds: string[];
    }
  | { ok: true; kind: 'w3c'; annotations: Annotation[] }
  | { ok: false; errors: ImportError[] };

const count = thousands;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

/** A short, safe picture of a rejected value for an error message. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length > 60) return `${count(value.length)} characters of text`;
    return JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return kindOf(value);
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  }
  return out;
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  const objectIssue = issue.type === 'object' || issue.type === 'strict_object';
  if (objectIssue && issue.expected === 'never') return 'is not a field Dossier knows';
  if (issue.received === 'undefined' && (issue.path?.length ?? 0) > 0) return 'is missing';
  if (objectIssue) return `must be an object (got ${kindOf(issue.input)})`;
  // A check made on a whole record and forwarded to one of its fields (the page's address)
  // has the record as its input: the value named is the field's.
  const at = issue.path?.at(-1);
  const got = at && 'value' in at ? at.value : issue.input;
  return `${issue.message} (got ${describeValue(got)})`;
}

/**
 * Collects errors without letting a broken file flood the reader: after `LIMITS.errors`
 * problems the rest are counted into one closing line.
 */
export class ErrorList {
  readonly items: ImportError[] = [];
  private extra = 0;

  /** Records a problem. */
  add(entry: number | null, path: string, message: string): void {
    if (this.items.length < LIMITS.errors) this.items.push({ entry, path, message });
    else this.extra += 1;
  }

  /** True when nothing was wrong. */
  get empty(): boolean {
    return this.items.length === 0;
  }

  /** The errors, with a summary line when some were left out. */
  result(): ImportError[] {
    if (this.extra === 0) return this.items;
    return [
      ...this.items,
      { entry: null, path: '', message: `…and ${count(this.extra)} more problems.` },
    ];
  }
}

/**
 * Checks one entry against a schema. Problems are added to `errors` as "Entry 3: colour must
 * be one of … (got "red")"; `label` names the list ("Entry", "Trash entry") and `rename` maps a
 * Dossier field path to the name the file uses (W3C files call `updated` "modified").
 */
export function checkEntry<T>(
  schema: v.GenericSchema<unknown, T>,
  value: unknown,
  index: number,
  where: { list: string; label: string; rename?: (path: string) => string },
  errors: ErrorList,
): T | undefined {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  for (const issue of result.issues) {
    const field = issuePath(issue);
    const shown = where.rename ? where.rename(field) : field;
    const path = field ? `${where.list}[${index}].${shown}` : `${where.list}[${index}]`;
    const subject = shown ? `${shown} ` : 'the entry ';
    errors.add(index, path, `${where.label} ${index + 1}: ${subject}${issueMessage(issue)}.`);
  }
  return undefined;
}

/**
 * Reports ids that occur more than once across `lists`, naming both entries. Import must never
 * turn two records into one silently.
 */
export function checkUniqueIds(
  lists: { list: string; label: string; items: readonly { id: string }[] }[],
  errors: ErrorList,
): void {
  const seen = new Map<string, string>();
  for (const { list, label, items } of lists) {
    items.forEach((item, index) => {
      const key = item.id.toLowerCase();
      const first = seen.get(key);
      if (first) {
        errors.add(
          index,
          `${list}[${index}].id`,
          `${label} ${index + 1}: id ${item.id} is used twice (first by ${first}); every note needs its own id.`,
        );
      } else {
        seen.set(key, `${label.toLowerCase()} ${index + 1}`);
      }
    });
  }
}
