/**
 * The stored people summary (schema v5), pure part. Resolving every person from every page
 * took the side panel seconds with 1,000 pages, so the background keeps the answer: one record
 * per name form (what each page says about it) and one per person. Names in different surname
 * buckets never meet except through the reader's merges, so recording or forgetting a page, or
 * a merge or split, re-resolves only the buckets it touches (closed over the merges that join
 * buckets); the panel's first rows are then one read of the people records.
 */
import {
  byFrequency,
  formsOf,
  parseName,
  type Resolution,
  resolveForms,
  sightingsOf,
} from './identity';
import type { FormRecord, LibraryPage, PersonChoice, PersonRecord, Sighting } from './records';

/**
 * The summary's layout version, kept in `library-settings` under `SUMMARY_KEY`. A summary of
 * another version (or none, after the v5 upgrade) is rebuilt from the pages; bump it whenever
 * identity resolution changes what it would produce.
 */
export const SUMMARY_VERSION = 1;

/** The setting's key. */
export const SUMMARY_KEY = 'people-summary';

/** The surname bucket of a form key (a page-split variant `name #id` lives in its name's). */
export function bucketOf(key: string): string {
  return parseName(key.split(' #')[0] as string).bucket;
}

/** Every form key a choice names. */
function formsOfChoice(choice: PersonChoice): string[] {
  if (choice.kind === 'merge') return [choice.a, choice.b];
  if (choice.kind === 'split') return [...choice.a, ...choice.b];
  return [choice.form];
}

/** The buckets a choice concerns. */
export function choiceBuckets(choices: readonly PersonChoice[]): Set<string> {
  const out = new Set<string>();
  for (const c of choices) for (const k of formsOfChoice(c)) out.add(bucketOf(k));
  return out;
}

/**
 * `buckets` and every bucket a reader's merge joins to one of them, transitively: a person
 * merged across surnames is resolved with all of their names at once.
 */
export function closeOverMerges(
  buckets: Iterable<string>,
  choices: readonly PersonChoice[],
): Set<string> {
  const out = new Set(buckets);
  const links = choices
    .filter((c) => c.kind === 'merge')
    .map((c) => [bucketOf(c.a), bucketOf(c.b)] as const);
  let grew = links.length > 0;
  while (grew) {
    grew = false;
    for (const [a, b] of links) {
      if (out.has(a) && !out.has(b)) {
        out.add(b);
        grew = true;
      } else if (out.has(b) && !out.has(a)) {
        out.add(a);
        grew = true;
      }
    }
  }
  return out;
}

/**
 * A form record with one page's sighting replaced (or removed when `seen` is undefined);
 * null when no page names the form any more.
 */
export function withSighting(
  record: FormRecord | undefined,
  key: string,
  url: string,
  seen: Sighting | undefined,
): FormRecord | null {
  const next: FormRecord = record
    ? { ...record, seen: { ...record.seen } }
    : { key, bucket: bucketOf(key), seen: {} };
  if (seen) next.seen[url] = seen;
  else delete next.seen[url];
  for (const _ in next.seen) return next;
  return null;
}

/** What a page read again (or forgotten) changes: the sightings per form key, old and new. */
export function pageChange(
  before: LibraryPage | undefined,
  after: LibraryPage | undefined,
): Map<string, Sighting | undefined> {
  const change = new Map<string, Sighting | undefined>();
  if (before) for (const key of sightingsOf(before).keys()) change.set(key, undefined);
  if (after) for (const [key, seen] of sightingsOf(after)) change.set(key, seen);
  return change;
}

/** The people resolved from `records` (all the forms of some closed set of buckets). */
export function peopleOf(
  records: Iterable<FormRecord>,
  choices: readonly PersonChoice[],
): PersonRecord[] {
  const resolution = resolveForms(formsOf(records, choices), choices);
  return resolution.people.map((p) => personRecord(p, resolution));
}

/** A resolved person as stored. */
function personRecord(person: Resolution['people'][number], resolution: Resolution): PersonRecord {
  const spellings: Record<string, string[]> = {};
  const buckets = new Set<string>();
  for (const key of person.forms) {
    const form = resolution.forms.get(key);
    spellings[key] = form ? [...form.spellings.keys()] : [];
    buckets.add(bucketOf(key));
  }
  return {
    ...person,
    buckets: [...buckets],
    rank: [person.pages.length, person.mentions],
    spellings,
  };
}

/** People as the panel lists them: most frequent first (records come in no order). */
export function sortPeople(people: PersonRecord[]): PersonRecord[] {
  return people.sort(byFrequency);
}
