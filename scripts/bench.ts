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
import { launchDossier, startPageServer } from '../tests/e2e/harness';
import { longPage } from './bench/long-page';
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
const corpusRatios: number[] = [];
try {
  const page = await dossier.context.newPage();
  // Disable JavaScript-driven scripts of the saved pages: only their DOM matters here.
  await page.route('**/*.js', (route) => route.abort());
  for (const { name, html, runs } of pages) {
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
        ).__dossierBench.time(['walk', 'readability', 'pipeline'], n as number),
      [runs],
    )) as Record<'walk' | 'readability' | 'pipeline', number[]>;
    const walk = median(times.walk);
    const readability = median(times.readability);
    const pipeline = median(times.pipeline);
    rows.push({ name: `${name}: text walk (floor)`, unit: 'ms', median: round(walk) });
    rows.push({ name: `${name}: Readability alone`, unit: 'ms', median: round(readability) });
    rows.push({
      name: `${name}: content script work`,
      unit: 'ms',
      median: round(pipeline),
      baseline: round(readability),
      ratio: round(pipeline / readability),
    });
    if (!name.startsWith('generated-')) corpusRatios.push(pipeline / readability);
  }
} finally {
  await dossier.close();
  await server.close();
}
if (corpusRatios.length > 0) {
  rows.push({
    name: 'content script / Readability, corpus median',
    unit: 'ratio',
    median: round(median(corpusRatios)),
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
