/**
 * What a page's own scripts can do to Dossier, in real Chromium (issues 18 and 19): pages with
 * no body or that are not HTML, a page that defined Dossier's old host tag as a throwing custom
 * element, page scripts reading and pressing Dossier's in-page controls, a forged WXT
 * "content script started" event, and single-page-app navigations that must not leave the
 * previous article's listeners and nodes behind.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ministerParagraphs } from './fixtures/pages';
import { useDossier } from './harness';
import {
  cdpOf,
  clickDossier,
  dossierControl,
  findDossierControls,
  openWatched,
  painted,
  selectPhrase,
  waitForDossierUi,
  watchErrors,
} from './page-helpers';

const article = (extra = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Talks resume</title>${extra}</head><body><main><article><h1>Talks resume</h1>
${ministerParagraphs('Amara Okafor', 'Okafor', 'water')}</article></main></body></html>`;

const noBody = article(`<script>
document.addEventListener('DOMContentLoaded', () => document.body.remove());
</script>`);

const svg = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><title>A chart</title>
<text x="10" y="40">Foreign Minister Amara Okafor said “we will sign”.</text></svg>`;

const throwingHostTag = article(`<script>
customElements.define('dossier-ui', class extends HTMLElement {
  constructor() { super(); throw new Error('the page forbids dossier-ui'); }
});
</script>`);

/** A single-page app whose "next" swaps in article number n with pushState. */
const spa = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story 0</title></head>
<body><main><article id="story"><h1>Story 0</h1>${ministerParagraphs('Amara Okafor', 'Okafor', 'water')}</article></main>
<script>
window.go = (n) => {
  history.pushState({}, '', '/spa-leak/' + n);
  document.title = 'Story ' + n;
  const names = ['Amara Okafor', 'Tomas Lindgren', 'Ingrid Moreau'];
  const name = names[n % 3];
  const paras = Array.from({ length: 7 }, (_, i) =>
    '<p>Foreign Minister ' + name + ' arrived on day ' + (i + 1) + ' of round ' + n +
    '. “We will not sign an agreement that leaves the hard questions open,” ' +
    name.split(' ')[1] + ' said, adding that both delegations had brought new maps.</p>').join('');
  document.getElementById('story').innerHTML = '<h1>Story ' + n + '</h1>' + paras;
};
</script></body></html>`;

const env = useDossier({
  'www.csis.org/no-body': noBody,
  'www.csis.org/chart.svg': () => ({ type: 'image/svg+xml', body: svg }),
  'www.csis.org/throwing-host': throwingHostTag,
  'plain.example.org/throwing-host': throwingHostTag,
  'www.csis.org/article': article(),
  'www.csis.org/spa-leak': spa,
  'plain.example.org/spa-leak': spa,
});

/** Asks the page's content script what it knows about the page, as the popup does. */
async function pageInfo(page: Page): Promise<unknown> {
  const id = await env.dossier.tabIdOf(page);
  return env.dossier.worker.evaluate(
    (tab) =>
      chrome.tabs.sendMessage(tab, { type: 'page/info', payload: {} }).catch((e: Error) => ({
        error: e.message,
      })),
    id,
  );
}

describe('pages with no body, or not HTML', () => {
  it('stays quiet and idle where the page removed its body, and says so to the popup', async () => {
    const { page, dossierErrors } = await openWatched(
      env.dossier.context,
      'http://www.csis.org/no-body',
    );
    await expect
      .poll(() => pageInfo(page), { timeout: 10_000 })
      .toMatchObject({ ok: true, value: { isArticle: false } });
    await page.waitForTimeout(500);
    expect(dossierErrors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.children.length)).toBe(1);
    await page.close();
  });

  it('stays quiet and idle on an SVG document', async () => {
    const { page, dossierErrors } = await openWatched(
      env.dossier.context,
      'http://www.csis.org/chart.svg',
    );
    await expect
      .poll(() => pageInfo(page), { timeout: 10_000 })
      .toMatchObject({ ok: true, value: { isArticle: false } });
    await page.waitForTimeout(500);
    expect(dossierErrors).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toContain(
      'data-dossier-ui',
    );
    await page.close();
  });
});

describe('a page that defines custom elements', () => {
  it('never runs page code when Dossier adds its UI: no page error that the page alone lacks', async () => {
    const plain = await openWatched(env.dossier.context, 'http://plain.example.org/throwing-host');
    const watched = await openWatched(env.dossier.context, 'http://www.csis.org/throwing-host');
    await waitForDossierUi(watched.page);
    await expect
      .poll(async () => (await painted(watched.page, 'dossier-official')).length)
      .toBeGreaterThan(0);
    await plain.page.waitForTimeout(300);
    expect(watched.pageErrors).toEqual(plain.pageErrors);
    expect(watched.dossierErrors).toEqual([]);
    await plain.page.close();
    await watched.page.close();
  });
});

describe('page scripts and Dossier’s controls', () => {
  it('cannot read the in-page UI, nor make a note without the reader', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto('http://www.csis.org/article');
    await waitForDossierUi(page);
    // The page looks for Dossier's UI the way a hostile script would.
    const seen = await page.evaluate(() =>
      [...document.documentElement.children]
        .filter((e) => e.hasAttribute('data-dossier-ui'))
        .map((e) => e.shadowRoot?.innerHTML ?? null),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s === null)).toBe(true);

    // It selects text and fakes the reader's mouseup, then presses every button it can find.
    await page.evaluate(async () => {
      const text = document.querySelector('article p')?.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 16);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 300));
      for (const host of document.documentElement.children) {
        for (const b of host.shadowRoot?.querySelectorAll('button') ?? []) {
          (b as HTMLButtonElement).click();
        }
      }
    });
    await page.waitForTimeout(500);
    expect(await findDossierControls(page, 'button', 'Highlight')).toEqual([]);
    expect(await painted(page, 'dossier-note')).toEqual([]);
    await page.close();
  });

  it('never hear a note as it is typed through their bubbling key and input listeners', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto('http://www.csis.org/article');
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      for (const target of [window, document]) {
        for (const type of ['keydown', 'keyup', 'keypress', 'input', 'beforeinput']) {
          target.addEventListener(type, (e) => {
            heard.push((e as KeyboardEvent).key ?? (e as InputEvent).data ?? type);
          });
        }
      }
    });
    await selectPhrase(page, 'new maps');
    await clickDossier(page, 'button', 'Note');
    await (await dossierControl(page, 'textbox', 'Note')).fill('secret plan');
    await clickDossier(page, 'button', 'Save note');
    await expect.poll(() => painted(page, 'dossier-note')).toEqual(['new maps']);
    const heard = (await page.evaluate('window.heard')) as string[];
    expect(heard.join('')).not.toContain('s');
    expect(heard.filter((k) => k.length === 1)).toEqual([]);
    await page.close();
  });

  it('are not stopped by a forged "content script started" event', async () => {
    const page = await env.dossier.context.newPage();
    const { dossierErrors } = await watchErrors(page);
    await page.goto('http://www.csis.org/article');
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length)
      .toBeGreaterThan(0);
    const before = await painted(page, 'dossier-official');
    await page.evaluate((id) => {
      const type = `${id}:content:wxt:content-script-started`;
      for (const target of [document, window]) {
        target.dispatchEvent(
          new CustomEvent(type, {
            detail: { contentScriptName: 'content', messageId: 'forged' },
          }),
        );
      }
    }, env.dossier.extensionId);
    await page.waitForTimeout(500);
    expect(await painted(page, 'dossier-official')).toEqual(before);
    await expect(pageInfo(page)).resolves.toMatchObject({ ok: true });
    expect(dossierErrors).toEqual([]);
    await page.close();
  });
});

describe('single-page-app navigations', () => {
  /** Listeners and nodes alive after `navigations` more pushState navigations (after a GC). */
  async function countersAfter(page: Page, from: number, navigations: number, dossier: boolean) {
    for (let n = from; n < from + navigations; n++) {
      await page.evaluate((k) => (window as unknown as { go(n: number): void }).go(k), n);
      if (dossier) {
        const name = ['Amara Okafor', 'Tomas Lindgren', 'Ingrid Moreau'][n % 3] as string;
        await expect
          .poll(async () => (await painted(page, 'dossier-official')).includes(name), {
            timeout: 10_000,
          })
          .toBe(true);
      }
      await page.waitForTimeout(dossier ? 50 : 10);
    }
    const cdp = await cdpOf(page);
    await cdp.send('HeapProfiler.collectGarbage');
    return cdp.send('Memory.getDOMCounters');
  }

  it('leave no listeners or nodes of the previous articles behind', async () => {
    const withDossier = await env.dossier.context.newPage();
    await withDossier.goto('http://www.csis.org/spa-leak');
    await waitForDossierUi(withDossier);
    const a = await countersAfter(withDossier, 1, 6, true);
    const b = await countersAfter(withDossier, 7, 18, true);
    const plain = await env.dossier.context.newPage();
    await plain.goto('http://plain.example.org/spa-leak');
    const pa = await countersAfter(plain, 1, 6, false);
    const pb = await countersAfter(plain, 7, 18, false);
    // Over 18 navigations the page by itself grows by some amount; Dossier may add a layer's
    // worth (its live article's listeners and UI), never one per navigation.
    const growth = {
      listeners: b.jsEventListeners - a.jsEventListeners,
      nodes: b.nodes - a.nodes,
    };
    const pageGrowth = {
      listeners: pb.jsEventListeners - pa.jsEventListeners,
      nodes: pb.nodes - pa.nodes,
    };
    expect(growth.listeners).toBeLessThan(pageGrowth.listeners + 9);
    expect(growth.nodes).toBeLessThan(pageGrowth.nodes + 150);
    await withDossier.close();
    await plain.close();
  }, 120_000);
});
