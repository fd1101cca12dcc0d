/**
 * The stored people summary (schema v5; since v8 each person's record holds what every page
 * says about their name forms), pure part. Resolving every person from every page took the
 * side panel seconds with 1,000 pages, so the background keeps the answer: one record per
 * person. Names in different surname buckets never meet except through the reader's merges,
 * so recording or forgetting a page, or a merge or split, re-resolves only the buckets it
 * touches (closed over the merges that join buckets), whose forms are those of their people;
 * the panel's first rows are then one read of the people records.
 */

import type { BodySighting } from './bodies';
import {
  formsOf,
  parseName,
  type Resolution,
  resolveForms,
  sightingsByForm,
  sightingsOf,
} from './identity';
import type {
  FormRecord,
  HeldSighting,
  LibraryPage,
  PersonChoice,
  Sighting,
  StoredPerson,
} from './records';

export { SUMMARY_KEY, SUMMARY_VERSION, sortPeople } from './summary-head';

import { bodiesOfPage } from './speakers';

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
 * `buckets` (closed over the reader's merges: `closeOverMerges`) in the groups that the merges
 * join: without a merge, each bucket alone. Each group is resolved on its own.
 */
export function mergeGroups(
  buckets: ReadonlySet<string>,
  choices: readonly PersonChoice[],
): Set<string>[] {
  const parent = new Map<string, string>();
  for (const b of buckets) parent.set(b, b);
  const root = (b: string): string => {
    let r = b;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(b, r);
    return r;
  };
  for (const c of choices) {
    if (c.kind !== 'merge') continue;
    const a = bucketOf(c.a);
    const b = bucketOf(c.b);
    if (parent.has(a) && parent.has(b)) parent.set(root(a), root(b));
  }
  const groups = new Map<string, Set<string>>();
  for (const b of buckets) {
    const r = root(b);
    const group = groups.get(r);
    if (group) group.add(b);
    else groups.set(r, new Set([b]));
  }
  return [...groups.values()];
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

/**
 * Where a page recorded but not yet resolved into people is marked: a `library-settings` record
 * under this prefix and the page's url, whose value is an `UnsettledMark`: the form keys the
 * summary still holds for that page, and what it says now. Recording writes the page and its
 * mark in one quick transaction; settling (`settleChange`) later applies every marked page to
 * the summary at once and deletes the marks, so a mark left by a stopped worker is settled
 * after the restart. Kept with the settings, not in a store of its own, so that no schema
 * change is needed: like the summary, it is derived, and rebuilt with it.
 */
export const UNSETTLED_PREFIX = 'unsettled:';

/** The `library-settings` key marking `url` as recorded but not yet resolved. */
export function unsettledKey(url: string): string {
  return `${UNSETTLED_PREFIX}${url}`;
}

/** The url an unsettled mark's key names. */
export function unsettledUrl(key: string): string {
  return key.slice(UNSETTLED_PREFIX.length);
}

/** The form keys a page's sightings are kept under in the summary (none for no page). */
export function formKeysOf(page: LibraryPage | undefined): string[] {
  return page ? [...sightingsOf(page).keys()] : [];
}

/**
 * An unsettled mark's value: the form keys the summary holds for the page (`held`: those of
 * the page as last resolved), and what the page says now (`seen`: its sightings by form key),
 * taken when it is recorded, so that settling applies it without reading the page's record
 * (its quotations make it the largest record of the library, and settling 40 pages read 40).
 * A mark of the earlier kind (the held keys alone) has no `seen`: settling reads the page.
 */
export interface UnsettledMark {
  held: string[];
  seen?: [string, Sighting][];
  /** The quoted bodies the page names now (speakers.ts), by body key; absent in older marks. */
  bodies?: [string, BodySighting][];
}

/** The mark of a page recorded as `page` while the summary holds its sightings under `held`. */
export function markOf(held: readonly string[], page: LibraryPage): UnsettledMark {
  return { held: [...held], seen: [...sightingsOf(page)], bodies: [...bodiesOfPage(page)] };
}

/** A stored mark's value, checked (stored data): what cannot be read is left out. */
export function readMark(value: unknown): UnsettledMark {
  const strings = (xs: unknown[]) => xs.filter((k): k is string => typeof k === 'string');
  if (Array.isArray(value)) return { held: strings(value) };
  if (!value || typeof value !== 'object') return { held: [] };
  const { held, seen } = value as { held?: unknown; seen?: unknown };
  const mark: UnsettledMark = { held: Array.isArray(held) ? strings(held) : [] };
  const readable =
    Array.isArray(seen) &&
    seen.every(
      (e) => Array.isArray(e) && typeof e[0] === 'string' && !!e[1] && typeof e[1] === 'object',
    );
  if (readable) mark.seen = seen as [string, Sighting][];
  const { bodies } = value as { bodies?: unknown };
  if (
    readable &&
    Array.isArray(bodies) &&
    bodies.every((e) => Array.isArray(e) && typeof e[0] === 'string' && Array.isArray(e[1]))
  ) {
    mark.bodies = bodies as [string, BodySighting][];
  }
  return mark;
}

/**
 * What resolving a page changes in the summary, which holds its sightings under the form keys
 * `held`: those are dropped, and what the page says now (`after`, its sightings by form key;
 * undefined when forgotten) takes their place.
 */
export function settleChange(
  held: readonly string[],
  after: Iterable<readonly [string, Sighting]> | undefined,
): Map<string, Sighting | undefined> {
  const change = new Map<string, Sighting | undefined>();
  for (const key of held) change.set(key, undefined);
  if (after) for (const [key, seen] of after) change.set(key, seen);
  return change;
}

/** A sighting as a person's record keeps it (see `HeldSighting`). */
export function heldOf(seen: Sighting): HeldSighting {
  return [seen.url, seen.site, seen.date, seen.mentions, seen.titles, seen.spellings];
}

/**
 * The form records the stored `people` hold (all the forms of their buckets, when they are
 * every person of those buckets): a name split by pages (`name #id`) is filed back under its
 * name, as the pages say it; the reader's page splits apply again when it is resolved. What a
 * damaged record holds that is not a sighting is left out.
 */
export function formRecordsOf(people: readonly StoredPerson[]): Map<string, FormRecord> {
  const forms = new Map<string, FormRecord>();
  for (const person of people) {
    const seen = parseSeen(person.seen);
    // A person of one bucket (all but those the reader merged across surnames): no name to parse.
    const only =
      Array.isArray(person.buckets) && person.buckets.length === 1 ? person.buckets[0] : undefined;
    for (const key in seen) {
      const list = seen[key];
      if (!Array.isArray(list)) continue;
      const base = key.split(' #')[0] as string;
      let record = forms.get(base);
      if (!record) {
        record = { key: base, bucket: typeof only === 'string' ? only : bucketOf(base), seen: {} };
        forms.set(base, record);
      }
      for (const held of list as unknown[]) {
        if (!Array.isArray(held) || typeof held[0] !== 'string') continue;
        const [url, site, date, mentions, titles, spellings] = held as HeldSighting;
        record.seen[url] = { url, site, date, mentions, titles, spellings };
      }
    }
  }
  return forms;
}

/** A person's stored sightings, parsed; nothing when they cannot be read (a damaged record). */
function parseSeen(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') return {};
  try {
    const seen: unknown = JSON.parse(text);
    return seen && typeof seen === 'object' ? (seen as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The people resolved from `records` (all the forms of some closed set of buckets). */
export function peopleOf(
  records: Iterable<FormRecord>,
  choices: readonly PersonChoice[],
): StoredPerson[] {
  const list = [...records];
  const resolution = resolveForms(formsOf(list, choices), choices);
  const sightings = sightingsByForm(list, choices);
  const people = resolution.people.map((p) => {
    const seen: Record<string, HeldSighting[]> = {};
    for (const key of p.forms) seen[key] = (sightings.get(key) ?? []).map(heldOf);
    return storedPerson(p, resolution, JSON.stringify(seen));
  });
  // Keyed by home bucket (see `StoredPerson`): the first by id under the bucket's name.
  const homes = new Map<string, StoredPerson[]>();
  for (const person of people) {
    const home = person.buckets[0] ?? '';
    const list = homes.get(home);
    if (list) list.push(person);
    else homes.set(home, [person]);
  }
  for (const [home, list] of homes) {
    list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    list.forEach((person, i) => {
      person.key = i === 0 ? home : `${home}${HOME_SEPARATOR}${person.id}`;
      person.more = i === 0 && list.length > 1;
    });
  }
  return people;
}

/**
 * Between a bucket and a person's id in the key of any but the first person at home in it: a
 * character no bucket or form key holds (`parseName` keeps letters, digits, spaces, hyphens).
 */
export const HOME_SEPARATOR = '\u0001';

/**
 * A resolved person as stored (its `key` and `more` set by `peopleOf`), built as one object
 * literal: settling builds one per person it touches.
 */
function storedPerson(
  person: Resolution['people'][number],
  resolution: Resolution,
  seen: string,
): StoredPerson {
  const spellings: Record<string, string[]> = {};
  const buckets: string[] = [];
  for (const key of person.forms) {
    const form = resolution.forms.get(key);
    spellings[key] = form ? [...form.spellings.keys()] : [];
    // Already parsed by the resolution: parsing each name again was a part of every settling.
    const bucket = form ? form.parsed.bucket : bucketOf(key);
    if (!buckets.includes(bucket)) buckets.push(bucket);
  }
  return {
    id: person.id,
    name: person.name,
    forms: person.forms,
    titles: person.titles,
    sites: person.sites,
    pages: person.pages,
    dates: person.dates,
    mentions: person.mentions,
    buckets,
    rank: [person.pages.length, person.mentions],
    spellings,
    key: '',
    more: false,
    seen,
  };
}
