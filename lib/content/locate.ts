/**
 * The content script's side of a remote analysis (lib/analysis/parsed-page.ts): it walks its own page
 * text, in slices so that no task runs long, and turns the page-text spans the parsed copy
 * reported into live Ranges. Each span is checked against the article text before it is used:
 * a page that changed meanwhile (or parsed differently) gets `undefined`, and the caller falls
 * back to aligning the article text onto the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createPageTextWalker } from '../analysis/page-text';
import { lowerBound } from '../anchoring/text-index';
import { collapseWhitespace } from '../article/extract';
import type { SourceMapper } from '../article/live-ranges';
import type { Detection } from '../detect';
import { nextTask, SLICE_MS } from './slices';

/**
 * Walks `doc`'s page text in slices and returns the mapper for the spans of `detection` (in the
 * order `RemoteAnalysis.spans` lists them); null when `stop()` turned true first.
 */
export async function locateRemote(
  ctx: ContentScriptContext,
  doc: Document,
  articleText: string,
  detection: Detection,
  spans: readonly number[],
  stop: () => boolean = () => false,
): Promise<SourceMapper | null> {
  const nodes: Text[] = [];
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  const walker = createPageTextWalker(doc);
  for (let n = walker.next(); n; ) {
    const until = performance.now() + SLICE_MS;
    for (let k = 0; n && (k & 63 || performance.now() < until); k++, n = walker.next()) {
      const data = n.data;
      if (data.length === 0) continue;
      nodes.push(n);
      starts.push(length);
      parts.push(data);
      length += data.length;
    }
    if (n) {
      await nextTask(ctx);
      if (ctx.isInvalid || stop()) return null;
    }
  }
  const raw = parts.join('');
  const nodeStarts = Int32Array.from(starts);
  const where = new Map<string, number>();
  let k = 0;
  for (const o of detection.officials)
    for (const m of o.mentions) where.set(`${m.start}:${m.end}`, k++);
  for (const q of detection.quotes) where.set(`${q.start}:${q.end}`, k++);

  return (start, end) => {
    if (!(start >= 0 && end > start && end <= articleText.length)) return null;
    const i = where.get(`${start}:${end}`);
    if (i === undefined) return undefined;
    const from = spans[2 * i] ?? -1;
    const to = spans[2 * i + 1] ?? -1;
    if (from < 0 || to <= from || to > raw.length) return undefined;
    if (collapseWhitespace(raw.slice(from, to)) !== articleText.slice(start, end)) return undefined;
    const first = lowerBound(nodeStarts, from + 1) - 1;
    const last = lowerBound(nodeStarts, to) - 1;
    const startNode = nodes[first];
    const endNode = nodes[last];
    if (!startNode?.isConnected || !endNode?.isConnected) return undefined;
    try {
      const range = doc.createRange();
      range.setStart(startNode, from - (nodeStarts[first] as number));
      range.setEnd(endNode, to - (nodeStarts[last] as number));
      return range;
    } catch {
      return undefined; // A node shorter than when it was walked: the page changed.
    }
  };
}
