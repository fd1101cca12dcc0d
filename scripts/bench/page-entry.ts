/**
 * Bundled by the benchmark and injected into each page: the pieces of work it times, run on
 * the page's own live document in real Chromium, always the project's own code.
 */
import { createTextQuoteSelectorMatcher } from '@apache-annotator/dom';
import { Readability } from '@mozilla/readability';
import { analyzePage, detectInArticle } from '../../lib/analysis/pipeline';
import { anchorAll } from '../../lib/anchoring/anchor';
import { describeOffsets } from '../../lib/anchoring/selectors';
import { buildTextIndex, offsetsToRange } from '../../lib/anchoring/text-index';
import { extractArticle } from '../../lib/article/extract';
import { createLiveMapper } from '../../lib/article/live-ranges';
import { createPainter } from '../../lib/highlight/paint';

/** A plain walk over every text node of the body: the floor any page analysis pays. */
function walk(doc: Document): number {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.nodeValue?.length ?? 0;
  return chars;
}

/** Readability alone, on a clone, as every Readability user must. */
function readability(doc: Document): number {
  const parsed = new Readability(doc.cloneNode(true) as Document).parse();
  return parsed?.textContent?.length ?? 0;
}

/** Extraction and detection: the analysis the content script runs. */
function analysis(doc: Document): number {
  return analyzePage(doc).detection.officials.length;
}

let extracted: ReturnType<typeof extractArticle> | null = null;
/** Detection alone, on an article extracted once beforehand. */
function detection(doc: Document): number {
  extracted ??= extractArticle(doc);
  return detectInArticle(extracted).quotes.length;
}

/**
 * The whole page pipeline as the content script runs it in the page (lib/content/session.ts and
 * entities-layer.ts), without the pauses between its slices: extract keeping the article's
 * live nodes, detect, map onto live ranges, paint, then clear. Pages with 200,000 characters of
 * text or more are analysed in Chrome's offscreen document instead (lib/offscreen), so on the
 * generated long pages this times the in-page path that Firefox and any failure fall back to;
 * what such pages cost the page itself is the "longest task" row.
 */
function pipeline(doc: Document): number {
  const article = extractArticle(doc, { live: true });
  const found = detectInArticle(article);
  if (!article.ok) return 0;
  const map = createLiveMapper(doc, article.article);
  const officials = found.officials.flatMap((o) => o.mentions.map((m) => map(m.start, m.end)));
  const quotes = found.quotes.map((q) => map(q.start, q.end));
  const painter = createPainter(doc);
  painter.paint(
    'dossier-official',
    officials.filter((r): r is Range => r !== null),
  );
  painter.paint(
    'dossier-quote',
    quotes.filter((r): r is Range => r !== null),
  );
  painter.destroy();
  return officials.length + quotes.length;
}

const tasks = { walk, readability, analysis, detection, pipeline };
export type BenchTask = keyof typeof tasks;

/** Times `runs` interleaved rounds of the named tasks; returns milliseconds per task. */
function time(names: BenchTask[], runs: number): Record<string, number[]> {
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < runs; r++) {
    for (const name of names) {
      const t0 = performance.now();
      tasks[name](document);
      out[name]?.push(performance.now() - t0);
    }
  }
  return out;
}

/** `count` passages spread over the page, described as a reader's saved notes would be. */
function selectorsFor(count: number) {
  const index = buildTextIndex(document.body);
  const out = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor(((i + 0.5) / count) * (index.text.length - 80));
    const s = describeOffsets(index.text, start, start + 48);
    if (s) out.push(s);
  }
  return out;
}

/**
 * Re-anchoring `count` notes with Dossier (one index, then every selector) and, on the first
 * `peerCount` of them, with @apache-annotator/dom (one search of the page per annotation).
 * Returns milliseconds per annotation for both, and how many each found.
 */
async function anchoring(count: number, peerCount: number) {
  const selectors = selectorsFor(count);
  const t0 = performance.now();
  const index = buildTextIndex(document.body);
  const results = anchorAll(index, selectors);
  let found = 0;
  for (const r of results) if (!r.orphan && offsetsToRange(index, r.start, r.end)) found++;
  const ours = (performance.now() - t0) / selectors.length;

  const t1 = performance.now();
  let peerFound = 0;
  for (const s of selectors.slice(0, peerCount)) {
    const matcher = createTextQuoteSelectorMatcher({
      type: 'TextQuoteSelector',
      exact: s.quote.exact,
      prefix: s.quote.prefix,
      suffix: s.quote.suffix,
    });
    for await (const _match of matcher(document.body)) {
      peerFound++;
      break;
    }
  }
  const peer = (performance.now() - t1) / peerCount;
  return { ours, peer, found, peerFound, count: selectors.length };
}

(globalThis as unknown as { __dossierBench: unknown }).__dossierBench = { time, anchoring };
