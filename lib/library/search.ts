/**
 * Search across the library: people, the titles they held, quotations, the reader's notes and
 * the pages read, typo-tolerant, results grouped by kind. MiniSearch (7.x, ~7 KB gzipped, no
 * dependencies) keeps an inverted index in memory with fuzzy and prefix matching and BM25
 * ranking; it was chosen over FlexSearch because its fuzzy search is by edit distance on whole
 * terms (what a misspelt surname needs), its TypeScript types ship with it, and its index can
 * be added to and serialised if a later version keeps it on disk. The index is built once per
 * change of the library, after the first rows are on screen.
 */
import MiniSearch from 'minisearch';
import type { Annotation } from '../annotation';
import type { Library } from './model';

/** The kinds of results, in the order the panel shows their groups. */
export const KINDS = ['person', 'title', 'quote', 'note', 'page'] as const;
export type ResultKind = (typeof KINDS)[number];

/** One result: what it is, what to show, and what it points to. */
export interface SearchHit {
  kind: ResultKind;
  /** A person id (people and titles) or a page url (quotations, notes, pages). */
  ref: string;
  /** Index of the quotation in `library.quotes`, for quotes. */
  index?: number;
  label: string;
  detail: string;
  score: number;
}

interface Doc {
  id: string;
  kind: ResultKind;
  ref: string;
  index?: number;
  text: string;
  label: string;
  detail: string;
}

/** A built index and how to query it. */
export interface LibrarySearch {
  /** Results grouped by kind (each group best first, at most `perKind`). */
  search(query: string, perKind?: number): { kind: ResultKind; hits: SearchHit[] }[];
  readonly size: number;
}

const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Indexes the library and the reader's notes. */
export function buildSearch(library: Library, notes: readonly Annotation[]): LibrarySearch {
  const docs: Doc[] = [];
  for (const p of library.people) {
    docs.push({
      id: `person:${p.id}`,
      kind: 'person',
      ref: p.id,
      text: `${p.name} ${p.forms.join(' ')}`,
      label: p.name,
      detail: p.titles.slice(0, 2).join('; '),
    });
    p.titles.forEach((t, i) => {
      docs.push({
        id: `title:${p.id}:${i}`,
        kind: 'title',
        ref: p.id,
        text: t,
        label: t,
        detail: p.name,
      });
    });
  }
  library.quotes.forEach((q, i) => {
    docs.push({
      id: `quote:${i}`,
      kind: 'quote',
      ref: q.page.url,
      index: i,
      text: `${q.quote.text} ${q.quote.speaker ?? ''}`,
      label: clip(q.quote.text),
      detail: `${q.quote.speaker ?? 'Unattributed'} — ${q.page.title}`,
    });
  });
  for (const n of notes) {
    docs.push({
      id: `note:${n.id}`,
      kind: 'note',
      ref: n.page.url,
      text: `${n.note} ${n.quote.exact} ${n.tags.join(' ')}`,
      label: clip(n.note || n.quote.exact),
      detail: n.page.title,
    });
  }
  for (const p of library.pages) {
    docs.push({
      id: `page:${p.url}`,
      kind: 'page',
      ref: p.url,
      text: `${p.title} ${p.site} ${p.author ?? ''}`,
      label: p.title,
      detail: p.site,
    });
  }
  const index = new MiniSearch<Doc>({
    fields: ['text'],
    storeFields: ['kind', 'ref', 'index', 'label', 'detail'],
    // Prefix and typo matching only on words long enough to mean something: on short words
    // they match half the vocabulary and slow every keystroke.
    searchOptions: {
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  index.addAll(docs);
  return {
    size: docs.length,
    search(query, perKind = 20) {
      const q = query.trim().slice(0, 200);
      if (!q) return [];
      const groups = new Map<ResultKind, SearchHit[]>();
      for (const r of index.search(q)) {
        const hit = r as unknown as SearchHit;
        const list = groups.get(hit.kind) ?? [];
        if (list.length >= perKind) continue;
        list.push({
          kind: hit.kind,
          ref: hit.ref,
          ...(hit.index !== undefined ? { index: hit.index } : {}),
          label: hit.label,
          detail: hit.detail,
          score: r.score,
        });
        groups.set(hit.kind, list);
      }
      return KINDS.filter((k) => groups.has(k)).map((kind) => ({
        kind,
        hits: groups.get(kind) as SearchHit[],
      }));
    },
  };
}
