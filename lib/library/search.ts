/**
 * Search across the library: people, the titles they held, quotations, the reader's notes and
 * the pages read, typo-tolerant, results grouped by kind. MiniSearch (7.x, ~7 KB gzipped, no
 * dependencies) keeps an inverted index in memory with fuzzy and prefix matching and BM25
 * ranking; it was chosen over FlexSearch because its fuzzy search is by edit distance on whole
 * terms (what a misspelt surname needs), its TypeScript types ship with it, and its index can
 * be added to, discarded from and serialised. Three indexes: the pages read and their
 * quotations (`PageIndex`, saved in the store and brought up to date page by page, since
 * indexing 20,000 quotations takes seconds), and a small one of people, titles and notes built
 * when needed. The quotations are not in MiniSearch but in `QuoteIndex` (quote-index.ts), with
 * the same matching rules and bounded work per query: quotations share their words, and
 * MiniSearch scoring every one of 11,000 matches missed the 50 ms target for a search.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { Annotation } from '../annotation';
import { textFragmentUrl } from '../export/text-fragment';
import type { QuotedBody } from './bodies';
import { type Person, quotesOf } from './identity';
import type { Library } from './model';
import { QuoteIndex } from './quote-index';
import type { LibraryPage, PageQuote, SavedQuoteIndex } from './records';

/** The kinds of results, in the order the panel shows their groups. */
export const KINDS = ['person', 'organisation', 'title', 'quote', 'note', 'page'] as const;
export type ResultKind = (typeof KINDS)[number];

/** One result: what it is, what to show, and what it points to. */
export interface SearchHit {
  kind: ResultKind;
  /**
   * A person id (people and titles), a quoted body's key (organisations and documents that
   * speak: speakers.ts), or a page url (quotations, notes, pages).
   */
  ref: string;
  /** For quotations: the quotation's index on its page. */
  k?: number;
  /** For quotations: the page's address with a text fragment for the passage. */
  link?: string;
  label: string;
  detail: string;
  score: number;
}

interface Doc {
  id: string;
  kind: ResultKind;
  ref: string;
  /** For quotations: the quotation's index on its page. */
  k?: number;
  text: string;
  /** People, titles and notes carry what to show; pages and quotations are described later. */
  label?: string;
  detail?: string;
}

/** A built index and how to query it. */
export interface LibrarySearch {
  /** Results grouped by kind (each group best first, at most `perKind`). */
  search(query: string, perKind?: number): { kind: ResultKind; hits: SearchHit[] }[];
  readonly size: number;
}

/**
 * The layout of the saved page index (documents, fields, options); a saved index of another
 * version is built again.
 */
export const SEARCH_VERSION = 4;

/** The saved page index's key in the store. */
export const SEARCH_KEY = 'pages';

const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const OPTIONS: Options<Doc> = {
  fields: ['text'],
  // Pages and quotations keep only where they point: with their text and links stored, the
  // saved index of 20,000 quotations was five times the size and as much slower to load.
  storeFields: ['kind', 'ref', 'k', 'label', 'detail'],
  // Prefix and typo matching only on words long enough to mean something: on short words
  // they match half the vocabulary and slow every keystroke.
  searchOptions: {
    prefix: (term) => term.length >= 3,
    fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
    combineWith: 'AND',
  },
};

function linkTo(url: string, quote: PageQuote): string {
  try {
    return textFragmentUrl(url, quote.quote);
  } catch {
    return url;
  }
}

/** A page's document (its quotations go to the `QuoteIndex`). */
function pageDoc(page: LibraryPage): Doc {
  return {
    id: `page:${page.url}`,
    kind: 'page',
    ref: page.url,
    text: `${page.title} ${page.site} ${page.author ?? ''}`,
  };
}

/** Results grouped by kind, as the panel shows them. */
export type SearchGroups = { kind: ResultKind; hits: SearchHit[] }[];

/**
 * Fills in what to show for page and quotation hits from their pages' records (`pageOf`);
 * a hit whose page is gone (forgotten meanwhile) is dropped.
 */
export function describeHits(
  groups: SearchGroups,
  pageOf: (url: string) => LibraryPage | undefined,
): SearchGroups {
  return groups
    .map(({ kind, hits }) => ({
      kind,
      hits: hits.flatMap((hit): SearchHit[] => {
        if (hit.kind !== 'page' && hit.kind !== 'quote') return [hit];
        const page = pageOf(hit.ref);
        if (!page) return [];
        if (hit.kind === 'page') {
          return [
            {
              ...hit,
              label: clip(String(page.title || page.url)),
              detail: clip(String(page.site ?? ''), 100),
            },
          ];
        }
        const q = quotesOf(page)[hit.k ?? -1];
        if (!q) return [];
        return [
          {
            ...hit,
            link: linkTo(page.url, q),
            label: clip(q.text, 200),
            detail: clip(`${q.speaker ?? 'Unattributed'} — ${page.title}`, 200),
          },
        ];
      }),
    }))
    .filter((g) => g.hits.length > 0);
}

/** The pages a search's hits need described. */
export function pagesToDescribe(groups: SearchGroups): string[] {
  const urls = new Set<string>();
  for (const g of groups) {
    for (const h of g.hits) if (h.kind === 'page' || h.kind === 'quote') urls.add(h.ref);
  }
  return [...urls];
}

/**
 * The index of the pages read and their quotations: the big part (20,000 quotations take
 * seconds to index), so the side panel saves it and, when opened again, only removes the
 * pages forgotten or read again and adds the new ones (`stamps` says which it holds).
 */
export class PageIndex {
  private constructor(
    readonly index: MiniSearch<Doc>,
    /** Url → `lastRead` of each page indexed. */
    readonly stamps: Map<string, string>,
    /** The pages' quotations. */
    readonly quotes: QuoteIndex,
  ) {}

  /** An empty index. */
  static empty(): PageIndex {
    return new PageIndex(new MiniSearch<Doc>(OPTIONS), new Map(), new QuoteIndex());
  }

  /** A saved index, loaded without blocking the panel for long (MiniSearch's async load). */
  static async load(saved: {
    version: number;
    stamps: Record<string, string>;
    json: string;
    quotes?: SavedQuoteIndex;
  }): Promise<PageIndex | null> {
    if (saved.version !== SEARCH_VERSION || !saved.quotes) return null;
    try {
      const index = await MiniSearch.loadJSONAsync<Doc>(saved.json, OPTIONS);
      const quotes = QuoteIndex.fromSaved(saved.quotes);
      return new PageIndex(index, new Map(Object.entries(saved.stamps)), quotes);
    } catch {
      // A damaged saved index is only a cache: build it again.
      return null;
    }
  }

  /** What differs from the pages now read (url → lastRead): pages to drop, pages to (re)add. */
  diff(current: ReadonlyMap<string, string>): { remove: string[]; add: string[] } {
    const remove: string[] = [];
    const add: string[] = [];
    for (const [url, at] of this.stamps) {
      const now = current.get(url);
      if (now !== at) remove.push(url);
    }
    for (const [url, at] of current) if (this.stamps.get(url) !== at) add.push(url);
    return { remove, add };
  }

  /** Drops a page and its quotations. */
  remove(url: string): void {
    if (this.index.has(`page:${url}`)) this.index.discard(`page:${url}`);
    this.quotes.removePage(url);
    this.stamps.delete(url);
  }

  /** Adds (or replaces) a page and its quotations. */
  add(page: LibraryPage): void {
    this.remove(page.url);
    this.index.add(pageDoc(page));
    this.quotes.addPage(page.url, quotesOf(page));
    this.stamps.set(page.url, page.lastRead);
  }

  /** What the store keeps. */
  toSaved(): {
    version: number;
    stamps: Record<string, string>;
    json: string;
    quotes: SavedQuoteIndex;
  } {
    return {
      version: SEARCH_VERSION,
      stamps: Object.fromEntries(this.stamps),
      json: JSON.stringify(this.index),
      quotes: this.quotes.toSaved(),
    };
  }
}

/**
 * The small index built each time: people, their titles, the organisations and documents
 * quoted (found by name, in a group of their own, never as people) and the reader's notes.
 */
export function liveIndex(
  people: readonly Person[],
  notes: readonly Annotation[],
  bodies: readonly QuotedBody[] = [],
): MiniSearch<Doc> {
  const docs: Doc[] = [];
  for (const b of bodies) {
    docs.push({
      id: `organisation:${b.key}`,
      kind: 'organisation',
      ref: b.key,
      text: b.name,
      label: clip(b.name),
      detail: `${b.kind === 'document' ? 'document' : 'organisation'} · ${b.quotes} ${b.quotes === 1 ? 'quotation' : 'quotations'}`,
    });
  }
  for (const p of people) {
    docs.push({
      id: `person:${p.id}`,
      kind: 'person',
      ref: p.id,
      text: `${p.name} ${p.forms.join(' ')}`,
      label: clip(p.name),
      detail: clip(p.titles.slice(0, 2).join('; ')),
    });
    p.titles.forEach((t, i) => {
      docs.push({
        id: `title:${p.id}:${i}`,
        kind: 'title',
        ref: p.id,
        text: t,
        label: clip(t),
        detail: clip(p.name),
      });
    });
  }
  for (const n of notes) {
    docs.push({
      id: `note:${n.id}`,
      kind: 'note',
      ref: n.page.url,
      text: `${n.note} ${n.quote.exact} ${n.tags.join(' ')}`,
      label: clip(n.note || n.quote.exact),
      detail: clip(n.page.title),
    });
  }
  const index = new MiniSearch<Doc>(OPTIONS);
  index.addAll(docs);
  return index;
}

/** Searches both indexes, results grouped by kind in `KINDS` order. */
export function combinedSearch(pages: PageIndex, live: MiniSearch<Doc>): LibrarySearch {
  return {
    get size() {
      return pages.index.documentCount + pages.quotes.size + live.documentCount;
    },
    search(query, perKind = 20) {
      const q = query.trim().slice(0, 200);
      if (!q) return [];
      const groups = new Map<ResultKind, SearchHit[]>();
      for (const index of [live, pages.index]) {
        for (const r of index.search(q)) {
          const hit = r as unknown as Doc;
          const list = groups.get(hit.kind) ?? [];
          if (list.length >= perKind) continue;
          list.push({
            kind: hit.kind,
            ref: hit.ref,
            ...(hit.k !== undefined ? { k: hit.k } : {}),
            label: hit.label ?? '',
            detail: hit.detail ?? '',
            score: r.score,
          });
          groups.set(hit.kind, list);
        }
      }
      const quotes = pages.quotes.search(q, perKind);
      if (quotes.length > 0) {
        groups.set(
          'quote',
          quotes.map((h) => ({
            kind: 'quote' as const,
            ref: h.url,
            k: h.k,
            label: '',
            detail: '',
            score: h.score,
          })),
        );
      }
      return KINDS.filter((k) => groups.has(k)).map((kind) => ({
        kind,
        hits: groups.get(kind) as SearchHit[],
      }));
    },
  };
}

/** Indexes the whole library and the reader's notes at once (tests, small libraries). */
export function buildSearch(library: Library, notes: readonly Annotation[]): LibrarySearch {
  const pages = PageIndex.empty();
  for (const page of library.pages) pages.add(page);
  const both = combinedSearch(pages, liveIndex(library.people, notes, library.bodies));
  return {
    get size() {
      return both.size;
    },
    search: (query, perKind) =>
      describeHits(both.search(query, perKind), (url) => library.pageByUrl.get(url)),
  };
}
