/**
 * The library's exports, pure functions with a `now` (STYLE.md rule 6): a person's dossier as
 * Markdown (Obsidian-ready like the page export: front matter, titles, each quotation with its
 * text-fragment link, the notes), the whole library as CSV (one row per quotation, the columns
 * DESIGN.md names, RFC 4180, UTF-8) and as JSON for a notebook.
 */
import type { Annotation } from '../annotation';
import { frontMatter } from '../export/front-matter';
import { blockQuote, escapeInline, escapeMarkdown } from '../export/markdown';
import { textFragmentUrl } from '../export/text-fragment';
import { type Library, type PersonView, pageDate } from './model';
import { speakerKindOf } from './speakers';

/** The CSV columns, in order (DESIGN.md). */
export const CSV_COLUMNS = [
  'speaker',
  'quote',
  'page_title',
  'url',
  'site',
  'published',
  'read_at',
  'speaker_kind',
] as const;

/** A link destination in `<…>` form, so parentheses and spaces cannot end it. */
function destination(url: string): string {
  return `<${url.replace(/[<>\s]/g, (c) => encodeURIComponent(c))}>`;
}

function noteBlock(note: Annotation): string {
  const link = textFragmentUrl(note.page.url, note.quote);
  const lines = [
    blockQuote(note.quote.exact),
    '',
    `— [${escapeInline(note.page.title || note.page.url)}](${destination(link)})`,
  ];
  if (note.note.trim()) lines.push('', escapeMarkdown(note.note.trim()));
  if (note.tags.length > 0) lines.push('', `Tags: ${note.tags.map(escapeInline).join(', ')}`);
  return lines.join('\n');
}

/** A person's dossier as one Markdown file. */
export function personToMarkdown(view: PersonView, options: { now: Date }): string {
  const { person } = view;
  const front = frontMatter([
    ['title', person.name],
    ['aliases', person.forms.filter((f) => f !== person.name.toLowerCase())],
    ['titles', person.titles],
    ['sites', person.sites],
    ['pages', String(view.pages.length)],
    ['quotations', String(view.quotes.length)],
    ['exported', options.now.toISOString()],
  ]);
  const out = [front, '', `# ${escapeInline(person.name)}`];
  if (view.titles.length > 0) {
    out.push('', '## Titles');
    for (const t of view.titles) {
      const when = t.first === t.last ? t.first : `${t.first} – ${t.last}`;
      out.push(`- ${escapeInline(t.title)} (${when})`);
    }
  }
  out.push('', '## Quotations');
  if (view.quotes.length === 0) out.push('', 'None recorded.');
  for (const q of view.quotes) {
    out.push(
      '',
      blockQuote(q.quote.text),
      '',
      `— ${escapeInline(pageDate(q.page))}, [${escapeInline(q.page.title || q.page.url)}](${destination(q.link)}), ${escapeInline(q.page.site)}`,
    );
  }
  out.push('', '## Pages');
  for (const p of view.pages) {
    out.push(
      `- ${escapeInline(pageDate(p))} [${escapeInline(p.title || p.url)}](${destination(p.url)}) — ${escapeInline(p.site)}`,
    );
  }
  if (view.notesOnPages.length > 0) {
    out.push('', '## Notes on these pages');
    for (const n of view.notesOnPages) out.push('', noteBlock(n));
  }
  if (view.notesNaming.length > 0) {
    out.push('', `## Notes naming ${escapeInline(person.name)}`);
    for (const n of view.notesNaming) out.push('', noteBlock(n));
  }
  return `${out.join('\n')}\n`;
}

/** One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break. */
function csvField(value: string | null): string {
  // Text from a page that starts like a formula (=, +, -, @, a tab or a return) would run as
  // one in a spreadsheet (=HYPERLINK(…) sends the reader anywhere): a leading ' keeps it text.
  const raw = value ?? '';
  const s = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The library as CSV: a header, then one row per quotation (CRLF line ends). The speaker is the
 * person the quotation is attributed to, by the name the library gives them; `speaker_kind`
 * (the last column, after DESIGN.md's) says what the panel says: `person`, `organisation`,
 * `document` (listed apart from the people) or `unnamed`.
 */
export function libraryToCsv(library: Library): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const q of library.quotes) {
    const person = q.personId ? library.personById.get(q.personId) : undefined;
    rows.push(
      [
        person?.name ?? q.quote.speaker ?? '',
        q.quote.text,
        q.page.title,
        q.page.url,
        q.page.site,
        q.page.published ?? '',
        q.page.lastRead,
        speakerKindOf(q.quote),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * The library as JSON: pages, people, the organisations and documents quoted (`organisations`,
 * apart from the people, as the panel lists them) and quotations (with their links and the
 * speaker's kind), for a notebook.
 */
export function libraryToJson(library: Library, options: { now: Date }): string {
  return JSON.stringify(
    {
      exported: options.now.toISOString(),
      people: library.people.map((p) => ({
        id: p.id,
        name: p.name,
        forms: p.forms,
        titles: p.titles,
        sites: p.sites,
        pages: p.pages,
        mentions: p.mentions,
      })),
      organisations: library.bodies.map((b) => ({
        name: b.name,
        kind: b.kind,
        pages: b.pages,
        quotations: b.quotes,
      })),
      pages: library.pages.map((p) => ({
        url: p.url,
        title: p.title,
        site: p.site,
        author: p.author,
        published: p.published,
        first_read: p.firstRead,
        last_read: p.lastRead,
        analysed: p.analysis !== null,
        officials: p.analysis?.officials ?? [],
      })),
      quotations: library.quotes.map((q) => ({
        speaker: q.quote.speaker,
        speaker_kind: speakerKindOf(q.quote),
        person: q.personId,
        quote: q.quote.text,
        url: q.page.url,
        link: q.link,
        page_title: q.page.title,
        site: q.page.site,
        published: q.page.published,
        read_at: q.page.lastRead,
      })),
    },
    null,
    2,
  );
}
