/**
 * The content script's work on a page, as one function of a `Document`, so that the content
 * script, the benchmark and tests run exactly the same code.
 */
import { type ArticleResult, extractArticle } from '../article/extract';

/** What Dossier derives from a page. */
export interface PageAnalysis {
  article: ArticleResult;
}

/** Extracts the article from `doc` (never modified). */
export function analyzePage(doc: Document): PageAnalysis {
  return { article: extractArticle(doc) };
}
