/**
 * PDF rows of `npm run bench`, on the generated 200-page report (scripts/make-test-pdfs.ts)
 * served under a policy hostname, in the same Chromium run:
 *
 * - time to the first painted page (canvas and text layer) in Dossier's viewer, against PDF.js
 *   alone doing the same for that page on a bare page (same file, same server);
 * - time until the whole report is read and analysed and painted, against PDF.js alone reading
 *   the text of every page;
 * - the longest main-thread task of the viewer while the reader scrolls through the report
 *   during its analysis (from a Chromium trace; the target is at most 50 ms).
 *
 * Also runs on its own: `npx tsx scripts/bench/pdf.ts` prints its rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type DossierBrowser, launchDossier, type PageServer, startPageServer } from '../browser';
import { makeTestPdfs } from '../make-test-pdfs';
import type { Scenario } from './env';
import type { BenchRow } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HOST = 'www.caspianpolicy.org';
const REPORT = `http://${HOST}/files/report-200.pdf`;
const RUNS = 3;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round = (x: number) => Number(x.toFixed(1));

/** PDF.js alone: page 1 on a canvas with its text layer, then the text of every page. */
const BASELINE_HTML = `<!doctype html><meta charset="utf-8"><body style="margin:0">
<div id="page" style="position:relative"></div>
<script type="module">
import * as pdfjs from '/pdfjs/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
const data = new Uint8Array(await (await fetch('/files/report-200.pdf')).arrayBuffer());
const pdf = await pdfjs.getDocument({ data, useSystemFonts: true }).promise;
const page = await pdf.getPage(1);
const viewport = page.getViewport({ scale: 1.5 });
const canvas = document.createElement('canvas');
canvas.width = viewport.width; canvas.height = viewport.height;
document.getElementById('page').append(canvas);
performance.mark('render-start');
await page.render({ canvas, viewport }).promise;
const layer = document.createElement('div');
document.getElementById('page').append(layer);
await new pdfjs.TextLayer({ textContentSource: await page.getTextContent(), container: layer, viewport }).render();
performance.mark('first-page');
for (let n = 1; n <= pdf.numPages; n++) await (await pdf.getPage(n)).getTextContent();
performance.mark('all-text');
</script>`;

/**
 * PDF.js alone as a scrolling viewer: every page a placeholder of its size, drawn (canvas and
 * text layer) when it comes within half a screen of the viewport, as PDF.js's own viewer does,
 * and scrolled like Dossier's viewer. The baseline of what scrolling a report costs at all.
 */
const SCROLL_BASELINE_HTML = `<!doctype html><meta charset="utf-8">
<style>html,body{margin:0;height:100%}#pages{height:100%;overflow:auto}
.page{position:relative;margin:0 auto 16px;background:white}.page canvas{position:absolute;inset:0}
.textLayer{position:absolute;inset:0;line-height:1}.textLayer span{position:absolute;color:transparent;white-space:pre;transform-origin:0 0}</style>
<div id="pages"></div>
<script type="module">
import * as pdfjs from '/pdfjs/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
const data = new Uint8Array(await (await fetch('/files/report-200.pdf')).arrayBuffer());
const pdf = await pdfjs.getDocument({ data, useSystemFonts: true }).promise;
const pages = document.getElementById('pages');
const first = (await pdf.getPage(1)).getViewport({ scale: 1 });
const scale = Math.min(1.6, (pages.clientWidth - 32) / first.width);
pages.style.setProperty('--scale-factor', String(scale));
const done = new Set();
const draw = async (n, el) => {
  if (done.has(n)) return;
  done.add(n);
  const page = await pdf.getPage(n);
  const viewport = page.getViewport({ scale });
  const canvas = document.createElement('canvas');
  canvas.width = viewport.width; canvas.height = viewport.height;
  await page.render({ canvas, viewport }).promise;
  const layer = document.createElement('div');
  layer.className = 'textLayer';
  await new pdfjs.TextLayer({ textContentSource: await page.getTextContent(), container: layer, viewport }).render();
  el.append(canvas, layer);
  if (n === 1) performance.mark('first-page');
};
const io = new IntersectionObserver((entries) => {
  for (const e of entries) if (e.isIntersecting) draw(Number(e.target.dataset.page), e.target);
}, { root: pages, rootMargin: '50% 0px 50% 0px' });
for (let n = 1; n <= pdf.numPages; n++) {
  const el = document.createElement('div');
  el.className = 'page'; el.dataset.page = n;
  el.style.width = Math.floor(first.width * scale) + 'px';
  el.style.height = Math.floor(first.height * scale) + 'px';
  pages.append(el); io.observe(el);
}
</script>`;

/** Start time (ms from navigation) of the first mark named `name`, once it exists. */
async function markTime(page: Page, name: string): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, {
    timeout: 120_000,
  });
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN, name);
}

/**
 * Opens `url` under a trace, runs `work` on it, and returns the longest main-thread task of
 * that page between the user-timing marks `from` and `to` (which `work` leaves).
 */
async function longestTaskBetween(
  dossier: DossierBrowser,
  url: string,
  [fromMark, toMark]: [string, string],
  work: (tab: Page) => Promise<void>,
): Promise<number> {
  const tab = await dossier.context.newPage();
  const cdp = await dossier.context.newCDPSession(tab);
  const events: { name: string; ph: string; pid: number; tid: number; ts: number; dur?: number }[] =
    [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as typeof events));
  });
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
      ],
    },
  });
  await tab.goto(url);
  await work(tab);
  await cdp.send('Tracing.end');
  await complete;
  await tab.close();
  // The page's main thread is the one its own user-timing marks were made on.
  const from = events.find((e) => e.name === fromMark);
  const to = events.find((e) => e.name === toMark);
  if (!from || !to) throw new Error(`the trace of ${url} has no marks`);
  const tasks = events.filter(
    (e) =>
      e.pid === from.pid &&
      e.tid === from.tid &&
      e.ph === 'X' &&
      e.name === 'RunTask' &&
      e.ts + (e.dur ?? 0) > from.ts &&
      e.ts < to.ts,
  );
  return Math.max(0, ...tasks.map((t) => (t.dur ?? 0) / 1000));
}

/** The viewer on the report: scrolls through it from its first page while it is analysed. */
async function scrollRun(tab: Page): Promise<void> {
  await markTime(tab, 'dossier-pdf-first-page');
  // Scrolling starts as soon as the first page is on screen, while the report is still being
  // read and analysed: the worst moment for the main thread.
  await tab.evaluate(async () => {
    performance.mark('dossier-bench-scroll-start');
    const pages = document.getElementById('pages') as HTMLElement;
    for (let i = 0; i < 80; i++) {
      pages.scrollBy(0, 500);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  });
  await tab.waitForFunction(() => document.body.dataset.state === 'analysed', null, {
    timeout: 120_000,
  });
  await tab.evaluate(() => performance.mark('dossier-bench-scroll-end'));
}

/**
 * Scrolls a viewer (Dossier's or the PDF.js-alone one, both scroll `#pages`) through 80
 * screens from its first page, and marks the start and a second after the end.
 */
async function scrollOnly(tab: Page, firstMark: string): Promise<void> {
  await markTime(tab, firstMark);
  await tab.evaluate(async () => {
    performance.mark('bench-scroll-start');
    const pages = document.getElementById('pages') as HTMLElement;
    for (let i = 0; i < 80; i++) {
      pages.scrollBy(0, 500);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    performance.mark('bench-scroll-end');
  });
}

/** The PDF rows, measured with the Dossier browser and page server of the benchmark. */
export async function benchPdf(
  dossier: DossierBrowser,
  server: PageServer,
  progress: (what: string) => void = () => {},
): Promise<BenchRow[]> {
  const pdfs = await makeTestPdfs();
  server.set(`${HOST}/files/report-200.pdf`, () => ({
    type: 'application/pdf',
    body: pdfs['report-200.pdf'],
  }));
  server.set(`${HOST}/pdfjs-baseline`, BASELINE_HTML);
  server.set(`${HOST}/pdfjs-scroll`, SCROLL_BASELINE_HTML);
  for (const file of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
    const body = readFileSync(path.join(ROOT, 'node_modules/pdfjs-dist/build', file));
    server.set(`${HOST}/pdfjs/${file}`, () => ({ type: 'text/javascript', body }));
  }
  const viewer = `chrome-extension://${dossier.extensionId}/pdf.html?file=${encodeURIComponent(REPORT)}`;
  const first: number[] = [];
  const firstAlone: number[] = [];
  const analysed: number[] = [];
  const textAlone: number[] = [];
  const longest: number[] = [];
  const longestAlone: number[] = [];
  const scrolling: number[] = [];
  const scrollingAlone: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    progress(`PDF report, run ${r + 1} of ${RUNS}`);
    const alone = await dossier.context.newPage();
    await alone.goto(`http://${HOST}/pdfjs-baseline`);
    firstAlone.push(await markTime(alone, 'first-page'));
    textAlone.push(await markTime(alone, 'all-text'));
    await alone.close();

    const tab = await dossier.context.newPage();
    await tab.goto(viewer);
    first.push(await markTime(tab, 'dossier-pdf-first-page'));
    analysed.push(await markTime(tab, 'dossier-pdf-analysed'));
    await tab.close();

    longest.push(
      await longestTaskBetween(
        dossier,
        viewer,
        ['dossier-bench-scroll-start', 'dossier-bench-scroll-end'],
        scrollRun,
      ),
    );
    longestAlone.push(
      await longestTaskBetween(
        dossier,
        `http://${HOST}/pdfjs-baseline`,
        ['render-start', 'first-page'],
        async (tab) => void (await markTime(tab, 'first-page')),
      ),
    );
    scrolling.push(
      await longestTaskBetween(dossier, viewer, ['bench-scroll-start', 'bench-scroll-end'], (tab) =>
        scrollOnly(tab, 'dossier-pdf-first-page'),
      ),
    );
    scrollingAlone.push(
      await longestTaskBetween(
        dossier,
        `http://${HOST}/pdfjs-scroll`,
        ['bench-scroll-start', 'bench-scroll-end'],
        (tab) => scrollOnly(tab, 'first-page'),
      ),
    );
  }
  const versus = (name: string, samples: number[], baseline: number[]): BenchRow => ({
    name,
    unit: 'ms',
    median: round(median(samples)),
    baseline: round(median(baseline)),
    ratio: Number((median(samples) / median(baseline)).toFixed(2)),
  });
  return [
    versus(
      'PDF, 200-page report: first page painted (baseline: PDF.js alone, that page)',
      first,
      firstAlone,
    ),
    versus(
      'PDF, 200-page report: whole report read, analysed and painted (baseline: PDF.js alone reading every page’s text)',
      analysed,
      textAlone,
    ),
    versus(
      'PDF, 200-page report: longest main-thread task while scrolling during analysis, target ≤ 50 (baseline: PDF.js alone painting one page)',
      longest,
      longestAlone,
    ),
    versus(
      'PDF, 200-page report: longest main-thread task while scrolling 80 screens, target ≤ 50 (baseline: PDF.js alone as a scrolling viewer, the same scroll)',
      scrolling,
      scrollingAlone,
    ),
  ];
}

/** The scenario of `npm run bench` (`npm run bench -- pdf` runs it alone). */
export const pdf: Scenario = {
  name: 'pdf',
  run: (env) => benchPdf(env.dossier, env.server, (what) => console.error(`… ${what}`)),
};

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) {
  const server = await startPageServer();
  const dossier = await launchDossier(server);
  try {
    for (const row of await benchPdf(dossier, server, (w) => console.error(`… ${w}`))) {
      console.log(JSON.stringify(row));
    }
  } finally {
    await dossier.close();
    await server.close();
  }
}
