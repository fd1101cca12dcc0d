/**
 * Markdown export, ready for Obsidian as it is: YAML front matter, then the reader's notes in
 * page order, each as a block quote of the passage with the note under it (a teammate's note
 * signed "— name"; the reader's own unsigned), its tags as `#tags`,
 * a Text Fragment link back to the exact passage and a block id (`^dossier-<8 hex>`). Block ids
 * come from annotation ids, and everything else from the records alone, so exporting again into
 * the same vault changes only the lines of notes that changed (and the `exported` time).
 *
 * Notes and quotes are plain text in Dossier, so they are escaped to stay text: `#`, `*`, `_`,
 * `` ` ``, `[`, `]`, `<`, `|`, `$`, `~`, `^`, `\` everywhere; `>`, `-`, `+`, `=`, `1.` and
 * indentation at the start of a line; `==`, `%%` and entity-like `&…;`. `<script>` comes out as
 * the text "<script>", `[[Page]]` is not a wiki link, `#idea` in a note is not a tag.
 *
 * Tags become valid Obsidian tags (`obsidianTag`): letters, digits, emoji, `_`, `-` and `/`
 * are kept; runs of anything else (spaces, dots, commas, …) become one `-`; leading/trailing
 * `-` and `/` are dropped; an all-digit tag gets a `tag-` prefix, since Obsidian needs one
 * non-digit. "foreign policy" → `#foreign-policy`, "U.S. / Iran" → `#U-S/Iran`, "2024" →
 * `#tag-2024`.
 */
import type { Annotation, PageRef } from '../annotation';
import { safeBaseName, uniqueFileNames } from './file-names';
import { frontMatter } from './front-matter';
import { textFragmentUrl } from './text-fragment';

/** An official named on the page, as the analysis reports it. */
export interface OfficialSummary {
  name: string;
  titles: string[];
  mentions: number;
}

/** A quotation found on the page and who said it (null when no speaker was found). */
export interface QuoteSummary {
  text: string;
  speaker: string | null;
}

/** Options for one page. */
export interface PageMarkdownOptions {
  /** The export time, written as `exported` in the front matter. */
  now: Date;
  /** Adds "Officials on this page" when given and not empty. */
  officials?: readonly OfficialSummary[];
  /** Adds "Who said what" when given and not empty. */
  quotes?: readonly QuoteSummary[];
  /** Annotations that could not be anchored; listed in their own section. */
  orphanIds?: ReadonlySet<string>;
}

/** The analysis of one page, for exports that span pages. */
export interface PageAnalysis {
  officials?: readonly OfficialSummary[];
  quotes?: readonly QuoteSummary[];
}

/** Options for `toMarkdown`. */
export interface MarkdownOptions {
  now: Date;
  /** One page (`url`), every note with `tag`, or everything. */
  scope: 'page' | 'tag' | 'all';
  /** For `scope: 'page'`: the page's normalised URL (otherwise all given notes are used). */
  url?: string;
  /** For `scope: 'tag'`: the tag as the reader typed it (matched case-insensitively). */
  tag?: string;
  /** One combined document, or one file per page (for a zip). */
  layout: 'combined' | 'per-page';
  orphanIds?: ReadonlySet<string>;
  /** Officials and quotes per page URL. */
  analysis?: ReadonlyMap<string, PageAnalysis>;
}

/** A file of a per-page export. `path` is a safe, unique file name. */
export interface ExportFile {
  path: string;
  content: string;
}

// ---------------------------------------------------------------------------------------------
// Escaping

const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const INLINE = /[\\`*_[\]<#^|$~]|={2,}|%{2,}|&(?=#?[a-z0-9]+;)/gi;

const escapeMatch = (m: string) => (m.length === 1 ? `\\${m}` : `\\${m.split('').join('\\')}`);

function escapeLine(line: string): string {
  let out = line.replace(INLINE, escapeMatch);
  const first = out.charCodeAt(0);
  // Only a line starting with a space, tab, `>`, `=`, `+`, `-` or a digit can become a block.
  if (
    !(
      first === 32 ||
      first === 9 ||
      first === 62 ||
      first === 61 ||
      first === 43 ||
      first === 45 ||
      (first >= 48 && first <= 57)
    )
  ) {
    return out;
  }
  const indent = /^[ \t]+/.exec(out)?.[0] ?? '';
  out = out.slice(indent.length);
  if (/^(?:[>=+]|-(?:\s|$)|-{2,})/.test(out)) out = `\\${out}`;
  else out = out.replace(/^(\d{1,9})([.)])/, '$1\\$2');
  return '\u00a0'.repeat(indent.length) + out;
}

/**
 * Escapes plain text so Markdown renders it as the same text, line by line (see the module
 * comment for what is escaped). Line breaks are kept; a blank line stays a paragraph break.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(LINE_BREAKS, '\n').split('\n').map(escapeLine).join('\n');
}

/** Escaped text on one line (titles, names, list items): line breaks become spaces. */
export function escapeInline(text: string): string {
  return escapeLine(text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ').trim());
}

/** Plain text as a Markdown block quote: every line starts with `> `, blank lines with `>`. */
export function blockQuote(text: string): string {
  return escapeMarkdown(text.trim())
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** A note as Markdown paragraphs: trimmed, runs of blank lines collapsed to one. */
function noteParagraphs(note: string): string {
  return escapeMarkdown(note.replace(LINE_BREAKS, '\n').trim())
    .replace(/\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+/g, '\n\n')
    .trim();
}

/** A link destination in `<…>` form, so parentheses and spaces in the URL cannot end it. */
function destination(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

// ---------------------------------------------------------------------------------------------
// Tags and block ids

const NOT_TAG_CHAR =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists emoji parts (ZWJ, VS16, keycap) one by one on purpose; sequences built from them are kept whole.
  /[^\p{L}\p{N}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3\u{e0020}-\u{e007f}_\-/]+/gu;

/**
 * The Obsidian form of a tag (without `#`), or null when nothing usable is left. See the module
 * comment for the rules; the same tag always gives the same result.
 */
export function obsidianTag(tag: string): string | null {
  const cached = tagCache.get(tag);
  if (cached !== undefined) return cached;
  const result = computeObsidianTag(tag);
  if (tagCache.size >= 10_000) tagCache.clear();
  tagCache.set(tag, result);
  return result;
}

/** Tags repeat across thousands of notes; the rules are pure, so results are memoised. */
const tagCache = new Map<string, string | null>();

function computeObsidianTag(tag: string): string | null {
  let t = tag.normalize('NFC').trim().replace(/^#+/, '');
  t = t
    .replace(NOT_TAG_CHAR, '-')
    .replace(/-*\/[-/]*/g, '/')
    .replace(/-{2,}/g, '-')
    .replace(/^[-/]+|[-/]+$/g, '');
  if (t === '') return null;
  if (/^[\p{N}/]+$/u.test(t)) t = `tag-${t}`;
  return t;
}

/** The distinct Obsidian tags of `annotations`, in first-seen order. */
function tagsOf(annotations: readonly Annotation[]): string[] {
  const seen = new Map<string, string>();
  for (const a of annotations) {
    for (const tag of a.tags) {
      const t = obsidianTag(tag);
      if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
    }
  }
  return [...seen.values()];
}

const hexOf = (id: string) => id.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Block ids for a document: `dossier-` and the first 8 characters of the id's letters and digits;
 * where two notes in one document would share one, both use their whole id instead.
 */
export function blockIds(annotations: readonly Annotation[]): Map<string, string> {
  const counts = new Map<string, number>();
  const hexes = new Map<string, string>();
  for (const a of annotations) {
    const hex = hexOf(a.id);
    hexes.set(a.id, hex);
    const short = hex.slice(0, 8);
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  const ids = new Map<string, string>();
  for (const [id, hex] of hexes) {
    const short = hex.slice(0, 8);
    ids.set(id, `dossier-${(counts.get(short) ?? 0) > 1 ? hex : short}`);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Pages

const byPosition = (a: Annotation, b: Annotation) =>
  a.position.start - b.position.start ||
  a.position.end - b.position.end ||
  (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function renderNote(a: Annotation, blockId: string): string {
  const parts = [blockQuote(a.quote.exact), `^${blockId}`];
  const note = noteParagraphs(a.note);
  if (note) parts.push(note);
  // A teammate's note says who wrote it; the reader's own stay unsigned.
  if (a.author !== undefined) parts.push(`— ${escapeInline(a.author)}`);
  const tags = a.tags.map(obsidianTag).filter((t): t is string => t !== null);
  // A note on a PDF links to its page (`#page=N`, which Dossier's viewer and every PDF viewer
  // read), labelled with the page number a citation needs.
  const link = a.pdf
    ? `[p. ${a.pdf.page}](${destination(`${a.page.url}#page=${a.pdf.page}`)})`
    : `[Go to passage](${destination(textFragmentUrl(a.page.url, a.quote))})`;
  parts.push(
    [...new Set(tags)]
      .map((t) => `#${t}`)
      .concat(link)
      .join(' · '),
  );
  return parts.join('\n\n');
}

function renderOfficials(officials: readonly OfficialSummary[]): string {
  return officials
    .map((o) => {
      const titles = o.titles.map(escapeInline).filter(Boolean).join('; ');
      const count = `${o.mentions} ${o.mentions === 1 ? 'mention' : 'mentions'}`;
      return `- **${escapeInline(o.name)}**${titles ? `: ${titles}` : ''} (${count})`;
    })
    .join('\n');
}

function renderQuotes(quotes: readonly QuoteSummary[]): string {
  return quotes
    .map((q) => {
      const who = q.speaker ? escapeInline(q.speaker) : '*speaker not identified*';
      return `${blockQuote(q.text)}\n>\n> — ${who}`;
    })
    .join('\n\n');
}

/** The body of one page (no front matter), with headings starting at `level`. */
function renderPage(
  page: PageRef,
  annotations: readonly Annotation[],
  options: Omit<PageMarkdownOptions, 'now'>,
  level: 1 | 2,
  ids: ReadonlyMap<string, string>,
): string {
  const h = (n: number) => '#'.repeat(level + n);
  const title = page.title.trim() || page.site.trim() || hostOf(page.url) || page.url;
  const heading =
    level === 1
      ? `${h(0)} ${escapeInline(title)}`
      : `${h(0)} [${escapeInline(title)}](${destination(page.url)})`;
  const byline = [
    `[${escapeInline(page.site.trim() || hostOf(page.url) || page.url)}](${destination(page.url)})`,
    ...(page.author ? [escapeInline(page.author)] : []),
    ...(page.published ? [escapeInline(page.published)] : []),
  ].join(' · ');
  const sorted = [...annotations].sort(byPosition);
  const orphans = options.orphanIds;
  const anchored = orphans ? sorted.filter((a) => !orphans.has(a.id)) : sorted;
  const lost = orphans ? sorted.filter((a) => orphans.has(a.id)) : [];
  const note = (a: Annotation) => renderNote(a, ids.get(a.id) ?? `dossier-${hexOf(a.id)}`);

  const sections = [heading, byline];
  if (anchored.length > 0) sections.push(`${h(1)} Notes`, ...anchored.map(note));
  if (lost.length > 0) {
    sections.push(
      `${h(1)} Orphaned notes`,
      'Dossier could not find these passages on the page the last time it was opened; the text may have changed.',
      ...lost.map(note),
    );
  }
  if (options.officials && options.officials.length > 0) {
    sections.push(`${h(1)} Officials on this page`, renderOfficials(options.officials));
  }
  if (options.quotes && options.quotes.length > 0) {
    sections.push(`${h(1)} Who said what`, renderQuotes(options.quotes));
  }
  return sections.join('\n\n');
}

/**
 * The Markdown file for one page: front matter (title, url, site, author, published, tags,
 * exported), the notes in page order, orphans, and the optional analysis sections.
 */
export function pageToMarkdown(
  page: PageRef,
  annotations: readonly Annotation[],
  options: PageMarkdownOptions,
): string {
  const front = frontMatter([
    ['title', page.title],
    ['url', page.url],
    ['site', page.site],
    ['author', page.author ?? null],
    ['published', page.published ?? null],
    ['tags', tagsOf(annotations)],
    ['exported', options.now.toISOString()],
  ]);
  return `${front}\n\n${renderPage(page, annotations, options, 1, blockIds(annotations))}\n`;
}

/** Groups annotations by page URL; each page's details come from its latest-updated note. */
function groupByPage(annotations: readonly Annotation[]): { page: PageRef; notes: Annotation[] }[] {
  const groups = new Map<string, { page: PageRef; updated: string; notes: Annotation[] }>();
  for (const a of annotations) {
    const group = groups.get(a.page.url);
    if (!group) groups.set(a.page.url, { page: a.page, updated: a.updated, notes: [a] });
    else {
      group.notes.push(a);
      if (a.updated > group.updated) {
        group.page = a.page;
        group.updated = a.updated;
      }
    }
  }
  const key = (p: PageRef) => (p.title.trim() || p.site || p.url).toLowerCase();
  return [...groups.values()].sort((a, b) => {
    const ka = key(a.page);
    const kb = key(b.page);
    return ka < kb
      ? -1
      : ka > kb
        ? 1
        : a.page.url < b.page.url
          ? -1
          : a.page.url > b.page.url
            ? 1
            : 0;
  });
}

function selectNotes(
  annotations: readonly Annotation[],
  options: MarkdownOptions,
): readonly Annotation[] {
  if (options.scope === 'page' && options.url !== undefined) {
    return annotations.filter((a) => a.page.url === options.url);
  }
  if (options.scope === 'tag') {
    const wanted = (options.tag ?? '').trim().replace(/^#+/, '').toLowerCase();
    const wantedTag = obsidianTag(wanted)?.toLowerCase();
    return annotations.filter((a) =>
      a.tags.some(
        (t) => t.trim().toLowerCase() === wanted || obsidianTag(t)?.toLowerCase() === wantedTag,
      ),
    );
  }
  return annotations;
}

/**
 * Markdown for one page, a tag or everything. `layout: 'per-page'` gives one file per page
 * (safe, unique names; zip them with `zipFiles`); `layout: 'combined'` gives one document, which
 * for a single page is exactly `pageToMarkdown`.
 */
export function toMarkdown(
  annotations: readonly Annotation[],
  options: MarkdownOptions & { layout: 'combined' },
): string;
export function toMarkdown(
  annotations: readonly Annotation[],
  options: MarkdownOptions & { layout: 'per-page' },
): ExportFile[];
export function toMarkdown(
  annotations: readonly Annotation[],
  options: MarkdownOptions,
): string | ExportFile[];
export function toMarkdown(
  annotations: readonly Annotation[],
  options: MarkdownOptions,
): string | ExportFile[] {
  const pages = groupByPage(selectNotes(annotations, options));
  const pageOptions = (url: string): PageMarkdownOptions => ({
    now: options.now,
    ...options.analysis?.get(url),
    ...(options.orphanIds ? { orphanIds: options.orphanIds } : {}),
  });

  if (options.layout === 'per-page') {
    const names = uniqueFileNames(
      pages.map(({ page }) => safeBaseName(page.title, page.site || hostOf(page.url))),
      '.md',
    );
    return pages.map(({ page, notes }, i) => ({
      path: names[i]!,
      content: pageToMarkdown(page, notes, pageOptions(page.url)),
    }));
  }

  const only = pages[0];
  if (options.scope === 'page' && pages.length === 1 && only) {
    return pageToMarkdown(only.page, only.notes, pageOptions(only.page.url));
  }
  const tag = options.scope === 'tag' ? obsidianTag(options.tag ?? '') : null;
  const title = tag ? `Dossier notes tagged #${tag}` : 'Dossier notes';
  const all = pages.flatMap((p) => p.notes);
  const front = frontMatter([
    ['title', title],
    ['tags', tagsOf(all)],
    ['exported', options.now.toISOString()],
  ]);
  const ids = blockIds(all);
  const body =
    pages.length === 0
      ? 'No notes.'
      : pages
          .map(({ page, notes }) => renderPage(page, notes, pageOptions(page.url), 2, ids))
          .join('\n\n');
  return `${front}\n\n# ${escapeInline(title)}\n\n${body}\n`;
}
