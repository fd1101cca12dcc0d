import { CHROMIUM } from '../browser';
import type { Scenario } from './env';
import { type BenchRow, median, progress, round } from './stats';
import { longestFrom, plainChromium, traceLoad } from './tasks';

export const longestTasks: Scenario = {
  name: 'tasks',
  async run({ server, dossier, pages }) {
    const rows: BenchRow[] = [];
    progress('longest tasks');
    // The longest main-thread task Dossier adds while a page loads: from a trace, the longest
    // task from the moment its content script starts until it has painted and a little longer.
    // The same page in a browser without Dossier, over the same stretch, gives what the page
    // does by itself (large pages lay themselves out in tasks of their own). Pages load without
    // their own script files, so on the generated pages every script that runs is Dossier's.
    const plain = await plainChromium(CHROMIUM, server.port);
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

    return rows;
  },
};
