/**
 * Bundled by the benchmark and injected into each page: the three pieces of work it times, run
 * on the page's own live document in real Chromium.
 */
import { Readability } from '@mozilla/readability';
import { analyzePage } from '../../lib/content/pipeline';

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

/** The content script's work. */
function pipeline(doc: Document): number {
  const result = analyzePage(doc);
  return result.article.ok ? result.article.article.text.length : 0;
}

const tasks = { walk, readability, pipeline };
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

(globalThis as unknown as { __dossierBench: unknown }).__dossierBench = { time };
