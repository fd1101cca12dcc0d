/**
 * One person across pages. Each page names its officials in its own way ("Antony Blinken",
 * "Blinken", "Secretary Blinken", "Tony Blinken"); this module decides which names are one
 * person, conservatively: names are grouped by surname (and Jr./Sr./II), full first names must
 * agree (nicknames count: Tony = Antony), middle initials must not conflict, and a name that
 * could be several people ("Smith" when there is a John and a Jane Smith; "George Bush" when
 * there are a George W. and a George H. W.) joins one only when the titles, then the sites,
 * single it out. Otherwise it stays a person of its own. The reader has the last word: their
 * merges and splits (`PersonChoice`) are kept by name form, so they apply to later pages too.
 *
 * Pure code: pages and choices in, people out.
 */
import type {
  FormRecord,
  LibraryPage,
  PageOfficial,
  PageQuote,
  Person,
  PersonChoice,
  Sighting,
} from './records';

import { speakerKindOf, words } from './speakers';
import { byFrequency } from './summary-head';

export type { Person } from './records';
export { byFrequency };

/** A name as pages write it, reduced to what identifies it. */
export interface ParsedName {
  /** The normalised form (the key of choices): lower case, no accents, no honorifics. */
  key: string;
  /** Surname with any generational suffix (`smith jr`): names in different buckets never meet. */
  bucket: string;
  /** First name in its canonical spelling (nicknames resolved), or '' when absent. */
  first: string;
  /** True when the first name is only an initial ("J. Smith"). */
  initialOnly: boolean;
  /** Initials of the middle names, in order ("hw" for George H. W. Bush). */
  middles: string;
}

/** Words that precede a name but are not part of it ("Secretary Blinken", "Mr. Smith"). */
const HONORIFICS = new Set(
  (
    'mr mrs ms miss dr prof professor sir dame lord lady madam mister rev reverend sen senator ' +
    'rep representative gov governor president vice prime minister secretary ambassador general ' +
    'gen admiral adm colonel col lt lieutenant major maj captain capt chairman chairwoman chair ' +
    'director deputy undersecretary under assistant foreign defense defence state chancellor ' +
    'king queen prince princess sheikh emir pope commissioner mayor judge justice speaker ' +
    'former acting us u.s. the of for to'
  ).split(' '),
);

/** Generational suffixes: a father and a son differ only here. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);

/** Nicknames and spellings of one first name, each list's first entry the canonical one. */
const NAME_GROUPS: readonly string[][] = [
  ['anthony', 'antony', 'tony'],
  ['william', 'bill', 'billy', 'will', 'willy', 'liam'],
  ['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
  ['michael', 'mike', 'mick', 'mickey'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['joseph', 'joe', 'joey'],
  ['richard', 'dick', 'rick', 'rich', 'richie'],
  ['thomas', 'tom', 'tommy'],
  ['david', 'dave', 'davey'],
  ['christopher', 'chris', 'kit'],
  ['elizabeth', 'liz', 'beth', 'betty', 'eliza', 'lisa'],
  ['katherine', 'catherine', 'kathryn', 'kate', 'kathy', 'cathy', 'katie'],
  ['alexander', 'alex', 'sasha', 'alexandr', 'aleksandr'],
  ['nicholas', 'nick', 'nicolas'],
  ['benjamin', 'ben', 'benny'],
  ['daniel', 'dan', 'danny'],
  ['samuel', 'sam', 'sammy'],
  ['stephen', 'steven', 'steve'],
  ['matthew', 'matt'],
  ['andrew', 'andy', 'drew'],
  ['peter', 'pete'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['john', 'jack', 'johnny', 'jon'],
  ['timothy', 'tim'],
  ['gregory', 'greg'],
  ['jeffrey', 'jeff', 'geoffrey'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donnie'],
  ['kenneth', 'ken', 'kenny'],
  ['lawrence', 'larry', 'laurence'],
  ['gerald', 'jerry', 'gerry'],
  ['henry', 'hank', 'harry'],
  ['charles', 'charlie', 'chuck'],
  ['frederick', 'fred', 'freddie'],
  ['patrick', 'pat', 'paddy'],
  ['susan', 'sue', 'suzy'],
  ['jennifer', 'jen', 'jenny'],
  ['margaret', 'meg', 'peggy', 'maggie'],
  ['victoria', 'vicky', 'tori'],
  ['vladimir', 'volodymyr'],
];
const CANONICAL = new Map<string, string>(
  NAME_GROUPS.flatMap((group) => group.map((name) => [name, group[0] as string] as const)),
);

/**
 * Parses a name as a page wrote it. Leading honorifics and titles are dropped ("Secretary
 * Blinken" is "blinken"), unless nothing would be left.
 */
export function parseName(name: string): ParsedName {
  const all = words(name.slice(0, 300));
  let start = 0;
  while (start < all.length - 1 && HONORIFICS.has(all[start] as string)) start += 1;
  const tokens = all.slice(start);
  let suffix = '';
  if (tokens.length > 1 && SUFFIXES.has(tokens[tokens.length - 1] as string)) {
    suffix = tokens.pop() as string;
  }
  const surname = tokens[tokens.length - 1] ?? '';
  const given = tokens.slice(0, -1);
  const rawFirst = given[0] ?? '';
  const initialOnly = rawFirst.length === 1;
  return {
    key: [...tokens, ...(suffix ? [suffix] : [])].join(' '),
    bucket: suffix ? `${surname} ${suffix}` : surname,
    first: initialOnly ? rawFirst : (CANONICAL.get(rawFirst) ?? rawFirst),
    initialOnly,
    middles: given
      .slice(1)
      .map((m) => m[0])
      .join(''),
  };
}

/** The key of a name form, as choices store it. */
export function formKey(name: string): string {
  return parseName(name).key;
}

/** Everything the library knows about one name form. */
export interface NameForm {
  parsed: ParsedName;
  /** How pages wrote it, with how often (mentions, or one per quotation). */
  spellings: Map<string, number>;
  titles: Set<string>;
  sites: Set<string>;
  pages: Set<string>;
  /** The dates (YYYY-MM-DD) of the pages it is on, for the date filter. */
  dates: Set<string>;
  mentions: number;
}

/** What `resolvePeople` returns: the people and who each name form is. */
export interface Resolution {
  people: Person[];
  /** Name form key → person id. */
  personOf: Map<string, string>;
  forms: Map<string, NameForm>;
}

/** Title words that carry no identity ("of", "U.S.", "former"). */
const TITLE_NOISE = new Set(['of', 'the', 'for', 'and', 'us', 'u', 's', 'former', 'then', 'a']);

function titleWords(title: string): Set<string> {
  return new Set(words(title).filter((w) => !TITLE_NOISE.has(w)));
}

/** Two titles agree when one's words are all in the other's ("Secretary" ⊂ "Secretary of State"). */
export function titlesAgree(a: string, b: string): boolean {
  const x = titleWords(a);
  const y = titleWords(b);
  if (x.size === 0 || y.size === 0) return false;
  const [small, large] = x.size <= y.size ? [x, y] : [y, x];
  for (const w of small) if (!large.has(w)) return false;
  return true;
}

/** The date a page is filed under: its publication date, or the day it was first read. */
export function pageDate(page: LibraryPage): string {
  return isoDay(page.published) ?? isoDay(page.firstRead) ?? '';
}

/** The day (YYYY-MM-DD) of a date as pages write it ("2024-03-05T…", "March 5, 2024"). */
function isoDay(date: string | null | undefined): string | undefined {
  if (typeof date !== 'string' || date === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(date)) return date.slice(0, 10);
  const time = Date.parse(date);
  if (Number.isNaN(time)) return undefined;
  // Such a date is read in local time, so its day is the local one.
  const day = new Date(time);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${two(day.getMonth() + 1)}-${two(day.getDate())}`;
}

/**
 * A page's officials, skipping any entry a damaged record got wrong (a name that is not text,
 * titles that are not a list): what is readable is shown, the rest is left out, and the panel
 * never breaks on it.
 */
export function officialsOf(page: LibraryPage): PageOfficial[] {
  const list: unknown = page.analysis?.officials;
  if (!Array.isArray(list)) return [];
  const out: PageOfficial[] = [];
  for (const o of list as Partial<PageOfficial>[]) {
    if (!o || typeof o.name !== 'string') continue;
    out.push({
      name: o.name,
      titles: Array.isArray(o.titles) ? o.titles.filter((t) => typeof t === 'string') : [],
      mentions: typeof o.mentions === 'number' && Number.isFinite(o.mentions) ? o.mentions : 0,
    });
  }
  return out;
}

/** A page's quotations, skipping any entry a damaged record got wrong (see `officialsOf`). */
export function quotesOf(page: LibraryPage): PageQuote[] {
  const list: unknown = page.analysis?.quotes;
  if (!Array.isArray(list)) return [];
  return (list as Partial<PageQuote>[]).filter(
    (q): q is PageQuote =>
      !!q &&
      typeof q.text === 'string' &&
      (q.speaker === null || typeof q.speaker === 'string') &&
      !!q.quote &&
      typeof q.quote.exact === 'string',
  );
}

/**
 * What one page says about each name form on it: its officials, and the speakers of its
 * quotations who are people (not an organisation or a document). Keyed by form key. This is what the stored people summary keeps per form and
 * page, so that recording or forgetting a page only touches the forms it names.
 */
export function sightingsOf(page: LibraryPage): Map<string, Sighting> {
  const out = new Map<string, Sighting>();
  if (!page.analysis) return out;
  const date = pageDate(page);
  const site = typeof page.site === 'string' ? page.site : '';
  const add = (name: string, titles: readonly string[], count: number) => {
    const key = formKey(name);
    if (!key) return;
    let seen = out.get(key);
    if (!seen) {
      seen = { url: page.url, site, date, titles: [], mentions: 0, spellings: [] };
      out.set(key, seen);
    }
    for (const t of titles) if (!seen.titles.includes(t)) seen.titles.push(t);
    const spelling = seen.spellings.find((x) => x[0] === name);
    if (spelling) spelling[1] += Math.max(1, count);
    else seen.spellings.push([name, Math.max(1, count)]);
    seen.mentions += count;
  };
  const officials = new Set<string>();
  for (const o of officialsOf(page)) {
    add(o.name, o.titles, o.mentions);
    officials.add(o.name);
  }
  for (const q of quotesOf(page)) {
    // An organisation or a document that speaks is no person (speakers.ts): listed apart.
    if (q.speaker && !officials.has(q.speaker) && speakerKindOf(q) === 'person') {
      add(q.speaker, [], 0);
      officials.add(q.speaker);
    }
  }
  return out;
}

/** The form records of every page (what the store keeps, built in one go). */
export function collectFormRecords(pages: readonly LibraryPage[]): Map<string, FormRecord> {
  const records = new Map<string, FormRecord>();
  for (const page of pages) {
    for (const [key, seen] of sightingsOf(page)) {
      let record = records.get(key);
      if (!record) {
        record = { key, bucket: parseName(key).bucket, seen: {} };
        records.set(key, record);
      }
      record.seen[page.url] = seen;
    }
  }
  return records;
}

/** The key of the name form a reader's "not the same person" on some pages made of `form`. */
export function variantKey(form: string, choiceId: string): string {
  return `${form} #${choiceId}`;
}

/**
 * The reader's page splits by form: a name on one of those pages (or, for pages read later, on
 * one of those sites) is a different person from the same name elsewhere.
 */
type PageSplit = Extract<PersonChoice, { kind: 'split-pages' }>;
function pageSplits(choices: readonly PersonChoice[]): Map<string, PageSplit[]> {
  const out = new Map<string, PageSplit[]>();
  for (const c of choices) {
    if (c.kind !== 'split-pages') continue;
    const list = out.get(c.form);
    if (list) list.push(c);
    else out.set(c.form, [c]);
  }
  return out;
}

/** The form a sighting of `form` on a page belongs to, once the reader's page splits apply. */
function keyOn(form: string, url: string, site: string, splits: Map<string, PageSplit[]>): string {
  const list = splits.get(form);
  if (!list) return form;
  // The latest choice that claims the page wins.
  for (let i = list.length - 1; i >= 0; i--) {
    const c = list[i] as PageSplit;
    if (c.pages.includes(url) || c.sites.includes(site)) return variantKey(form, c.id);
  }
  return form;
}

/**
 * The form key a name on `page` resolves under, with the reader's page splits applied (so a
 * quotation by one of two same-named people goes to the right one).
 */
export function formKeyOn(
  name: string,
  page: Pick<LibraryPage, 'url' | 'site'>,
  choices: readonly PersonChoice[],
): string {
  const key = formKey(name);
  if (!choices.some((c) => c.kind === 'split-pages')) return key;
  return keyOn(key, page.url, page.site, pageSplits(choices));
}

/** The name forms of the given records, with the reader's page splits applied. */
export function formsOf(
  records: Iterable<FormRecord>,
  choices: readonly PersonChoice[] = [],
): Map<string, NameForm> {
  const splits = pageSplits(choices);
  const forms = new Map<string, NameForm>();
  for (const record of records) {
    const parsed = parseName(record.key);
    for (const url in record.seen) {
      const seen = record.seen[url] as Sighting;
      const key = keyOn(record.key, url, seen.site, splits);
      let form = forms.get(key);
      if (!form) {
        form = {
          parsed: key === record.key ? parsed : { ...parsed, key },
          spellings: new Map(),
          titles: new Set(),
          sites: new Set(),
          pages: new Set(),
          dates: new Set(),
          mentions: 0,
        };
        forms.set(key, form);
      }
      for (const [name, count] of seen.spellings) {
        form.spellings.set(name, (form.spellings.get(name) ?? 0) + count);
      }
      for (const t of seen.titles) form.titles.add(t);
      form.sites.add(seen.site);
      form.pages.add(url);
      form.dates.add(seen.date);
      form.mentions += seen.mentions;
    }
  }
  return forms;
}

/**
 * Every sighting of the given records, by the form key it resolves under once the reader's
 * page splits apply (as `formsOf` files it): what a person resolved from those forms stores.
 */
export function sightingsByForm(
  records: Iterable<FormRecord>,
  choices: readonly PersonChoice[] = [],
): Map<string, Sighting[]> {
  const splits = pageSplits(choices);
  const out = new Map<string, Sighting[]>();
  for (const record of records) {
    for (const url in record.seen) {
      const seen = record.seen[url] as Sighting;
      const key = keyOn(record.key, url, seen.site, splits);
      const entry = seen.url === url ? seen : { ...seen, url };
      const list = out.get(key);
      if (list) list.push(entry);
      else out.set(key, [entry]);
    }
  }
  return out;
}

/** Collects the name forms of every page: its officials, and the speakers of its quotations. */
export function collectForms(
  pages: readonly LibraryPage[],
  choices: readonly PersonChoice[] = [],
): Map<string, NameForm> {
  return formsOf(collectFormRecords(pages).values(), choices);
}

/** Union-find over name forms with "cannot be the same" pairs that block a union. */
class Groups {
  private readonly parent = new Map<string, string>();
  private readonly members = new Map<string, string[]>();
  constructor(
    keys: Iterable<string>,
    private readonly apart: Map<string, Set<string>>,
  ) {
    for (const k of keys) {
      this.parent.set(k, k);
      this.members.set(k, [k]);
    }
  }
  root(k: string): string {
    let r = k;
    while (this.parent.get(r) !== r) r = this.parent.get(r) as string;
    let n = k;
    while (n !== r) {
      const next = this.parent.get(n) as string;
      this.parent.set(n, r);
      n = next;
    }
    return r;
  }
  has(k: string): boolean {
    return this.parent.has(k);
  }
  /** False when a reader's split keeps the groups of `a` and `b` apart. */
  canJoin(a: string, b: string): boolean {
    if (this.apart.size === 0) return true;
    const ma = this.membersOf(a);
    const other = new Set(this.membersOf(b));
    for (const m of ma) {
      const no = this.apart.get(m);
      if (no) for (const x of no) if (other.has(x)) return false;
    }
    return true;
  }
  /** Joins the groups of `a` and `b` unless a reader's split forbids it; true when joined. */
  union(a: string, b: string): boolean {
    if (!this.has(a) || !this.has(b)) return false;
    let ra = this.root(a);
    let rb = this.root(b);
    if (ra === rb) return true;
    if (!this.canJoin(a, b)) return false;
    let ma = this.members.get(ra) as string[];
    let mb = this.members.get(rb) as string[];
    if (ma.length > mb.length) {
      [ra, rb] = [rb, ra];
      [ma, mb] = [mb, ma];
    }
    this.parent.set(ra, rb);
    mb.push(...ma);
    this.members.delete(ra);
    return true;
  }
  groups(): string[][] {
    return [...this.members.values()];
  }
  membersOf(k: string): string[] {
    return this.members.get(this.root(k)) ?? [k];
  }
}

/** Keeps the candidates that the evidence (titles, then sites) points to, when it narrows. */
function narrow(form: NameForm, candidates: string[][], forms: Map<string, NameForm>): string[][] {
  if (candidates.length <= 1) return candidates;
  const byTitle = candidates.filter((group) =>
    group.some((k) => {
      const other = forms.get(k);
      if (!other) return false;
      for (const t of form.titles) for (const u of other.titles) if (titlesAgree(t, u)) return true;
      return false;
    }),
  );
  const pool = byTitle.length > 0 ? byTitle : candidates;
  if (pool.length <= 1) return pool;
  const bySite = pool.filter((group) =>
    group.some((k) => [...form.sites].some((s) => forms.get(k)?.sites.has(s))),
  );
  return bySite.length > 0 ? bySite : pool;
}

/**
 * Decides who is who across `pages`, applying the reader's `choices` in order (a later choice
 * about the same names replaces an earlier one; see `addMerge`/`addSplit`).
 */
export function resolvePeople(
  pages: readonly LibraryPage[],
  choices: readonly PersonChoice[] = [],
): Resolution {
  return resolveForms(collectForms(pages, choices), choices);
}

/**
 * Decides who is who among `forms` (all the forms of the buckets concerned: names in other
 * buckets never meet these, except through the reader's merges).
 */
export function resolveForms(
  forms: Map<string, NameForm>,
  choices: readonly PersonChoice[] = [],
): Resolution {
  const apart = new Map<string, Set<string>>();
  for (const c of choices) {
    if (c.kind !== 'split') continue;
    for (const a of c.a) {
      for (const b of c.b) {
        if (a === b) continue;
        if (!apart.has(a)) apart.set(a, new Set());
        if (!apart.has(b)) apart.set(b, new Set());
        apart.get(a)?.add(b);
        apart.get(b)?.add(a);
      }
    }
  }
  // A name split by pages is never the same person as the name elsewhere.
  for (const [key] of forms) {
    const at = key.indexOf(' #');
    if (at < 0) continue;
    const base = key.slice(0, at);
    for (const other of forms.keys()) {
      if (other !== key && (other === base || other.startsWith(`${base} #`))) {
        if (!apart.has(key)) apart.set(key, new Set());
        if (!apart.has(other)) apart.set(other, new Set());
        apart.get(key)?.add(other);
        apart.get(other)?.add(key);
      }
    }
  }
  const groups = new Groups(forms.keys(), apart);
  // The reader's merges first: they are certain.
  for (const c of choices) if (c.kind === 'merge') groups.union(c.a, c.b);

  const buckets = new Map<string, string[]>();
  for (const [key, form] of forms) {
    const list = buckets.get(form.parsed.bucket);
    if (list) list.push(key);
    else buckets.set(form.parsed.bucket, [key]);
  }
  for (const keys of buckets.values()) {
    if (keys.length === 1) continue;
    const full = keys.filter((k) => {
      const p = forms.get(k)?.parsed;
      return Boolean(p?.first) && !p?.initialOnly;
    });
    // 1. The same full first name and the same middle initials: one person.
    const byName = new Map<string, string>();
    for (const k of full) {
      const p = forms.get(k)?.parsed as ParsedName;
      const sig = `${p.first}|${p.middles}`;
      const seen = byName.get(sig);
      if (seen) groups.union(seen, k);
      else byName.set(sig, k);
    }
    // 2. A full name without middle initials joins the one with them, when unambiguous.
    for (const k of full) {
      const p = forms.get(k)?.parsed as ParsedName;
      if (p.middles) continue;
      const candidates = uniqueGroups(
        groups,
        full.filter((o) => {
          const q = forms.get(o)?.parsed as ParsedName;
          return q.first === p.first && q.middles !== '';
        }),
        k,
      );
      const chosen = narrow(forms.get(k) as NameForm, candidates, forms);
      if (chosen.length === 1) groups.union(k, (chosen[0] as string[])[0] as string);
    }
    // 3. Surname alone, or an initial: joins the one person it can be.
    for (const k of keys) {
      const p = forms.get(k)?.parsed as ParsedName;
      if (p.first && !p.initialOnly) continue;
      const candidates = uniqueGroups(
        groups,
        full.filter((o) => !p.initialOnly || forms.get(o)?.parsed.first[0] === p.first),
        k,
      );
      const chosen = narrow(forms.get(k) as NameForm, candidates, forms);
      if (chosen.length === 1) groups.union(k, (chosen[0] as string[])[0] as string);
    }
  }

  const people: Person[] = [];
  const personOf = new Map<string, string>();
  for (const members of groups.groups()) {
    const person = makePerson(members, forms);
    people.push(person);
    for (const m of members) personOf.set(m, person.id);
  }
  people.sort(byFrequency);
  return { people, personOf, forms };
}

/**
 * The distinct groups (as member lists) that the given forms belong to and that `form` may
 * join: a group the reader split from it is no candidate, so it does not make `form` look
 * ambiguous.
 */
function uniqueGroups(groups: Groups, keys: string[], form: string): string[][] {
  const seen = new Map<string, string[]>();
  for (const k of keys) {
    const r = groups.root(k);
    if (!seen.has(r) && groups.canJoin(form, k)) seen.set(r, groups.membersOf(k));
  }
  return [...seen.values()];
}

/**
 * The more frequent first; of two as frequent, the longer (the fuller spelling), then the
 * first in code-point order: a total order, so that the answer never depends on the order in
 * which the pages were read (or the choices arrived, on another device).
 */
function byCountThenText(a: readonly [string, number], b: readonly [string, number]): number {
  return b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/**
 * The name a person is shown by: of the spellings of their main form, the most used, then the
 * longest, then the first in code-point order. A function of the evidence alone (how often
 * each spelling was seen), so two devices holding the same pages name a person, merged or not,
 * the same whatever order they read the pages in.
 */
export function displayName(spellings: ReadonlyMap<string, number>): string {
  let best: [string, number] | undefined;
  for (const entry of spellings) if (!best || byCountThenText(entry, best) < 0) best = entry;
  return best?.[0] ?? '';
}

function makePerson(members: string[], forms: Map<string, NameForm>): Person {
  const list = members.map((k) => ({ k, f: forms.get(k) as NameForm }));
  // The main form: a full name if there is one, the most used, then the longest.
  list.sort(
    (x, y) =>
      Number(Boolean(y.f.parsed.first && !y.f.parsed.initialOnly)) -
        Number(Boolean(x.f.parsed.first && !x.f.parsed.initialOnly)) ||
      y.f.pages.size - x.f.pages.size ||
      y.f.mentions - x.f.mentions ||
      y.k.length - x.k.length ||
      (x.k < y.k ? -1 : 1),
  );
  const main = (list[0] as { k: string; f: NameForm }).f;
  const name = displayName(main.spellings);
  const titleCounts = new Map<string, number>();
  const sites = new Set<string>();
  const pages = new Set<string>();
  const dates = new Set<string>();
  let mentions = 0;
  for (const { f } of list) {
    for (const t of f.titles) titleCounts.set(t, (titleCounts.get(t) ?? 0) + f.pages.size);
    for (const s of f.sites) sites.add(s);
    for (const p of f.pages) pages.add(p);
    for (const d of f.dates) dates.add(d);
    mentions += f.mentions;
  }
  return {
    id: list[0]?.k as string,
    name,
    forms: list.map((x) => x.k),
    titles: [...titleCounts.entries()].sort(byCountThenText).map(([t]) => t),
    sites: [...sites],
    pages: [...pages],
    dates: [...dates].sort(),
    mentions,
  };
}

/**
 * A test of whether an earlier choice between name forms `x` and `y` joins or parts the same
 * two sides as a new choice between `a` and `b` (either way round), so the new one replaces it.
 */
function crossing(a: readonly string[], b: readonly string[]) {
  const inA = new Set(a);
  const inB = new Set(b);
  return (x: readonly string[], y: readonly string[]) =>
    (x.some((k) => inA.has(k)) && y.some((k) => inB.has(k))) ||
    (x.some((k) => inB.has(k)) && y.some((k) => inA.has(k)));
}

/**
 * Records "these two are the same person": a merge of their main forms, replacing any earlier
 * split between their names. Returns the new list of choices.
 */
export function addMerge(
  choices: readonly PersonChoice[],
  a: readonly string[],
  b: readonly string[],
  meta: { id: string; at: string },
): PersonChoice[] {
  const crosses = crossing(a, b);
  const kept = choices.filter((c) => c.kind !== 'split' || !crosses(c.a, c.b));
  return [...kept, { ...meta, kind: 'merge', a: a[0] as string, b: b[0] as string }];
}

/**
 * Records "these names are not the same person": `a` apart from `b`, replacing any earlier
 * merge that joined one of `a` to one of `b`. Returns the new list of choices.
 */
export function addSplit(
  choices: readonly PersonChoice[],
  a: readonly string[],
  b: readonly string[],
  meta: { id: string; at: string },
): PersonChoice[] {
  const crosses = crossing(a, b);
  const kept = choices.filter((c) => c.kind !== 'merge' || !crosses([c.a], [c.b]));
  return [...kept, { ...meta, kind: 'split', a: [...a], b: [...b] }];
}
