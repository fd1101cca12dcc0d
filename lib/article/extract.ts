/**
 * Article extraction: Mozilla Readability on a clone of the document (Readability mutates what
 * it is given), so the live page is never touched. Pages that are not articles give a result
 * that says so instead of throwing.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';

/** What Dossier knows about the article a page shows. */
export interface Article {
  title: string;
  byline: string | null;
  siteName: string | null;
  published: string | null;
  lang: string | null;
  /** Readability's `textContent`, each run of whitespace collapsed to one space, trimmed. */
  text: string;
  wordCount: number;
  /**
   * Sorted offsets in `text` where a block (paragraph, heading, list item, caption…) starts:
   * quotations never run across them. Empty when they could not be worked out.
   */
  breaks: number[];
}

/** Either an article, or the reason there is none. */
export type ArticleResult =
  | { ok: true; article: Article }
  | { ok: false; reason: 'not-article'; message: string };

/** Collapses runs of whitespace (U+00AD soft hyphens are kept: they are part of the text). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Counts words as runs of non-space characters. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/**
 * Extracts the article from `doc` (never modified). `force` skips the "is this readable?"
 * check, for when the user explicitly asks Dossier to analyse a page.
 */
export function extractArticle(doc: Document, { force = false } = {}): ArticleResult {
  if (!force && !isProbablyReaderable(doc)) {
    return {
      ok: false,
      reason: 'not-article',
      message: 'This page does not look like an article.',
    };
  }
  const clone = doc.cloneNode(true) as Document;
  const parsed = new Readability(clone).parse();
  const text = collapseWhitespace(parsed?.textContent ?? '');
  if (!parsed || text.length === 0) {
    return { ok: false, reason: 'not-article', message: 'No article text was found on this page.' };
  }
  return {
    ok: true,
    article: {
      title: collapseWhitespace(parsed.title ?? '') || collapseWhitespace(doc.title),
      byline: parsed.byline ? collapseWhitespace(parsed.byline) : null,
      siteName: parsed.siteName ?? null,
      published: parsed.publishedTime ?? null,
      lang: parsed.lang ?? doc.documentElement.lang ?? null,
      text,
      wordCount: countWords(text),
      breaks: blockBreaks(doc, parsed.content ?? '', text),
    },
  };
}

const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);

/**
 * Where blocks start in the collapsed article text. Readability's HTML is re-parsed in an inert
 * document (no scripts, no image loads), its text rebuilt while noting each block boundary, and
 * the boundaries mapped through the same whitespace collapsing as `text`. If the rebuilt text
 * differs from `text` (it should not), no breaks are returned rather than wrong ones.
 */
export function blockBreaks(doc: Document, html: string, text: string): number[] {
  if (!html) return [];
  const inert = doc.implementation.createHTMLDocument('');
  const root = inert.createElement('div');
  root.innerHTML = html;
  let raw = '';
  const rawBreaks: number[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        raw += (child as Text).data;
      } else if (child.nodeType === 1) {
        const block = BLOCK_TAGS.has((child as Element).tagName.toUpperCase());
        if (block) rawBreaks.push(raw.length);
        walk(child);
        if (block) rawBreaks.push(raw.length);
      }
    }
  };
  walk(root);
  // Collapse whitespace exactly as collapseWhitespace does, keeping a raw → collapsed map.
  const map = new Array<number>(raw.length + 1);
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < raw.length; i++) {
    map[i] = out.length + (pendingSpace && out.length > 0 ? 1 : 0);
    const ch = raw[i] as string;
    if (/\s/.test(ch)) {
      pendingSpace = true;
    } else {
      if (pendingSpace && out.length > 0) out += ' ';
      pendingSpace = false;
      out += ch;
    }
  }
  map[raw.length] = out.length;
  if (out !== text) return [];
  const breaks = new Set<number>();
  for (const r of rawBreaks) {
    let b = map[r] ?? 0;
    while (b < text.length && text[b] === ' ') b++;
    if (b > 0 && b < text.length) breaks.add(b);
  }
  return [...breaks].sort((a, b) => a - b);
}
