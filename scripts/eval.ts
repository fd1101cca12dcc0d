/**
 * `npm run eval`: scores Dossier's detection against the labelled corpus pages. Runs the same
 * analysis as `npm run analyze -- --json` on every page of ../shared/corpus/pages that has gold
 * labels in ../shared/corpus/gold-dev, saves each result as PRED_DIR/<page>.json and prints the
 * table of the corpus's own scorer (score.py). Without ../shared (a bare checkout), it says so
 * and exits 0. Extra arguments go to score.py (e.g. `-- --json`); `--keep` keeps PRED_DIR.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnalyzeError, analyzeHtml } from '../lib/cli/analyze';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const goldDir = path.join(corpus, 'gold-dev');
const pagesDir = path.join(corpus, 'pages');

function main(): number {
  if (!existsSync(goldDir) || !existsSync(pagesDir)) {
    console.log(`eval: no labelled corpus at ${corpus}; nothing to score.`);
    return 0;
  }
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const scoreArgs = args.filter((a) => a !== '--keep');
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
  const scored = spawnSync('python3', [path.join(corpus, 'score.py'), predDir, ...scoreArgs], {
    stdio: 'inherit',
  });
  if (keep) console.log(`\npredictions kept in ${predDir}`);
  else rmSync(predDir, { recursive: true, force: true });
  if (scored.error) {
    console.error(`eval: could not run python3: ${scored.error.message}`);
    return 1;
  }
  return failed > 0 ? 1 : (scored.status ?? 1);
}

process.exitCode = main();
