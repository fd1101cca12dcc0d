import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../lib/analysis/pipeline';
import { longPage } from '../../scripts/bench/long-page';
import { useDossier } from './harness';
import { painted } from './page-helpers';

const URL = 'http://www.csis.org/analysis/long-report';
const HTML = longPage(40_000);
const VERY_LONG_URL = 'http://www.csis.org/analysis/very-long-report';
const VERY_LONG_HTML = longPage(100_000);
const env = useDossier({
  'www.csis.org/analysis/long-report': HTML,
  'www.csis.org/analysis/very-long-report': VERY_LONG_HTML,
});

const squash = (s: string) => s.replace(/[\s\u00ad]+/g, '');

describe('on a long page', () => {
  it('is analysed in the offscreen document and paints the same mentions as in-page analysis', async () => {
    // The same analysis in Node (happy-dom), which the browser's ranges must match.
    const window = new Window({ url: URL });
    window.document.write(HTML);
    const { detection } = analyzePage(window.document as unknown as Document);
    window.happyDOM.abort();
    const mentions = detection.officials.flatMap((o) => o.mentions.map((m) => squash(m.text)));
    expect(mentions.length).toBeGreaterThan(1000);

    const page = await env.dossier.context.newPage();
    await page.goto(URL);
    const textBefore = await page.evaluate(() => document.body.textContent);
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length, { timeout: 30_000 })
      .toBe(mentions.length);
    // Readability ran in the offscreen document, not on the page.
    expect(await env.dossier.worker.evaluate(() => chrome.offscreen.hasDocument())).toBe(true);
    expect((await painted(page, 'dossier-official')).map(squash).sort()).toEqual(mentions.sort());
    const quotes = await painted(page, 'dossier-quote');
    expect(quotes.map(squash).sort()).toEqual(detection.quotes.map((q) => squash(q.text)).sort());
    expect(await page.evaluate(() => document.body.textContent)).toBe(textBefore);
    await page.close();
  });

  it('on a very long page, registers the mentions near the viewport and follows the reader down', async () => {
    const window = new Window({ url: VERY_LONG_URL });
    window.document.write(VERY_LONG_HTML);
    const { detection } = analyzePage(window.document as unknown as Document);
    window.happyDOM.abort();
    const total = detection.officials.reduce((n, o) => n + o.mentions.length, 0);
    expect(total).toBeGreaterThan(1500); // above the painter's limit for registering all

    const page = await env.dossier.context.newPage();
    await page.goto(VERY_LONG_URL);
    const textBefore = await page.evaluate(() => document.body.textContent);
    // Where the registered ranges are, in viewport heights from the top of the viewport.
    const band = () =>
      page.evaluate(() => {
        const h = innerHeight;
        const tops = [
          ...((CSS.highlights.get('dossier-official') as Iterable<Range> | undefined) ?? []),
        ].map((r) => r.getBoundingClientRect().top / h);
        return { count: tops.length, min: Math.min(...tops), max: Math.max(...tops) };
      });
    await expect.poll(async () => (await band()).count, { timeout: 30_000 }).toBeGreaterThan(0);
    const top = await band();
    expect(top.count).toBeLessThan(total / 10);
    // A screen above and below the viewport, plus half a screen for a paragraph that straddles
    // the edge of that band (its ranges count with it).
    expect(top.min).toBeGreaterThanOrEqual(-1.5);
    expect(top.max).toBeLessThanOrEqual(2.5);
    // What is on screen is painted: the first paragraph's official.
    const first = await page.evaluate(() => {
      const p = document.querySelector('article p:nth-of-type(2)') as Element;
      const registered = [
        ...((CSS.highlights.get('dossier-official') as Iterable<Range> | undefined) ?? []),
      ];
      return registered.some((r) => p.contains(r.startContainer));
    });
    expect(first).toBe(true);
    // The analysis itself knows every mention, as the popup's "Who's who" shows.
    await page.bringToFront();
    const tabId = await env.dossier.tabIdOf(page);
    const summary = (await env.dossier.worker.evaluate(
      (id) => chrome.tabs.sendMessage(id, { type: 'page/analysis', payload: {} }),
      tabId,
    )) as { ok: boolean; value: { officials: { mentions: number }[] } };
    expect(summary.value.officials.reduce((n, o) => n + o.mentions, 0)).toBe(total);

    // The reader jumps to the end: the mentions there are painted, those at the top are not.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(async () => (await band()).max, { timeout: 10_000 }).toBeLessThanOrEqual(2.5);
    await expect.poll(async () => (await band()).min, { timeout: 10_000 }).toBeGreaterThan(-1.5);
    const bottom = await band();
    expect(bottom.count).toBeGreaterThan(0);
    const last = await page.evaluate(() => {
      const paragraphs = document.querySelectorAll('article p');
      const p = paragraphs[paragraphs.length - 1] as Element;
      const registered = [
        ...((CSS.highlights.get('dossier-official') as Iterable<Range> | undefined) ?? []),
        ...((CSS.highlights.get('dossier-quote') as Iterable<Range> | undefined) ?? []),
      ];
      return registered.some((r) => p.contains(r.startContainer));
    });
    expect(last).toBe(true);
    expect(await page.evaluate(() => document.body.textContent)).toBe(textBefore);
    await page.close();
  });
});
