/**
 * Dossier's analysis of a page, as one function of a `Document`, so that the content script,
 * the offscreen document (parsed-page.ts), the `analyze` command, the benchmark and the tests
 * run exactly the same code: the article (Readability on a clone), then the officials and
 * quotations in its text.
 */
import { type ArticleResult, type ExtractOptions, extractArticle } from '../article/extract';
import { type Detection, detectInSteps } from '../detect';
import { runToEnd, type Steps } from '../steps';

/** What Dossier derives from a page. */
export interface PageAnalysis {
  article: ArticleResult;
  /** Empty when the page is not an article. */
  detection: Detection;
}

/** Extracts the article from `doc` (never modified) and finds who is in it and what they said. */
export function analyzePage(doc: Document, options: ExtractOptions = {}): PageAnalysis {
  const article = extractArticle(doc, options);
  return { article, detection: detectInArticle(article) };
}

/** Just the detection step, for the benchmark's "detection alone" rows. */
export function detectInArticle(article: ArticleResult): Detection {
  return runToEnd(detectInArticleInSteps(article));
}

/** `detectInArticle` in stages (lib/steps.ts), for the content script. */
export function* detectInArticleInSteps(article: ArticleResult): Steps<Detection> {
  if (!article.ok) return { officials: [], quotes: [] };
  const { text, breaks, byline, lineBreaks } = article.article;
  return yield* detectInSteps(text, { breaks, byline, ...(lineBreaks && { lineBreaks }) });
}
