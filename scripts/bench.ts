/**
 * `npm run bench`: measures Dossier in real Chromium with the built extension loaded, one
 * scenario per module under scripts/bench/ (each returns its rows), in the order below, sharing
 * one browser. Every figure is a median of repeated runs; a ratio is against a baseline measured
 * in the same run. Prints a table and writes bench-results.json (rows of
 * { name, unit, median, baseline?, ratio? }). `npm run bench -- NAME…` runs only the scenarios
 * named (size, pages, tasks, hostile, sync, devices, devices-chromium, notes, transfer, backup,
 * pdf, library).
 *
 * The pages are the corpus (../shared/corpus/pages, skipped with a note when absent) and two
 * generated long pages.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { backup } from './bench/backup';
import { devices } from './bench/devices';
import { devicesChromium } from './bench/devices-chromium';
import type { BenchEnv, BenchPage, Scenario } from './bench/env';
import { hostile } from './bench/hostile';
import { library } from './bench/library';
import { longPage } from './bench/long-page';
import { longestTasks } from './bench/longest-tasks';
import { notesAtScale } from './bench/notes-at-scale';
import { pages as pageTimes } from './bench/pages';
import { pdf } from './bench/pdf';
import { size } from './bench/size';
import type { BenchRow } from './bench/stats';
import { sync } from './bench/sync';
import { transfer } from './bench/transfer';
import { launchDossier, startPageServer } from './browser';
import { bin, ROOT, requireChromium, run } from './run';

/** Every scenario, in the order they run (the notes scenarios seed what later ones read). */
const SCENARIOS: Scenario[] = [
  size,
  pageTimes,
  longestTasks,
  hostile,
  sync,
  devices,
  devicesChromium,
  notesAtScale,
  transfer,
  backup,
  pdf,
  library,
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `Unknown scenario ${unknown.join(', ')}; there are: ${SCENARIOS.map((s) => s.name).join(', ')}.`,
  );
  process.exit(2);
}
const chosen = SCENARIOS.filter((s) => wanted.length === 0 || wanted.includes(s.name));

requireChromium();
if (run(bin('wxt'), ['build']) !== 0) process.exit(1);

const bundle = await build({
  entryPoints: [path.join(ROOT, 'scripts/bench/page-entry.ts')],
  bundle: true,
  format: 'iife',
  write: false,
  target: 'chrome120',
  minify: true,
});

const corpusDir = path.resolve(ROOT, '../shared/corpus/pages');
const pages: BenchPage[] = [];
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

const rows: BenchRow[] = [];
const server = await startPageServer();
const dossier = await launchDossier(server);
const env: BenchEnv = { server, dossier, pages, benchScript: bundle.outputFiles[0]?.text ?? '' };
try {
  for (const scenario of chosen) rows.push(...(await scenario.run(env)));
} finally {
  await dossier.close();
  await server.close();
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
// Everything is written and closed; express-pouchdb (the sync rows' server) keeps database
// handles open after its HTTP server closes, which would keep Node running forever.
process.exit(0);
