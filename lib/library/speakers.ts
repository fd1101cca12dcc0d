/**
 * Who a quotation's speaker is: a person, or an organisation or a document that speaks ("the
 * Ministry of Energy said", "the report warned"). A researcher's People are people, so only a
 * person speaker becomes one of the library's people (identity.ts `sightingsOf`); the others
 * are "quoted bodies", listed in a section of their own with their quotations and pages.
 *
 * Detection knows the kind (`Quote.speakerType`) and the page record keeps it since summary
 * version 5. Pages recorded before carry no kind; for them a rule on the name decides
 * (`kindOfName`), so that nobody has to read those pages again.
 *
 * The stored list of quoted bodies is one `library-settings` record (`BODIES_KEY`), kept with
 * the people summary: settling a batch of pages reads and writes it once, whatever the number
 * of pages, so recording adds no request per page.
 *
 * Pure code: pages in, bodies out.
 */
import { DOCUMENT_NOUNS, ORG_WORDS } from '../detect/lexicon';
import type { LibraryPage, PageQuote, SpeakerKind } from './records';

/** A speaker that is not a person, but has a name. */
export type BodyKind = 'organisation' | 'document';

/**
 * Organisation words that are also common surnames ("Jack White", "Stuart Hall"): alone at
 * the end of a name they do not make it an organisation, as a name of an old record is all the
 * rule has to go on.
 */
const SURNAME_LIKE = new Set(
  (
    'white blue house hall street post law bay bank press times church court guard mission ' +
    'king capital front market river state act war'
  ).split(' '),
);

/** The name's words: lower case, accents, possessives and punctuation gone. */
function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The kind of a speaker known only by name (a page recorded before the kind was kept): a
 * document when its last word is a document's noun ("the IAEA report"); an organisation when
 * it starts with "the" ("the Pentagon"), when it joins an organisation word with "of"
 * ("Ministry of Energy", "Council of Europe"), or when it ends in an organisation word that is
 * not also a common surname ("Pipeline Consortium", "Gazprom Group"); otherwise a person.
 */
export function kindOfName(name: string): 'person' | BodyKind {
  const all = words(name.slice(0, 300));
  const last = all[all.length - 1];
  if (!last) return 'person';
  if (DOCUMENT_NOUNS.has(last)) return 'document';
  if (all[0] === 'the' && all.length > 1) return 'organisation';
  const hasOrgWord = all.some((w) => ORG_WORDS.has(w) && !SURNAME_LIKE.has(w));
  if (hasOrgWord && all.includes('of')) return 'organisation';
  if (ORG_WORDS.has(last) && !SURNAME_LIKE.has(last)) return 'organisation';
  return 'person';
}

/**
 * The kind of a quotation's speaker: as detection said, when the record says it; by the rule
 * on the name otherwise (an old record, or a named speaker marked unnamed); `unnamed` when
 * nobody is named.
 */
export function speakerKindOf(quote: Pick<PageQuote, 'speaker' | 'speakerType'>): SpeakerKind {
  if (typeof quote.speaker !== 'string' || quote.speaker.trim() === '') return 'unnamed';
  const given = quote.speakerType;
  if (given === 'person' || given === 'organisation' || given === 'document') return given;
  return kindOfName(quote.speaker);
}

/** The key a quoted body is listed under: its name folded, so "The Pentagon" is "Pentagon". */
export function bodyKey(name: string): string {
  const all = words(name.slice(0, 300));
  return (all[0] === 'the' && all.length > 1 ? all.slice(1) : all).join(' ');
}

/** What one page says about one quoted body: how it wrote the name, its kind, how often. */
export type BodySighting = [name: string, kind: BodyKind, quotes: number];

/**
 * The quoted bodies as stored (a `library-settings` record, `BODIES_KEY`): by body key, by
 * page url, what that page says. A page read again or forgotten replaces only its own entries.
 */
export type StoredBodies = Record<string, Record<string, BodySighting>>;

/** The `library-settings` key of the stored quoted bodies. */
export const BODIES_KEY = 'quoted-bodies';

/** A quoted body as the Library tab lists it. */
export interface QuotedBody {
  key: string;
  /** The spelling used in the most quotations. */
  name: string;
  kind: BodyKind;
  /** Urls of the pages that quote it. */
  pages: string[];
  quotes: number;
}

/** The quoted bodies on one page, by body key (speakers whose kind is not a person). */
export function bodiesOfPage(page: LibraryPage | undefined): Map<string, BodySighting> {
  const out = new Map<string, BodySighting>();
  const list: unknown = page?.analysis?.quotes;
  if (!Array.isArray(list)) return out;
  for (const q of list as Partial<PageQuote>[]) {
    if (!q || typeof q.speaker !== 'string') continue;
    const kind = speakerKindOf(q as PageQuote);
    if (kind !== 'organisation' && kind !== 'document') continue;
    const key = bodyKey(q.speaker);
    if (!key) continue;
    const seen = out.get(key);
    if (seen) seen[2] += 1;
    else out.set(key, [q.speaker, kind, 1]);
  }
  return out;
}

/** A stored value, checked (stored data): what cannot be read is left out. */
export function readBodies(value: unknown): StoredBodies {
  const out: StoredBodies = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [key, pages] of Object.entries(value as Record<string, unknown>)) {
    if (!pages || typeof pages !== 'object') continue;
    const kept: Record<string, BodySighting> = {};
    let any = false;
    for (const [url, seen] of Object.entries(pages as Record<string, unknown>)) {
      if (
        Array.isArray(seen) &&
        typeof seen[0] === 'string' &&
        (seen[1] === 'organisation' || seen[1] === 'document') &&
        typeof seen[2] === 'number'
      ) {
        kept[url] = [seen[0], seen[1], seen[2]];
        any = true;
      }
    }
    if (any) out[key] = kept;
  }
  return out;
}

/**
 * `stored` with what the page `url` says replaced by `after` (its bodies now; undefined when
 * forgotten). Changes `stored` in place and says whether anything changed.
 */
export function withPageBodies(
  stored: StoredBodies,
  url: string,
  after: ReadonlyMap<string, BodySighting> | undefined,
): boolean {
  let changed = false;
  for (const key in stored) {
    const pages = stored[key] as Record<string, BodySighting>;
    if (!(url in pages)) continue;
    const now = after?.get(key);
    const was = pages[url] as BodySighting;
    if (now && now[0] === was[0] && now[1] === was[1] && now[2] === was[2]) continue;
    changed = true;
    delete pages[url];
    let left = false;
    for (const _ in pages) {
      left = true;
      break;
    }
    if (!left) delete stored[key];
  }
  for (const [key, seen] of after ?? []) {
    const pages = stored[key] ?? {};
    const was = pages[url];
    if (was && was[0] === seen[0] && was[1] === seen[1] && was[2] === seen[2]) continue;
    pages[url] = [seen[0], seen[1], seen[2]];
    stored[key] = pages;
    changed = true;
  }
  return changed;
}

/** The stored bodies of every page (a rebuild). */
export function bodiesOfPages(pages: readonly LibraryPage[]): StoredBodies {
  const stored: StoredBodies = {};
  for (const page of pages) withPageBodies(stored, page.url, bodiesOfPage(page));
  return stored;
}

/** The quoted bodies as listed: on the most pages first, then the most quoted, then by name. */
export function listBodies(stored: StoredBodies): QuotedBody[] {
  const out: QuotedBody[] = [];
  for (const key in stored) {
    const pages = stored[key] as Record<string, BodySighting>;
    const spellings = new Map<string, number>();
    const kinds = new Map<BodyKind, number>();
    let quotes = 0;
    for (const url in pages) {
      const [name, kind, count] = pages[url] as BodySighting;
      spellings.set(name, (spellings.get(name) ?? 0) + count);
      kinds.set(kind, (kinds.get(kind) ?? 0) + count);
      quotes += count;
    }
    out.push({
      key,
      name: mostUsed(spellings),
      kind:
        (kinds.get('document') ?? 0) > (kinds.get('organisation') ?? 0)
          ? 'document'
          : 'organisation',
      pages: Object.keys(pages),
      quotes,
    });
  }
  return out.sort(
    (a, b) =>
      b.pages.length - a.pages.length ||
      b.quotes - a.quotes ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/** The most used of some spellings; of two as used, the longer, then the first in order. */
function mostUsed(counts: ReadonlyMap<string, number>): string {
  let best: [string, number] | undefined;
  for (const e of counts) {
    if (
      !best ||
      e[1] > best[1] ||
      (e[1] === best[1] &&
        (e[0].length > best[0].length || (e[0].length === best[0].length && e[0] < best[0])))
    ) {
      best = e;
    }
  }
  return best?.[0] ?? '';
}

/** The quotations of a quoted body on some pages (what its entry shows when opened). */
export function quotesOfBody(
  key: string,
  pages: readonly LibraryPage[],
): { page: LibraryPage; quote: PageQuote }[] {
  const out: { page: LibraryPage; quote: PageQuote }[] = [];
  for (const page of pages) {
    const list: unknown = page.analysis?.quotes;
    if (!Array.isArray(list)) continue;
    for (const q of list as PageQuote[]) {
      if (!q || typeof q.speaker !== 'string' || !q.quote || typeof q.quote.exact !== 'string') {
        continue;
      }
      const kind = speakerKindOf(q);
      if ((kind === 'organisation' || kind === 'document') && bodyKey(q.speaker) === key) {
        out.push({ page, quote: q });
      }
    }
  }
  return out;
}
