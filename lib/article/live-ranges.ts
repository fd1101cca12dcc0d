/**
 * Article offsets to live Ranges through the article's own text nodes (`ArticleSource`): each
 * article text node remembers the page node it was cloned from, so a mention becomes a Range by
 * two binary searches, with no text index of the page and no alignment of the article text onto
 * it. Where that cannot answer (text Readability made itself, a node the page has changed or
 * removed since), it says so with `undefined`, and the caller falls back to the alignment
 * (lib/anchoring/article-map), which handles any page.
 */
import { type ArticleMapper, createArticleMapper } from '../anchoring/article-map';
import { buildTextIndex, collapseWithMap, lowerBound } from '../anchoring/text-index';
import type { Article } from './extract';

/**
 * Maps `[start, end)` of the article text to a live Range; null for an empty or out-of-bounds
 * span; undefined when the article's nodes cannot place it (ask the alignment instead).
 */
export type SourceMapper = (start: number, end: number) => Range | null | undefined;

/**
 * The mapper for an article extracted with `{ live: true }`, or null when it carries no source
 * (or one that does not match its text, which would make every answer wrong).
 */
export function createSourceMapper(article: Article): SourceMapper | null {
  const source = article.source;
  if (!source) return null;
  const collapsed = collapseWithMap(source.raw);
  if (collapsed.text !== article.text) return null;
  const { starts, live, data } = source;
  const intact = (i: number): Text | null => {
    const node = live[i];
    return node?.isConnected && node.data === data[i] ? node : null;
  };
  return (start, end) => {
    if (!(start >= 0 && end > start && end <= article.text.length)) return null;
    const rawStart = collapsed.toRaw(start);
    const rawEnd = collapsed.toRaw(end - 1) + 1;
    const first = lowerBound(starts, rawStart + 1) - 1;
    const last = lowerBound(starts, rawEnd) - 1;
    if (first < 0 || last < first) return undefined;
    const startNode = intact(first);
    const endNode = first === last ? startNode : intact(last);
    if (!startNode || !endNode) return undefined;
    const range = startNode.ownerDocument.createRange();
    range.setStart(startNode, rawStart - (starts[first] as number));
    range.setEnd(endNode, rawEnd - (starts[last] as number));
    return range;
  };
}

/**
 * Article offsets to live Ranges: through the article's own nodes where extraction kept them
 * (two binary searches per mention), otherwise, or for text they cannot place, through the
 * alignment of the article text onto a text index of the page, built only when first needed.
 * `locate` stands in for the article's nodes when the article was extracted elsewhere.
 */
export function createLiveMapper(
  doc: Document,
  article: Article,
  locate?: SourceMapper | null,
): ArticleMapper {
  const direct = locate ?? createSourceMapper(article);
  let aligned: ArticleMapper | null = null;
  return (start, end) => {
    const range = direct?.(start, end);
    if (range !== undefined) return range;
    aligned ??= createArticleMapper(article.text, buildTextIndex(doc.body));
    return aligned(start, end);
  };
}
