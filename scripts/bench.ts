/**
 * `npm run bench`: measures Dossier in real Chromium with the built extension loaded. For each
 * corpus page (../shared/corpus/pages, skipped with a note when absent) and two generated long
 * pages, it times, interleaved and repeated, a plain text walk over the body (the floor),
 * Readability alone on a clone (the baseline) and the content script's work, and reports
 * medians and ratios measured in the same run. Also the content script's size. Prints a table
 * and writes bench-results.json (rows of { name, unit, median, baseline?, ratio? }).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Annotation } from '../lib/annotation';
import { parseImportFile } from '../lib/export/import-file';
import { toMarkdown } from '../lib/export/markdown';
import { exportW3C } from '../lib/export/w3c';
import { CHROMIUM, launchDossier, startPageServer } from '../tests/e2e/harness';
import { generatedNotes } from './bench/fixtures';
import { libraryRows } from './bench/library';
import { longPage } from './bench/long-page';
import { longestFrom, traceLoad } from './bench/tasks';
import { bin, ROOT, requireChromium, run } from './run';

/** One figure of the benchmark. */
export interface BenchRow {
  name: string;
  unit: string;
  median: number;
  baseline?: number;
  ratio?: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
/** A row in milliseconds: the median of `samples` against the median of `baseline`'s. */
const versus = (name: string, samples: number[], baseline: number[]): BenchRow => ({
  name,
  unit: 'ms',
  median: round(median(samples), 1),
  baseline: round(median(baseline), 1),
  ratio: round(median(samples) / median(baseline)),
});
/** Says on stderr what the benchmark is doing, so a long run shows where it is. */
const progress = (what: string) => console.error(`… ${what}`);

requireChromium();
if (run(bin('wxt'), ['build']) !== 0) process.exit(1);

const rows: BenchRow[] = [];
const contentScript = readFileSync(
  path.join(ROOT, '.output/chrome-mv3/content-scripts/content.js'),
);
rows.push({
  name: 'content script size, raw',
  unit: 'KiB',
  median: round(contentScript.length / 1024, 1),
});
rows.push({
  name: 'content script size, gzipped',
  unit: 'KiB',
  median: round(gzipSync(contentScript, { level: 9 }).length / 1024, 1),
});

const bundle = await build({
  entryPoints: [path.join(ROOT, 'scripts/bench/page-entry.ts')],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
  minify: true,
});
const benchScript = bundle.outputFiles[0]?.text ?? '';

const corpusDir = path.resolve(ROOT, '../shared/corpus/pages');
const pages: { name: string; html: string; runs: number }[] = [];
if (existsSync(corpusDir)) {
  for (const name of readdirSync(corpusDir).sort()) {
    const file = path.join(corpusDir, name, 'source.html');
    if (statSync(path.join(corpusDir, name)).isDirectory() && existsSync(file)) {
      pages.push({ name, html: readFileSync(file, 'utf8'), runs: 15 });
    }
  }
} else {
  console.log(`note: ${corpusDir} is absent, so corpus rows are skipped.`);
}
pages.push({ name: 'generated-50k-words', html: longPage(50_000), runs: 7 });
pages.push({ name: 'generated-200k-words', html: longPage(200_000), runs: 5 });

const server = await startPageServer();
const dossier = await launchDossier(server);
const ratios = { analysis: [] as number[], detection: [] as number[], pipeline: [] as number[] };
try {
  const page = await dossier.context.newPage();
  // The saved pages' own scripts are not run: only their DOM matters here.
  await page.route('**/*.js', (route) => route.abort());
  for (const { name, html, runs } of pages) {
    progress(`timing ${name}`);
    // A host outside Dossier's list, so that its own content script does not run meanwhile.
    server.set(`bench.example.org/${name}`, html);
    await page.goto(`http://bench.example.org/${name}`, { waitUntil: 'load' });
    await page.addScriptTag({ content: benchScript });
    const times = (await page.evaluate(
      ([n]) =>
        (
          globalThis as unknown as {
            __dossierBench: { time(names: string[], runs: number): Record<string, number[]> };
          }
        ).__dossierBench.time(
          ['walk', 'readability', 'analysis', 'detection', 'pipeline'],
          n as number,
        ),
      [runs],
    )) as Record<'walk' | 'readability' | 'analysis' | 'detection' | 'pipeline', number[]>;
    const readability = median(times.readability);
    const row = (what: string, key: keyof typeof times, baseline?: number) => {
      const m = median(times[key]);
      rows.push({
        name: `${name}: ${what}`,
        unit: 'ms',
        median: round(m),
        ...(baseline === undefined
          ? {}
          : { baseline: round(baseline), ratio: round(m / baseline) }),
      });
      return baseline === undefined ? 0 : m / baseline;
    };
    row('text walk (floor)', 'walk');
    row('Readability alone', 'readability');
    const a = row('content script analysis (extract + detect)', 'analysis', readability);
    const d = row('detection alone, share of Readability', 'detection', readability);
    const p = row('whole pipeline (extract, detect, map, paint)', 'pipeline', readability);
    if (!name.startsWith('generated-')) {
      ratios.analysis.push(a);
      ratios.detection.push(d);
      ratios.pipeline.push(p);
    }
  }
  if (ratios.pipeline.length > 0) {
    rows.push({
      name: 'analysis / Readability, corpus median',
      unit: 'ratio',
      median: round(median(ratios.analysis)),
    });
    rows.push({
      name: 'detection / Readability, corpus median',
      unit: 'ratio',
      median: round(median(ratios.detection)),
    });
    rows.push({
      name: 'pipeline / Readability, corpus median',
      unit: 'ratio',
      median: round(median(ratios.pipeline)),
    });
  }

  progress('re-anchoring');
  // Re-anchoring 1,000 notes on the 50,000-word page, against a per-annotation peer.
  const long = pages.find((p) => p.name === 'generated-50k-words');
  if (long) {
    await page.goto('http://bench.example.org/generated-50k-words', { waitUntil: 'load' });
    await page.addScriptTag({ content: benchScript });
    const runsOf: { ours: number; peer: number; found: number; peerFound: number }[] = [];
    for (let r = 0; r < 3; r++) {
      runsOf.push(
        await page.evaluate(() =>
          (
            globalThis as unknown as {
              __dossierBench: {
                anchoring(
                  n: number,
                  peer: number,
                ): Promise<{ ours: number; peer: number; found: number; peerFound: number }>;
              };
            }
          ).__dossierBench.anchoring(1000, 20),
        ),
      );
    }
    const ours = median(runsOf.map((x) => x.ours));
    const peer = median(runsOf.map((x) => x.peer));
    rows.push({
      name: 're-anchor 1,000 notes on 50k words: @apache-annotator/dom, per note',
      unit: 'ms',
      median: round(peer, 3),
    });
    rows.push({
      name: `re-anchor 1,000 notes on 50k words: Dossier, per note (found ${runsOf[0]?.found}/1000)`,
      unit: 'ms',
      median: round(ours, 3),
      baseline: round(peer, 3),
      ratio: round(ours / peer, 4),
    });
  }
  await page.close();

  progress('longest tasks');
  // The longest main-thread task Dossier adds while a page loads: from a trace, the longest
  // task from the moment its content script starts until it has painted and a little longer.
  // The same page in a browser without Dossier, over the same stretch, gives what the page
  // does by itself (large pages lay themselves out in tasks of their own). Pages load without
  // their own script files, so on the generated pages every script that runs is Dossier's.
  const plain = await chromium.launch({
    executablePath: CHROMIUM,
    args: [`--host-resolver-rules=MAP * 127.0.0.1:${server.port}`, '--no-sandbox', '--disable-gpu'],
  });
  const plainContext = await plain.newContext({ viewport: { width: 1280, height: 900 } });
  const TASK_RUNS = 3;
  for (const { name, html } of pages) {
    server.set(`www.csis.org/bench/${name}`, html);
    const url = `http://www.csis.org/bench/${name}`;
    const linger = name.startsWith('generated-') ? 2_000 : 1_000;
    const withDossier: number[] = [];
    const without: number[] = [];
    for (let r = 0; r < TASK_RUNS; r++) {
      const load = await traceLoad(dossier.context, url, async (tab) => {
        // Until Dossier has painted (a long page is analysed away from it, which takes a
        // while), then a little longer for what follows the painting.
        await tab
          .waitForFunction(() => (CSS.highlights.get('dossier-official')?.size ?? 0) > 0, null, {
            timeout: 30_000,
          })
          .catch(() => undefined);
        await tab.waitForTimeout(linger);
      });
      if (load.dossierStart === null) continue;
      const from = load.dossierStart;
      withDossier.push(longestFrom(load, from));
      const until = Math.max(...load.tasks.map((t) => t.start + t.duration), from) + linger;
      const alone = await traceLoad(plainContext, url, async (tab) => {
        await tab.waitForTimeout(Math.max(0, until - from));
      });
      without.push(longestFrom(alone, from));
    }
    if (withDossier.length === 0) {
      progress(`${name}: Dossier's content script did not run; no task rows`);
      continue;
    }
    rows.push({
      name: `${name}: longest task from Dossier's start (baseline: the page without Dossier)`,
      unit: 'ms',
      median: round(median(withDossier), 0),
      baseline: round(median(without), 0),
    });
  }
  await plain.close();

  progress('tab-to-tab sync');
  // Tab-to-tab sync: a note saved in one tab, painted in another tab of the same article.
  server.set('www.csis.org/bench/sync', longPage(3_000));
  const [tabA, tabB] = [await dossier.context.newPage(), await dossier.context.newPage()];
  for (const t of [tabA, tabB]) await t.goto('http://www.csis.org/bench/sync');
  await tabA.bringToFront();
  const tabAId = await dossier.tabIdOf(tabA);
  const latencies: number[] = [];
  const phrases = await tabA.evaluate(() =>
    [...document.querySelectorAll('article p')]
      .slice(0, 15)
      .map((p) => (p.textContent ?? '').slice(0, 40)),
  );
  for (const phrase of phrases) {
    // Code for the page is given as a string: tsx would wrap named functions in a helper the
    // page does not have.
    const arrived = tabB.evaluate(`new Promise((resolve) => {
      const before = CSS.highlights.get('dossier-note')?.size ?? 0;
      const poll = () => {
        if ((CSS.highlights.get('dossier-note')?.size ?? 0) > before) resolve(performance.timeOrigin + performance.now());
        else setTimeout(poll, 0);
      };
      poll();
    })`) as Promise<number>;
    await tabA.evaluate((text) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.nodeValue?.indexOf(text) ?? -1;
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + text.length);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
        return;
      }
    }, phrase);
    const sent = await dossier.worker.evaluate(async (id) => {
      const t = performance.timeOrigin + performance.now();
      await chrome.tabs.sendMessage(id, {
        type: 'selection/act',
        payload: { action: 'highlight' },
      });
      return t;
    }, tabAId);
    latencies.push((await arrived) - sent);
  }
  rows.push({
    name: 'tab-to-tab sync: note saved in one tab, painted in another',
    unit: 'ms',
    median: round(median(latencies), 1),
  });
  await tabA.close();
  await tabB.close();

  progress('import of 10,000 notes');
  // Importing a W3C file of 10,000 notes over 500 pages, as the popup's Import does: the file's
  // text goes to the background, which parses and checks it and writes every note in one
  // transaction. Each run starts from an empty store (a fresh browser profile; the last run is
  // the browser the popup rows use, so it also seeds them). The baseline is the browser's own
  // floor, in the same profile just before: the same 10,000 records put into a bare object
  // store (no indexes, no checks) in one transaction.
  server.set('www.csis.org/bench/popup', longPage(3_000));
  const seedNotes = generatedNotes(10_000, 500, {
    firstUrl: 'http://www.csis.org/bench/popup',
    onFirstPage: 20,
  });
  const seedFile = exportW3C(seedNotes, { now: new Date('2026-03-01T00:00:00Z') });
  const importMs: number[] = [];
  const floorMs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const browser = r < 2 ? await launchDossier(server) : dossier;
    const popupPage = await browser.context.newPage();
    await popupPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    // Functions, not strings: the popup's CSP forbids evaluating strings.
    floorMs.push(
      await popupPage.evaluate(
        (records) =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('bench-floor', 1);
            open.onupgradeneeded = () => open.result.createObjectStore('notes', { keyPath: 'id' });
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const t0 = performance.now();
              const tx = open.result.transaction('notes', 'readwrite');
              for (const record of records) tx.objectStore('notes').put(record);
              tx.onerror = () => reject(tx.error);
              tx.oncomplete = () => {
                open.result.close();
                indexedDB.deleteDatabase('bench-floor');
                resolve(performance.now() - t0);
              };
            };
          }),
        seedNotes,
      ),
    );
    const [reply, ms] = (await popupPage.evaluate(async (text) => {
      const t0 = performance.now();
      const answer = await chrome.runtime.sendMessage({
        type: 'notes/import-file',
        payload: { text },
      });
      return [answer, performance.now() - t0];
    }, seedFile)) as [{ ok: boolean; value?: { ok: boolean; message: string } }, number];
    if (!reply.ok || !reply.value?.ok) {
      throw new Error(`Could not import the notes: ${JSON.stringify(reply)}`);
    }
    importMs.push(ms);
    await popupPage.close();
    if (browser !== dossier) await browser.close();
  }
  rows.push(
    versus(
      'W3C import of 10,000 notes, file text to stored notes (baseline: bare IndexedDB puts)',
      importMs,
      floorMs,
    ),
  );

  progress('popup with 10,000 notes');
  // Opening the popup with the 10,000 notes just imported (20 of them on the page it describes).
  const article = await dossier.context.newPage();
  await article.goto('http://www.csis.org/bench/popup');
  const articleTab = await dossier.tabIdOf(article);
  // Two clocks: from navigation start (includes the browser creating the page, which Dossier
  // does not control) and from the moment the popup's document exists (Dossier's own work:
  // loading its code, asking the tab and the background, rendering).
  const fromNavigation: number[] = [];
  const fromDocument: number[] = [];
  for (let r = 0; r < 7; r++) {
    const popup = await dossier.context.newPage();
    await popup.addInitScript(`
      globalThis.__start = performance.now();
      const look = () => {
        if (document.querySelector('.notes-item')) globalThis.__shown = performance.now();
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    `);
    await popup.goto(`chrome-extension://${dossier.extensionId}/popup.html?tab=${articleTab}`);
    // Functions, not strings: the popup's content security policy forbids evaluating strings.
    await popup.waitForFunction(
      () => (globalThis as unknown as { __shown?: number }).__shown !== undefined,
      null,
      { timeout: 15_000 },
    );
    const [start, shown] = await popup.evaluate(() => {
      const g = globalThis as unknown as { __start: number; __shown: number };
      return [g.__start, g.__shown];
    });
    fromNavigation.push(shown);
    fromDocument.push(shown - start);
    await popup.close();
  }
  rows.push({
    name: 'popup, navigation start to first note shown, 10,000 notes stored',
    unit: 'ms',
    median: round(median(fromNavigation), 1),
  });
  rows.push({
    name: 'popup, document start to first note shown, 10,000 notes stored',
    unit: 'ms',
    median: round(median(fromDocument), 1),
  });
  await article.close();

  progress('editing on a crowded page');
  // Editing a note rewrites the record that holds it (up to 25 notes of its page, see
  // lib/store/pages.ts): a note edited on a page with 1,000 notes (its record full), as the
  // popup or a tab asks the background, against the same edit of a note alone on its page.
  const crowdedUrl = 'https://www.csis.org/analysis/crowded';
  const crowded = generatedNotes(1_000, 2, { firstUrl: crowdedUrl, onFirstPage: 1_000 }).map(
    (note) => ({ ...note, id: note.id.replace(/^0{8}/, 'c0000000') }),
  );
  const alone = generatedNotes(15, 16).map((note, i) => ({
    ...note,
    id: note.id.replace(/^0{8}/, 'a0000000'),
    page: { ...note.page, url: `https://www.csis.org/analysis/alone-${i}` },
  }));
  const saver = await dossier.context.newPage();
  await saver.goto(`chrome-extension://${dossier.extensionId}/popup.html`);
  const seeded = await saver.evaluate(
    (text) => chrome.runtime.sendMessage({ type: 'notes/import-file', payload: { text } }),
    exportW3C([...crowded, ...alone], { now: new Date('2026-03-01T00:00:00Z') }),
  );
  if (!seeded?.ok || !seeded.value?.ok)
    throw new Error(`Seeding failed: ${JSON.stringify(seeded)}`);
  const editMs = (id: string, text: string) =>
    saver.evaluate(
      async ([id, text]) => {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({
          type: 'notes/update',
          payload: { id, patch: { note: text } },
        });
        if (!reply?.ok) throw new Error(JSON.stringify(reply));
        return performance.now() - t0;
      },
      [id, text] as const,
    );
  const onCrowded: number[] = [];
  const onItsOwn: number[] = [];
  for (let r = 0; r < 15; r++) {
    onItsOwn.push(await editMs((alone[r] as Annotation).id, `edited ${r}`));
    onCrowded.push(await editMs((crowded[r * 61] as Annotation).id, `edited ${r}`));
  }
  rows.push(
    versus(
      'note edited on a page with 1,000 notes, request to stored (baseline: a note alone on its page)',
      onCrowded,
      onItsOwn,
    ),
  );
  await saver.close();
} finally {
  await dossier.close();
  // The library's rows, in a browser of their own, after every page-pipeline row.
  progress('library of 1,000 pages');
  rows.push(...(await libraryRows(server)));
  await server.close();
}

progress('export and import');
// Export and import of 10,000 notes over 500 pages (pure functions, in Node).
{
  const notes = generatedNotes(10_000, 500);
  const now = new Date('2026-03-01T00:00:00Z');
  const md: number[] = [];
  const w3cIn: number[] = [];
  const w3c = exportW3C(notes, { now });
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    toMarkdown(notes, { now, scope: 'all', layout: 'per-page' });
    md.push(performance.now() - t0);
    const t1 = performance.now();
    const parsed = parseImportFile(w3c);
    w3cIn.push(performance.now() - t1);
    if (!parsed.ok) throw new Error('the generated W3C file did not parse');
  }
  rows.push({
    name: 'Markdown export, 10,000 notes over 500 pages',
    unit: 'ms',
    median: round(median(md), 1),
  });
  rows.push({
    name: 'W3C import (parse and check), 10,000 notes',
    unit: 'ms',
    median: round(median(w3cIn), 1),
  });
}

const width = Math.max(...rows.map((r) => r.name.length));
console.log(
  `\n${'figure'.padEnd(width)}  ${'median'.padStart(10)}  unit   ${'baseline'.padStart(9)}  ratio`,
);
for (const r of rows) {
  console.log(
    `${r.name.padEnd(width)}  ${String(r.median).padStart(10)}  ${r.unit.padEnd(5)}  ${String(r.baseline ?? '').padStart(9)}  ${r.ratio ?? ''}`,
  );
}
writeFileSync(path.join(ROOT, 'bench-results.json'), `${JSON.stringify(rows, null, 2)}\n`);
console.log('\nwrote bench-results.json');
