import { Window } from 'happy-dom';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../lib/analysis/pipeline';
import { awkwardPage, hostilePage, ministerParagraphs, singlePageApp } from './fixtures/pages';
import { SAMPLE_HTML, SAMPLE_URL, useDossier } from './harness';
import {
  clickDossier,
  dossierControl,
  findDossierControls,
  openWatched,
  painted,
  selectPhrase,
} from './page-helpers';

const env = useDossier({
  'www.csis.org/spa/one': singlePageApp(),
  'www.csis.org/hostile': hostilePage(),
  'www.csis.org/awkward': awkwardPage(),
  'plain.example.org/awkward': awkwardPage(),
  'www.csis.org/retold': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Retold</title></head>
<body><main><article><h1>Port talks</h1>${ministerParagraphs('Amara Okafor', 'Okafor', 'ports')}
<p id="retold">“And I said, ‘We need more.’ They said, ‘No.’ We walked out of the room,” Foreign Minister Amara Okafor said.</p>
</article></main></body></html>`,
  'www.csis.org/awkward/frame': `<!doctype html><html lang="en"><head><title>Framed</title></head>
<body><article>${ministerParagraphs('Ingrid Moreau', 'Moreau', 'ports')}</article></body></html>`,
});

/** The same analysis in Node (happy-dom), which the browser's ranges must match. */
function expectedOnSample() {
  const window = new Window({ url: SAMPLE_URL });
  window.document.write(SAMPLE_HTML);
  const { detection } = analyzePage(window.document as unknown as Document);
  window.happyDOM.abort();
  return detection;
}

const squash = (s: string) => s.replace(/[\s\u00ad]+/g, '');

describe('on the sample article', () => {
  it('paints every official mention and quotation, and leaves the text as it was', async () => {
    const expected = expectedOnSample();
    const mentions = expected.officials.flatMap((o) => o.mentions.map((m) => m.text));
    expect(mentions.length).toBeGreaterThan(15);

    const page = await env.dossier.context.newPage();
    await page.goto(SAMPLE_URL);
    const textBefore = await page.evaluate(() => document.body.textContent);
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length)
      .toBe(mentions.length);
    const officials = await painted(page, 'dossier-official');
    expect(officials.map(squash).sort()).toEqual(mentions.map(squash).sort());
    const quotes = await painted(page, 'dossier-quote');
    expect(quotes.map(squash).sort()).toEqual(expected.quotes.map((q) => squash(q.text)).sort());
    expect(await page.evaluate(() => document.body.textContent)).toBe(textBefore);

    // The toolbar button's badge says how many officials the page names.
    const tabId = await env.dossier.tabIdOf(page);
    await expect
      .poll(() =>
        env.dossier.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
      )
      .toBe(String(expected.officials.length));
    await page.close();
  });

  it('shows a card on hover whose next and previous buttons move the selection', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(SAMPLE_URL);
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length)
      .toBeGreaterThan(0);
    const box = await page.evaluate(() => {
      const first = [...(CSS.highlights.get('dossier-official') as Iterable<Range>)][0] as Range;
      const r = first.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, text: first.toString() };
    });
    await page.mouse.move(box.x, box.y);
    await dossierControl(page, 'dialog', `Official: ${box.text}`);
    await clickDossier(page, 'button', 'Next mention');
    const second = await page.evaluate(() => getSelection()?.toString());
    expect(second).toBeTruthy();
    expect(second).not.toBe(box.text);
    await clickDossier(page, 'button', 'Previous mention');
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(box.text);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await findDossierControls(page, 'dialog', /.*/)).length).toBe(0);
    await page.close();
  });

  it('lists officials and who said what in the popup, scrolls to them, and switches off', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(SAMPLE_URL);
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length)
      .toBeGreaterThan(0);
    const popup = await env.dossier.openPopup(page);
    const who = popup.getByRole('region', { name: "Who's who" });
    await who.waitFor();
    await expect(who.getByRole('button').count()).resolves.toBe(
      expectedOnSample().officials.length,
    );
    await expect(
      popup.getByRole('region', { name: 'Who said what' }).textContent(),
    ).resolves.toContain('Unattributed');
    const scrolled = await page.evaluate(() => window.scrollY);
    await who.getByRole('button').last().click();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled + 200);

    await popup.getByRole('checkbox', { name: 'Highlights on www.caspianpolicy.org' }).uncheck();
    await expect.poll(() => painted(page, 'dossier-official')).toEqual([]);
    await expect.poll(() => painted(page, 'dossier-quote')).toEqual([]);
    // Kept across a reload, until switched on again.
    await page.reload();
    await page.waitForTimeout(1_000);
    expect(await painted(page, 'dossier-official')).toEqual([]);
    await popup.reload();
    await popup.getByRole('checkbox', { name: 'Highlights on www.caspianpolicy.org' }).check();
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length)
      .toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });
});

describe('a quotation retold inside a quotation', () => {
  it('paints the outer and inner quotations, and shows each one’s own card on hover', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto('http://www.csis.org/retold');
    await expect
      .poll(async () => (await painted(page, 'dossier-quote')).map(squash))
      .toEqual(
        expect.arrayContaining([
          squash('And I said, ‘We need more.’ They said, ‘No.’ We walked out of the room,'),
          squash('We need more.'),
          squash('No.'),
        ]),
      );
    /** The middle of `word`'s first letters in the retold paragraph, on screen. */
    const at = (word: string) =>
      page.evaluate((w) => {
        const text = document.getElementById('retold')?.firstChild as Text;
        const range = document.createRange();
        const i = text.data.indexOf(w);
        range.setStart(text, i);
        range.setEnd(text, i + 2);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, word);
    // Between the inner quotations: the outer one, said by the minister.
    let point = await at('They');
    await page.mouse.move(point.x, point.y);
    await dossierControl(page, 'dialog', 'Quotation by Amara Okafor');
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await findDossierControls(page, 'dialog', /.*/)).length).toBe(0);
    // Inside the second inner quotation: "they" named nobody.
    point = await at('No.');
    await page.mouse.move(point.x, point.y);
    await dossierControl(page, 'dialog', 'Unattributed quotation');
    await page.close();
  });
});

describe('on living pages', () => {
  it('analyses a single-page-app navigation once, and paints the new article', async () => {
    await env.dossier.worker.evaluate(() => {
      const g = globalThis as unknown as { analyses: number };
      g.analyses = 0;
      chrome.runtime.onMessage.addListener((m: { type?: string }) => {
        if (m?.type === 'badge/set') g.analyses++;
      });
    });
    const page = await env.dossier.context.newPage();
    await page.goto('http://www.csis.org/spa/one');
    await expect.poll(() => painted(page, 'dossier-official')).toContain('Amara Okafor');
    const before = await env.dossier.worker.evaluate(
      () => (globalThis as unknown as { analyses: number }).analyses,
    );
    await page.click('#next');
    await expect
      .poll(() => painted(page, 'dossier-official'), { timeout: 10_000 })
      .toContain('Tomas Lindgren');
    await page.waitForTimeout(1_500);
    const after = await env.dossier.worker.evaluate(
      () => (globalThis as unknown as { analyses: number }).analyses,
    );
    expect(after - before).toBe(1);
    expect(await painted(page, 'dossier-official')).not.toContain('Amara Okafor');
    await page.close();
  });

  it('works on a page that breaks built-ins and throws its own errors, without errors of its own', async () => {
    const page = await env.dossier.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('http://www.csis.org/hostile');
    const popup = await env.dossier.openPopup(page);
    const who = popup.getByRole('region', { name: "Who's who" });
    await who.waitFor({ timeout: 10_000 });
    await expect(who.textContent()).resolves.toContain('Amara Okafor');
    expect(errors.every((e) => e.includes('the page throws its own errors'))).toBe(true);
    // Nothing of Dossier's reaches the page's own message listeners.
    expect(await page.evaluate('window.messagesSeen')).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('paints only the top page, leaves frames, shadow roots and an editable box alone, without errors', async () => {
    const { page, dossierErrors } = await openWatched(
      env.dossier.context,
      'http://www.csis.org/awkward',
    );
    const textBefore = await page.evaluate(() => document.body.textContent);
    const shadowBefore = await page.evaluate(
      () => document.querySelector('dossier-test-widget')?.shadowRoot?.innerHTML,
    );
    await expect.poll(async () => (await painted(page, 'dossier-official')).length).toBe(14);
    const names = new Set(await painted(page, 'dossier-official'));
    expect(names).toEqual(new Set(['Amara Okafor', 'Okafor']));
    // Every range is in the top document, outside the shadow root, the frames and the box.
    expect(
      await page.evaluate(() =>
        [...((CSS.highlights.get('dossier-official') as Iterable<Range> | undefined) ?? [])].every(
          (r) =>
            r.startContainer.getRootNode() === document &&
            !r.startContainer.parentElement?.closest('#comment'),
        ),
      ),
    ).toBe(true);
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      await frame.waitForLoadState();
      expect(await frame.evaluate(() => CSS.highlights.size)).toBe(0);
    }
    // Selecting in the editable box offers no toolbar; typing there works as on any page.
    await selectPhrase(page, 'should publish');
    await page.waitForTimeout(300);
    expect(await findDossierControls(page, 'button', 'Note')).toEqual([]);
    await page.click('#comment');
    await page.keyboard.press('End');
    await page.keyboard.type(' And the lawyers.');
    expect(await page.locator('#comment').textContent()).toBe(
      'Foreign Minister Amara Okafor should publish the maps. And the lawyers.',
    );
    expect(
      await page.evaluate(
        () => document.querySelector('dossier-test-widget')?.shadowRoot?.innerHTML,
      ),
    ).toBe(shadowBefore);
    expect(await page.evaluate(() => document.body.textContent)).toBe(
      textBefore?.replace('the maps.', 'the maps. And the lawyers.'),
    );
    expect(dossierErrors).toEqual([]);
    // The page's own world sees no new globals: the same page where Dossier does not run has
    // the same window properties.
    const globals = (p: Page) =>
      p.evaluate(() => Object.getOwnPropertyNames(window).sort().join(' '));
    const plain = await env.dossier.context.newPage();
    await plain.goto('http://plain.example.org/awkward');
    expect(await globals(page)).toBe(await globals(plain));
    await plain.close();
    await page.close();
  });
});
