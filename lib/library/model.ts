/**
 * The library as the side panel shows it: people across every page read (identity.ts), each
 * quotation attributed to a person, filters, and a person's view (titles over time,
 * quotations with links that reopen the passage, pages, the reader's notes). Pure: records in,
 * view data out; built once per change and cheap to query (people's quotations are indexed).
 */
import type { Annotation } from '../annotation';
import { fold } from '../annotation/rules';
import { textFragmentUrl } from '../export/text-fragment';
import { listBodies, type QuotedBody } from './bodies';
import {
  formKeyOn,
  officialsOf,
  type Person,
  pageDate,
  parseName,
  quotesOf,
  type Resolution,
  resolvePeople,
} from './identity';
import type { LibraryPage, PageQuote, PersonChoice } from './records';
import { bodiesOfPages } from './speakers';

/**
 * A quotation in the library: where it was said, by whom, and the link to the passage. The
 * link is made when first read: 20,000 of them up front would delay the panel's first rows.
 */
export class QuoteRef {
  private madeLink: string | null = null;
  constructor(
    readonly page: LibraryPage,
    readonly quote: PageQuote,
    /** The person it is attributed to, if any. */
    readonly personId: string | null,
  ) {}
  /** The page's URL with a text fragment for the passage. */
  get link(): string {
    this.madeLink ??= linkTo(this.page.url, this.quote);
    return this.madeLink;
  }
}

/** The whole library, resolved. */
export interface Library {
  /** Pages read, most recently read first. */
  pages: LibraryPage[];
  pageByUrl: Map<string, LibraryPage>;
  /** People, most frequent first. */
  people: Person[];
  personById: Map<string, Person>;
  resolution: Resolution;
  /** The reader's choices it was resolved with. */
  choices: readonly PersonChoice[];
  /** The organisations and documents quoted, which are not people (speakers.ts). */
  bodies: QuotedBody[];
  /** Every quotation, in page order (most recently read page first). */
  quotes: QuoteRef[];
  quotesByPerson: Map<string, QuoteRef[]>;
}

export { pageDate };

/** Resolves the library from its records. */
export function buildLibrary(
  pages: readonly LibraryPage[],
  choices: readonly PersonChoice[] = [],
): Library {
  const sorted = [...pages].sort((a, b) =>
    a.lastRead < b.lastRead ? 1 : a.lastRead > b.lastRead ? -1 : 0,
  );
  const resolution = resolvePeople(sorted, choices);
  const personById = new Map(resolution.people.map((p) => [p.id, p]));
  const quotes: QuoteRef[] = [];
  const quotesByPerson = new Map<string, QuoteRef[]>();
  // A speaker's person, by name (and page, when the reader split a name by pages).
  const byPage = choices.some((c) => c.kind === 'split-pages');
  const speakers = new Map<string, string | null>();
  for (const page of sorted) {
    for (const quote of quotesOf(page)) {
      let personId: string | null = null;
      if (quote.speaker) {
        const cacheKey = byPage ? `${page.url}\n${quote.speaker}` : quote.speaker;
        const known = speakers.get(cacheKey);
        if (known !== undefined) personId = known;
        else {
          personId = resolution.personOf.get(formKeyOn(quote.speaker, page, choices)) ?? null;
          speakers.set(cacheKey, personId);
        }
      }
      const ref = new QuoteRef(page, quote, personId);
      quotes.push(ref);
      if (personId) {
        const list = quotesByPerson.get(personId);
        if (list) list.push(ref);
        else quotesByPerson.set(personId, [ref]);
      }
    }
  }
  return {
    pages: sorted,
    pageByUrl: new Map(sorted.map((p) => [p.url, p])),
    people: resolution.people,
    personById,
    resolution,
    choices,
    bodies: listBodies(bodiesOfPages(sorted)),
    quotes,
    quotesByPerson,
  };
}

function linkTo(url: string, quote: PageQuote): string {
  try {
    return textFragmentUrl(url, quote.quote);
  } catch {
    return url;
  }
}

/** What the reader filters people by; every field optional, all must hold. */
export interface PersonFilter {
  name?: string;
  title?: string;
  site?: string;
  /** ISO dates (YYYY-MM-DD), inclusive: the person appears on a page dated in this range. */
  from?: string;
  to?: string;
}

/** The people matching `filter`, in the given order (the library's: most frequent first). */
export function filterPeople<P extends Person>(people: readonly P[], filter: PersonFilter): P[] {
  const name = fold(filter.name?.trim() ?? '');
  const title = fold(filter.title?.trim() ?? '');
  const site = fold(filter.site?.trim() ?? '');
  const { from, to } = filter;
  if (!name && !title && !site && !from && !to) return [...people];
  return people.filter((p) => {
    if (name && !fold(p.name).includes(name) && !p.forms.some((f) => f.includes(name))) {
      return false;
    }
    if (title && !p.titles.some((t) => fold(t).includes(title))) return false;
    if (site && !p.sites.some((s) => fold(s).includes(site))) return false;
    if ((from || to) && !p.dates.some((d) => (!from || d >= from) && (!to || d <= to))) {
      return false;
    }
    return true;
  });
}

/** A title a person held, with when it was first and last seen. */
export interface TitleSpan {
  title: string;
  first: string;
  last: string;
  pages: number;
}

/** Everything the person's view shows. */
export interface PersonView {
  person: Person;
  /** Titles in the order they were first seen. */
  titles: TitleSpan[];
  /** Their quotations, newest page first. */
  quotes: QuoteRef[];
  /** Pages that name them, newest first. */
  pages: LibraryPage[];
  /** The reader's notes on those pages. */
  notesOnPages: Annotation[];
  /** The reader's notes elsewhere whose text or highlight names them. */
  notesNaming: Annotation[];
}

/** The person's view, or null when there is no such person (any more). */
export function personView(
  library: Library,
  id: string,
  notes: readonly Annotation[],
): PersonView | null {
  const person = library.personById.get(id);
  if (!person) return null;
  const pages = person.pages
    .map((url) => library.pageByUrl.get(url))
    .filter((p): p is LibraryPage => p !== undefined);
  const spellings = new Map<string, string[]>();
  for (const key of person.forms) {
    const form = library.resolution.forms.get(key);
    if (form) spellings.set(key, [...form.spellings.keys()]);
  }
  const bucket = library.resolution.forms.get(person.id)?.parsed.bucket ?? '';
  const sharedSurname = library.people.some(
    (p) => p.id !== person.id && library.resolution.forms.get(p.id)?.parsed.bucket === bucket,
  );
  return personViewOf({
    person,
    pages,
    choices: library.choices,
    notes,
    spellings,
    sharedSurname,
  });
}

/** What a person's view is made of, wherever it comes from (the whole library or the summary). */
export interface PersonViewInput {
  person: Person;
  /** The pages that name them (any order). */
  pages: readonly LibraryPage[];
  choices: readonly PersonChoice[];
  notes: readonly Annotation[];
  /** The spellings seen for each of their forms. */
  spellings: ReadonlyMap<string, readonly string[]>;
  /** Whether another person shares their surname (then a bare surname does not name them). */
  sharedSurname: boolean;
}

/**
 * A person's view from their own pages alone: the side panel reads only those pages from the
 * store (not the whole library) and builds the view from them.
 */
export function personViewOf(input: PersonViewInput): PersonView {
  const { person, choices } = input;
  const pages = [...input.pages].sort((a, b) =>
    pageDate(a) < pageDate(b) ? 1 : pageDate(a) > pageDate(b) ? -1 : 0,
  );
  const forms = new Set(person.forms);
  const spans = new Map<string, TitleSpan>();
  for (const page of [...pages].reverse()) {
    const date = pageDate(page);
    for (const o of officialsOf(page)) {
      if (!forms.has(formKeyOn(o.name, page, choices))) continue;
      for (const title of o.titles) {
        const span = spans.get(title);
        if (!span) spans.set(title, { title, first: date, last: date, pages: 1 });
        else {
          // Pages come oldest first, so the first sighting stays and the last moves on.
          span.last = date;
          span.pages += 1;
        }
      }
    }
  }
  // Newest page first, as the pages are sorted.
  const quotes: QuoteRef[] = [];
  for (const page of pages) {
    const said = new Map<string, boolean>();
    for (const quote of quotesOf(page)) {
      if (!quote.speaker) continue;
      let theirs = said.get(quote.speaker);
      if (theirs === undefined) {
        theirs = forms.has(formKeyOn(quote.speaker, page, choices));
        said.set(quote.speaker, theirs);
      }
      if (theirs) quotes.push(new QuoteRef(page, quote, person.id));
    }
  }
  const onPages = new Set(person.pages);
  const names = namesOf(person, input.spellings, input.sharedSurname);
  const notesOnPages: Annotation[] = [];
  const notesNaming: Annotation[] = [];
  for (const note of input.notes) {
    if (onPages.has(note.page.url)) notesOnPages.push(note);
    else if (names.length > 0) {
      const text = fold(`${note.note}\n${note.quote.exact}`);
      if (names.some((n) => namesWord(text, n))) notesNaming.push(note);
    }
  }
  return {
    person,
    titles: [...spans.values()].sort((a, b) =>
      a.first < b.first ? -1 : a.first > b.first ? 1 : 0,
    ),
    quotes,
    pages,
    notesOnPages,
    notesNaming,
  };
}

/** Whether `text` holds `name` as words of its own ("Rice" in "Rice said", not in "prices"). */
function namesWord(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + name.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
}

/**
 * The names a note must contain to be about this person: every full spelling, and the bare
 * surname only when no other person shares it (else "Smith" would name both Smiths).
 */
function namesOf(
  person: Person,
  spellings: ReadonlyMap<string, readonly string[]>,
  sharedSurname: boolean,
): string[] {
  const names = new Set<string>();
  for (const key of person.forms) {
    const base = key.split(' #')[0] as string;
    if (!base.includes(' ')) continue;
    for (const spelling of spellings.get(key) ?? []) names.add(fold(spelling));
    names.add(base);
  }
  const surname = parseName(person.id.split(' #')[0] as string).bucket;
  if (surname && surname.length >= 4 && !sharedSurname) names.add(surname);
  return [...names].filter((n) => n.length >= 3);
}

/** Every tag on the reader's notes with its count, most used first. */
export function tagCounts(notes: readonly Annotation[]): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const n of notes) for (const t of n.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}
