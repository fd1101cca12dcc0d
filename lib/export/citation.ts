/**
 * Citations of the pages a reader has read, for Zotero, BibTeX and a LaTeX bibliography: the
 * page as a CSL-JSON item (title, authors from the byline, the site as container and publisher,
 * the published date, the URL, the day it was accessed), then written out by citation-js as
 * CSL-JSON, BibTeX or a formatted reference.
 *
 * Why citation-js: it is the kept library Zotero-adjacent tools use for exactly this (CSL-JSON
 * in, BibTeX and CSL styles out, and back), so escaping TeX specials, citation keys, month
 * fields and name particles are its tested code rather than ours; the same library parses the
 * output back in the tests. Its core with the BibTeX plugin is about 125 KB minified (40 KB
 * gzipped), so this module is loaded only when citations are exported, never with the popup;
 * the formatted reference, which needs citeproc-js and its styles (another 640 KB), is in
 * `citation-reference.ts`, loaded only by "Copy citation". Pure functions: the page metadata
 * and `now` in, text out; clipboard and downloads live elsewhere.
 */
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { Annotation } from '../annotation';

/** What a citation is made from: any page read (a page with notes, a library entry). */
export interface PageMetadata {
  url: string;
  title: string;
  /** The byline as the page gives it ("By Elena Marsh and Tom Reyes"), or null. */
  byline?: string | null;
  /** The site's name (the policy centre), or null. */
  site?: string | null;
  /** When the page was published (ISO 8601 or anything `Date` reads), or null. */
  published?: string | null;
  /** When the reader read it; `now` when absent. */
  accessed?: string | Date | null;
}

/** A CSL-JSON name: a person's given and family names, or an organisation as a literal. */
export type CslName = { given?: string; family: string } | { literal: string };

/** A CSL-JSON date. */
export interface CslDate {
  'date-parts': [number, number?, number?][];
}

/** The CSL-JSON item of a web page, as Zotero imports it. */
export interface CslItem {
  id: string;
  type: 'webpage';
  title: string;
  author?: CslName[];
  'container-title'?: string;
  publisher?: string;
  issued?: CslDate;
  accessed: CslDate;
  URL: string;
}

/** The formats of {@link formatCitations}. */
export type CitationFormat = 'csl-json' | 'bibtex';

/** Words that mark a byline entry as an organisation, cited whole rather than as a person. */
const ORGANISATION =
  /\b(center|centre|institute|council|staff|team|editors?|desk|foundation|program(me)?|group|office|association|university|policy|news|press|reporters?)\b/i;

/** Words of a job title, which a byline may add after a name ("Elena Marsh, Senior Fellow"). */
const ROLE =
  /\b(fellow|director|analyst|professor|researcher|correspondent|associate|chair|president|officer|manager|head|adjunct|visiting|non-?resident|deputy|vice|senior|contributor)\b/i;

/**
 * The authors named in a byline: "By" and roles removed, split at commas, "and" and "&";
 * people as given and family names (the last word is the family name, with particles such as
 * "van" or "de" kept with it), organisations as one literal name.
 */
export function authorsFromByline(byline: string | null | undefined): CslName[] {
  if (!byline) return [];
  const cleaned = byline
    .replace(/\s+/g, ' ')
    .replace(/^\s*(written\s+)?by\s+/i, '')
    .replace(/\s*[|•·]\s*.*$/, '') // "Elena Marsh | March 6, 2025"
    .trim();
  return cleaned
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map((part) => part.trim())
    .filter((part) => part.length > 1 && !/^(phd|ph\.d\.|jr\.?|sr\.?|dr\.?)$/i.test(part))
    .filter((part) => !ROLE.test(part))
    .map((name): CslName => {
      if (ORGANISATION.test(name)) return { literal: name };
      const words = name.split(' ');
      if (words.length === 1) return { literal: name };
      let cut = words.length - 1;
      while (
        cut > 1 &&
        /^(van|von|de|der|den|da|di|du|la|le|al|bin|ibn)$/i.test(words[cut - 1] ?? '')
      ) {
        cut--;
      }
      return { given: words.slice(0, cut).join(' '), family: words.slice(cut).join(' ') };
    });
}

/** A CSL date from an ISO date or `Date`; null when it cannot be read. */
function cslDate(value: string | Date | null | undefined): CslDate | null {
  if (!value) return null;
  const text = value instanceof Date ? value.toISOString() : value.trim();
  // A plain date (2025-03-06) is the day it names, whatever the time zone.
  const plain = text.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (plain) {
    const parts = plain.slice(1).filter(Boolean).map(Number) as [number, number?, number?];
    return { 'date-parts': [parts] };
  }
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  return {
    'date-parts': [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]],
  };
}

/** The CSL-JSON item of a page read; `now` stands for the access date when none is known. */
export function toCslItem(page: PageMetadata, { now }: { now: Date }): CslItem {
  const authors = authorsFromByline(page.byline);
  const issued = cslDate(page.published);
  const site = page.site?.trim();
  return {
    id: page.url,
    type: 'webpage',
    title: page.title.trim() || page.url,
    ...(authors.length > 0 ? { author: authors } : {}),
    ...(site ? { 'container-title': site, publisher: site } : {}),
    ...(issued ? { issued } : {}),
    accessed: cslDate(page.accessed ?? null) ?? (cslDate(now) as CslDate),
    URL: page.url,
  };
}

/**
 * The pages read as one file: CSL-JSON (an array of items, for Zotero and pandoc) or BibTeX
 * (one `@misc` entry each, for Zotero's BibTeX import and LaTeX). Pages appear in the order
 * given; a page listed twice (same URL) appears once.
 */
export function formatCitations(
  pages: readonly PageMetadata[],
  format: CitationFormat,
  { now }: { now: Date },
): string {
  const seen = new Set<string>();
  const items = pages
    .filter((p) => !seen.has(p.url) && seen.add(p.url))
    .map((p) => toCslItem(p, { now }));
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  if (items.length === 0) return '';
  return new Cite(items).format('bibtex', { format: 'text' }) as string;
}

/**
 * The pages read, as far as the notes know them: each page with at least one note, once, in
 * the order of its first note, accessed on the day of that note. (The library of all pages
 * read will give its own entries to {@link formatCitations} the same way.)
 */
export function pagesReadFromNotes(annotations: readonly Annotation[]): PageMetadata[] {
  const first = new Map<string, Annotation>();
  for (const a of annotations) {
    const known = first.get(a.page.url);
    if (!known || a.created < known.created) first.set(a.page.url, a);
  }
  return [...first.values()]
    .sort((a, b) => a.created.localeCompare(b.created))
    .map(({ page, created }) => ({
      url: page.url,
      title: page.title,
      byline: page.author ?? null,
      site: page.site,
      published: page.published ?? null,
      accessed: created,
    }));
}
