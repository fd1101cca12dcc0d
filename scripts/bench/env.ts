/**
 * What every scenario of `npm run bench` gets: the page server, one Chromium with the built
 * extension (shared, in the order the scenarios run), the pages to time (corpus and generated)
 * and the in-page timing script. A scenario is a module under scripts/bench/ exporting
 * `run(env)` that resolves with its rows.
 */
import type { DossierBrowser, PageServer } from '../browser';
import type { BenchRow } from './stats';

/** A page the page scenarios time. */
export interface BenchPage {
  name: string;
  html: string;
  /** How many times to time it (fewer for the long generated pages). */
  runs: number;
}

/** The shared world of one benchmark run. */
export interface BenchEnv {
  server: PageServer;
  dossier: DossierBrowser;
  pages: BenchPage[];
  /** scripts/bench/page-entry.ts bundled for `page.addScriptTag`. */
  benchScript: string;
}

/** One scenario: a name to select it by (`npm run bench -- NAME`) and what it measures. */
export interface Scenario {
  name: string;
  run(env: BenchEnv): Promise<BenchRow[]>;
}
