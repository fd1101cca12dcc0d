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
import { SAMPLE_URL, useDossier } from './harness';
import {
  cdpOf,
  clickDossier,
  dossierControl,
  findDossierControls,
  openWatched,
  painted,
  pressToSave,
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
  'www.csis.org/capture': article(),
  'www.csis.org/handover': article(),
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

  it('never hear a note as it is typed, even through capture listeners on window and document', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto('http://www.csis.org/capture');
    // A key logger as a page would write one: capture-phase listeners run before anything of
    // Dossier's, for every key typed into the page's document (closed shadow roots included).
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      const types = ['keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'textInput'];
      for (const type of [...types, 'compositionstart', 'compositionupdate', 'compositionend']) {
        for (const target of [window, document]) {
          target.addEventListener(
            type,
            (e) => heard.push(`${type}:${(e as KeyboardEvent).key ?? (e as InputEvent).data}`),
            { capture: true },
          );
        }
      }
    });
    await selectPhrase(page, 'new maps');
    await clickDossier(page, 'button', 'Note');
    await (await dossierControl(page, 'textbox', 'Note')).fill('secret plan');
    const tags = await dossierControl(page, 'combobox', 'Tags');
    await tags.fill('hidden tag');
    await page.keyboard.press('Enter');
    await pressToSave(page);
    await expect.poll(() => painted(page, 'dossier-note')).toEqual(['new maps']);
    // Not one key pressed in the editor reached the page; only the release of the save
    // shortcut's keys, after the saved editor had closed, lands in the page as usual.
    const heard = (await page.evaluate('window.heard')) as string[];
    expect(heard.filter((h) => !/^keyup:(Enter|Control)$/.test(h))).toEqual([]);

    // The note was saved as typed, with its tag.
    const popup = await env.dossier.context.newPage();
    await popup.goto(`chrome-extension://${env.dossier.extensionId}/popup.html`);
    const all = (await popup.evaluate(() =>
      chrome.runtime.sendMessage({ type: 'notes/all', payload: {} }),
    )) as {
      ok: boolean;
      value: { annotations: { page: { url: string }; note: string; tags: string[] }[] };
    };
    const saved = all.value.annotations.filter((a) => a.page.url.endsWith('/capture'));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      note: 'secret plan',
      tags: ['hidden tag'],
    });
    await popup.close();
    await page.close();
  });

  it('cannot learn the editor frame’s secret nor hand it a port of their own', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto('http://www.csis.org/handover');
    await selectPhrase(page, 'new maps');
    await clickDossier(page, 'button', 'Note');
    await dossierControl(page, 'textbox', 'Note');
    // The page looks for the frame among its window's frames, to read its name (the secret)
    // and address and to offer it a port of its own, shaped as the real hand-over.
    const probe = await page.evaluate(async () => {
      const found: string[] = [];
      const channel = new MessageChannel();
      const got: unknown[] = [];
      channel.port1.onmessage = (e) => got.push(e.data);
      for (let i = 0; i < window.frames.length; i++) {
        const frame = window.frames[i] as Window;
        for (const read of [() => frame.name, () => frame.location.href, () => frame.document]) {
          try {
            found.push(String(read()));
          } catch {
            // Closed to the page, as it must be.
          }
        }
        frame.postMessage({ type: 'dossier/editor-port', secret: '', field: 'note' }, '*', [
          channel.port2,
        ]);
      }
      await new Promise((r) => setTimeout(r, 500));
      return { frames: window.frames.length, found, got };
    });
    // A frame inside a (closed) shadow tree is not among the page's `window.frames`: the page
    // cannot even address the editor, let alone read it.
    expect(probe.frames).toBe(0);
    expect(probe.found).toEqual([]);
    expect(probe.got).toEqual([]);
    // The reader's typing still goes to Dossier, and nothing reaches the page's port.
    await (await dossierControl(page, 'textbox', 'Note')).fill('still mine');
    await clickDossier(page, 'button', 'Save note');
    await expect.poll(() => painted(page, 'dossier-note')).toEqual(['new maps']);
    expect(
      await page.evaluate(async () => {
        await new Promise((r) => setTimeout(r, 200));
        return document.documentElement.outerHTML.includes('still mine');
      }),
    ).toBe(false);
    await page.close();
  });

  it('suggest the reader’s tags from other sites in the editor, never in the page’s DOM', async () => {
    // A note with a tag, made on another site.
    const first = await env.dossier.context.newPage();
    await first.goto('http://www.csis.org/article');
    await selectPhrase(first, 'new maps');
    await clickDossier(first, 'button', 'Tags');
    await (await dossierControl(first, 'combobox', 'Tags')).fill('okafor-file');
    await first.keyboard.press('Enter');
    await clickDossier(first, 'button', 'Save note');
    await expect.poll(() => painted(first, 'dossier-note')).toContain('new maps');
    await first.close();

    const page = await env.dossier.context.newPage();
    await page.goto(SAMPLE_URL);
    await selectPhrase(page, 'press conference');
    await clickDossier(page, 'button', 'Tags');
    await (await dossierControl(page, 'combobox', 'Tags')).fill('okafor');
    // The editor offers it…
    await dossierControl(page, 'option', 'okafor-file');
    // …from its own document: nowhere in the page's, closed shadow roots included.
    const cdp = await cdpOf(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    // Every node, attribute and text of the page's document, shadow roots included; a frame's
    // document (the editor's, of the extension's origin) is not the page's.
    const pageDom = JSON.stringify(root, (key, value) =>
      key === 'contentDocument' ? undefined : value,
    );
    expect(pageDom).toContain('data-dossier-ui');
    expect(pageDom).toContain('Dossier note editor');
    expect(pageDom).not.toContain('okafor-file');
    await page.keyboard.press('Escape');
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
