/**
 * The analysis of a long page away from the page: an extension page (Chrome's offscreen
 * document) parses the page's HTML, runs the same extraction and detection the content script
 * runs, and says where each mention and quotation lies in the page's text (`page-text.ts`), so
 * the content script only has to walk its own text nodes and make Ranges. Readability on a long
 * page is one synchronous call of hundreds of milliseconds; here it does not hold the page.
 */
import { collapseWithMap, lowerBound } from '../anchoring/text-index';
import { type ArticleResult, extractArticle } from '../article/extract';
import type { Detection } from '../detect';
import { createPageTextWalker } from './page-text';
import { detectInArticle } from './pipeline';

/** What the parsed copy of a long page (analysed away from the page) tells the page. */
export interface RemoteAnalysis {
  /** The article, as `extractArticle` gives it (without live nodes: they are in another page). */
  article: ArticleResult;
  detection: Detection;
  /**
   * `[start, end)` in the page text (page-text.ts) of every official's mentions
   * in order, then of every quotation, flattened; -1, -1 where the copy could not say.
   */
  spans: number[];
}

/** Analyses `doc`, a document parsed from a page's HTML (it is not modified). */
export function analyzeParsedPage(doc: Document): RemoteAnalysis {
  // Where each counted text node of the copy starts in the page text.
  const offsets = new Map<Node, number>();
  const walker = createPageTextWalker(doc);
  let length = 0;
  for (let n = walker.next(); n; n = walker.next()) {
    offsets.set(n, length);
    length += n.data.length;
  }
  const extracted = extractArticle(doc, { live: true });
  const detection = detectInArticle(extracted);
  if (!extracted.ok) return { article: extracted, detection, spans: [] };
  const { source, ...article } = extracted.article;
  const spans: number[] = [];
  if (source) {
    const collapsed = collapseWithMap(source.raw);
    const { starts, live } = source;
    const pageOffset = (raw: number, node: number): number => {
      const copy = live[node];
      const at = copy ? offsets.get(copy) : undefined;
      return at === undefined ? -1 : at + (raw - (starts[node] as number));
    };
    const place = (start: number, end: number) => {
      const rawStart = collapsed.toRaw(start);
      const rawEnd = collapsed.toRaw(end - 1) + 1;
      const from = pageOffset(rawStart, lowerBound(starts, rawStart + 1) - 1);
      const to = pageOffset(rawEnd - 1, lowerBound(starts, rawEnd) - 1) + 1;
      if (from < 0 || to <= from || collapsed.text !== article.text) spans.push(-1, -1);
      else spans.push(from, to);
    };
    for (const o of detection.officials) for (const m of o.mentions) place(m.start, m.end);
    for (const q of detection.quotes) place(q.start, q.end);
  }
  return { article: { ok: true, article }, detection, spans };
}

/** Parses a copy of a page from its HTML and analyses it (in an extension page that has a DOM). */
export function analyzeCopy(html: string): RemoteAnalysis {
  return analyzeParsedPage(new DOMParser().parseFromString(html, 'text/html'));
}
