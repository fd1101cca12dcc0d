/**
 * `npm run eval`: scores Dossier's detection against the labelled corpus pages. Runs the same
 * analysis as `npm run analyze -- --json` on every page of ../shared/corpus/pages that has gold
 * labels in ../shared/corpus/gold-dev, saves each result as PRED_DIR/<page>.json and scores it
 * with the corpus's own scorer (score.py), twice: on the pages the rules were tuned on and on a
 * held-out third that nobody tunes to (see `isHeldOut`). Without ../shared (a bare checkout), it
 * says so and exits 0.
 *
 * Options: `--pages` prints score.py's per-page table for the tuned-on pages; `--holdout-pages`
 * does the same for the held-out pages (read their failures last); `--keep` keeps PRED_DIR;
 * `--json` prints the figures as JSON; `--tuned-only` scores only the tuned-on pages, so that
 * tuning never shows the held-out figures by accident.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalyzeError, analyzeHtml } from '../lib/cli/analyze';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const goldDir = path.join(corpus, 'gold-dev');
const pagesDir = path.join(corpus, 'pages');

/**
 * The hold-out rule, fixed before any tuning: pages sorted by sha256("dossier-holdout:" + name),
 * the first third (rounded down) are held out. It depends on nothing but the page name, so it
 * mixes both corpus sources and stays put as pages are added elsewhere in the order.
 */
export function heldOutPages(pages: readonly string[]): Set<string> {
  const key = (p: string) => createHash('sha256').update(`dossier-holdout:${p}`).digest('hex');
  const sorted = [...pages].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return new Set(sorted.slice(0, Math.floor(pages.length / 3)));
}

interface Totals {
  tp: number;
  fp: number;
  core: number;
  core_found: number;
  all: number;
  all_found: number;
  mg: number;
  mov: number;
  mty: number;
  mex: number;
  mpred: number;
  mfp: number;
  qg: number;
  qp: number;
  qtp: number;
  qnfp: number;
  qnq: number;
  qspk: number;
}

/** The scorer's figures from its totals, computed as score.py prints them. */
function figures(t: Totals): Record<string, number> {
  const ratio = (a: number, b: number, empty = 0) => (b ? a / b : empty);
  return {
    'officials precision': ratio(t.tp, t.tp + t.fp),
    'officials recall (core)': ratio(t.core_found, t.core, 1),
    'officials strict recall': ratio(t.all_found, t.all, 1),
    'mention overlap recall': ratio(t.mov, t.mg, 1),
    'mention exact recall': ratio(t.mex, t.mg, 1),
    'mention precision': 1 - ratio(t.mfp, t.mpred),
    'quotations precision': ratio(t.qtp, t.qp, t.qg === 0 ? 1 : 0),
    'quotations recall': ratio(t.qtp, t.qg, 1),
    'speaker attribution': ratio(t.qspk, t.qtp),
    'nonQuote FPs': t.qnfp,
  };
}

function score(predDir: string, pages: string[], extra: string[]): Totals | null {
  const args = [path.join(corpus, 'score.py'), predDir, `--pages=${pages.join(',')}`, ...extra];
  const out = spawnSync('python3', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (out.error) {
    console.error(`eval: could not run python3: ${out.error.message}`);
    return null;
  }
  if (out.status !== 0) {
    console.error(out.stderr);
    return null;
  }
  if (extra.includes('--json')) return (JSON.parse(out.stdout) as { total: Totals }).total;
  process.stdout.write(out.stdout);
  return null;
}

function main(): number {
  if (!existsSync(goldDir) || !existsSync(pagesDir)) {
    console.log(`eval: no labelled corpus at ${corpus}; nothing to score.`);
    return 0;
  }
  const args = process.argv.slice(2);
  const predDir = mkdtempSync(path.join(os.tmpdir(), 'dossier-eval-'));
  let failed = 0;
  const pages = readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((p) => existsSync(path.join(pagesDir, p, 'source.html')));
  for (const page of pages) {
    const file = path.join(pagesDir, page, 'source.html');
    try {
      const result = analyzeHtml(readFileSync(file, 'utf8'), file);
      writeFileSync(path.join(predDir, `${page}.json`), JSON.stringify(result));
    } catch (e) {
      failed++;
      const msg = e instanceof AnalyzeError ? e.message : String(e);
      console.error(`eval: ${page}: ${msg}`);
    }
  }
  const held = heldOutPages(pages);
  const tuned = pages.filter((p) => !held.has(p));
  const heldList = pages.filter((p) => held.has(p));
  if (args.includes('--pages')) score(predDir, tuned, []);
  if (args.includes('--holdout-pages')) score(predDir, heldList, []);
  const a = score(predDir, tuned, ['--json']);
  const tunedOnly = args.includes('--tuned-only');
  const b = tunedOnly ? a : score(predDir, heldList, ['--json']);
  if (args.includes('--keep')) console.log(`\npredictions kept in ${predDir}`);
  else rmSync(predDir, { recursive: true, force: true });
  if (!a || !b) return 1;
  const fa = figures(a);
  const fb = tunedOnly ? null : figures(b);
  if (args.includes('--json')) {
    console.log(
      JSON.stringify({ tunedOn: fa, ...(fb && { heldOut: fb, heldOutPages: heldList }) }, null, 1),
    );
  } else {
    const head = [`tuned-on (${tuned.length} pages)`];
    if (fb) head.push(`held-out (${heldList.length} pages)`);
    console.log(`\n| figure | ${head.join(' | ')} |\n|${' --- |'.repeat(head.length + 1)}`);
    for (const k of Object.keys(fa)) {
      const fmt = (v: number | undefined) =>
        k === 'nonQuote FPs' ? String(v) : (v ?? 0).toFixed(3);
      console.log(`| ${[k, fmt(fa[k]), ...(fb ? [fmt(fb[k])] : [])].join(' | ')} |`);
    }
    if (fb) console.log(`\nheld out: ${heldList.join(', ')}`);
  }
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
