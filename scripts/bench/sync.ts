/** Tab-to-tab sync: a note saved in one tab, painted in another tab of the same article. */

import { placePhrase } from '../in-page';
import type { Scenario } from './env';
import { longPage } from './long-page';
import { median, progress, round } from './stats';

export const sync: Scenario = {
  name: 'sync',
  async run({ server, dossier }) {
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
      await tabA.evaluate(placePhrase, [phrase, true] as [string, boolean]);
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
    const row = {
      name: 'tab-to-tab sync: note saved in one tab, painted in another',
      unit: 'ms',
      median: round(median(latencies), 1),
    };
    await tabA.close();
    await tabB.close();

    return [row];
  },
};
