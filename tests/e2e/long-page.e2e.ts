import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../lib/content/pipeline';
import { longPage } from '../../scripts/bench/long-page';
import { useDossier } from './harness';
import { painted } from './page-helpers';

const URL = 'http://www.csis.org/analysis/long-report';
const HTML = longPage(40_000);
const env = useDossier({ 'www.csis.org/analysis/long-report': HTML });

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
});
