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
    },
  };
}
