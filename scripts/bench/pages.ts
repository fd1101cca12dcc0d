/**
 * Each page, timed interleaved and repeated in the page itself: a plain text walk over the body
 * (the floor), Readability alone on a clone (the baseline), and Dossier's work (analysis,
 * detection alone, the whole pipeline), with corpus medians of the ratios. Then re-anchoring
 * 1,000 notes on the 50,000-word page against a per-annotation peer (@apache-annotator/dom).
 */
import type { Scenario } from './env';
import { type BenchRow, median, progress, round } from './stats';

export const pages: Scenario = {
  name: 'pages',
  async run({ server, dossier, pages, benchScript }) {
    const rows: BenchRow[] = [];
    const ratios = {
      analysis: [] as number[],
      detection: [] as number[],
      pipeline: [] as number[],
    };
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

    await page.close();
    return rows;
  },
};
