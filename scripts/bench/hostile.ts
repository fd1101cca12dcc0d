/**
 * The longest main-thread task Dossier causes on the heavy hostile pages (issue 18): huge and
 * deep documents, a 5 MB text node, 10,000 names, 40 frames. The hostile-page suite reports the
 * figure without asserting it (a task's length on a shared machine measures the machine as much
 * as Dossier); here it is a median of repeated loads, beside the same page in a browser without
 * Dossier over the same stretch, which is what the page costs by itself.
 *
 * Two rows per page: the longest task from Dossier's start (ratio to the page without Dossier),
 * and Dossier's own share of its longest task (the time in its content script's functions,
 * tests/e2e/hostile's measure). A page that crashes the tab without Dossier too (10,000 levels)
 * gets a note instead of rows.
 */
import type { Page } from 'playwright-core';
import { CHROMIUM } from '../browser';
import { hostileVariants, type Variant } from '../hostile-pages';
import type { Scenario } from './env';
import { type BenchRow, median, progress, round } from './stats';
import { longestDossierTask, longestFrom, plainChromium, summarise, tracedEvents } from './tasks';

/** Loads per page and browser. */
const RUNS = 3;
/** What the page and Dossier may still do after the page says it is done. */
const LINGER_MS = 1_500;
const HOST = 'www.csis.org';

/** Until the page's own script is over, then a little longer. */
async function pageDone(tab: Page): Promise<void> {
  await tab.waitForFunction(
    () =>
      (window as unknown as { __hostileDone?: boolean }).__hostileDone === true ||
      document.contentType !== 'text/html',
    null,
    { timeout: 120_000 },
  );
  await tab.waitForTimeout(LINGER_MS);
}

/** The heavy variants, the ones whose size or depth could make Dossier's tasks long. */
function heavyVariants(): Variant[] {
  return hostileVariants().filter((v) => v.heavy);
}

export const hostile: Scenario = {
  name: 'hostile',
  async run({ server, dossier }) {
    const rows: BenchRow[] = [];
    const plain = await plainChromium(CHROMIUM, server.port);
    const plainContext = await plain.newContext({ viewport: { width: 1280, height: 900 } });
    for (const v of heavyVariants()) {
      progress(`hostile: ${v.name}`);
      server.set(`${HOST}/bench-hostile/${v.name}`, () => ({
        body: v.body,
        type: v.type,
        headers: v.headers,
      }));
      const url = `http://${HOST}/bench-hostile/${v.name}${v.query ? `?${v.query}` : ''}`;
      const withDossier: number[] = [];
      const share: number[] = [];
      const without: number[] = [];
      let crashes = 0;
      for (let r = 0; r < RUNS; r++) {
        const events = await tracedEvents(dossier.context, url, pageDone, {
          lenient: true,
          timeout: 120_000,
        });
        const alone = await tracedEvents(plainContext, url, pageDone, {
          lenient: true,
          timeout: 120_000,
        });
        if (!events || !alone) {
          crashes += events ? 0 : 1;
          if (!alone) progress(`${v.name}: the tab crashed without Dossier too`);
          continue;
        }
        const load = summarise(events, url);
        if (load.dossierStart === null) continue;
        withDossier.push(longestFrom(load, load.dossierStart));
        share.push(longestDossierTask(events, url).longest);
        without.push(longestFrom(summarise(alone, url), load.dossierStart));
      }
      if (withDossier.length === 0) {
        progress(
          `${v.name}: no rows (${crashes} crash${crashes === 1 ? '' : 'es'} with Dossier of ${RUNS} loads)`,
        );
        continue;
      }
      const baseline = median(without);
      const longest = median(withDossier);
      rows.push(
        {
          name: `hostile ${v.name}: longest task from Dossier's start (baseline: the page without Dossier)`,
          unit: 'ms',
          median: round(longest, 0),
          baseline: round(baseline, 0),
          ...(baseline > 0 ? { ratio: round(longest / baseline, 2) } : {}),
        },
        {
          name: `hostile ${v.name}: Dossier's share of its longest task`,
          unit: 'ms',
          median: round(median(share), 1),
        },
      );
    }
    await plain.close();
    return rows;
  },
};
