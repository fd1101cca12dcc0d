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
 * How the quoted bodies are stored and listed is in bodies.ts.
 *
 * Pure code: pages in, bodies out.
 */
import { DOCUMENT_NOUNS, ORG_WORDS } from '../detect/lexicon';
import { type BodyKind, type BodySighting, type StoredBodies, withPageBodies } from './bodies';
import type { LibraryPage, PageQuote, SpeakerKind } from './records';

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

/**
 * A name's words: lower case, accents, possessives and punctuation gone (the kind of a
 * speaker here, and the keys of names and titles in identity.ts).
 */
export function words(name: string): string[] {
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

/** The stored bodies of every page (a rebuild). */
export function bodiesOfPages(pages: readonly LibraryPage[]): StoredBodies {
  const stored: StoredBodies = {};
  for (const page of pages) withPageBodies(stored, page.url, bodiesOfPage(page));
  return stored;
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
