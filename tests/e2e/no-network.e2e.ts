/**
 * PRIVACY.md says nothing leaves the browser: this proves it. While Dossier reads a page, a
 * note is made, shown in a card, edited in the popup, exported three ways, backed up, cited
 * (BibTeX, CSL-JSON, Copy citation) and imported, two recorders listen:
 *
 * - the browser's own: every request of every page of the context (the article, with Dossier's
 *   content script in it, and the popup) and of the extension's service worker, as Playwright
 *   reports them (`context.on('request')`);
 * - the network's: Chromium maps every host name to the test's page server, so whatever any
 *   part of the browser sends anywhere (an offscreen document included, http or https: a TLS
 *   handshake is logged with the host it asks for) arrives there and is logged.
 *
 * Any request to the network other than the page's own (its address, and the favicon the
 * browser asks for) fails the test. The one exception, in the network's log only: Chromium's own
 * services (component updates, Google accounts, autofill), which it calls with or without any
 * extension; they are Google hosts, named below, that Dossier's code never names. A second test
 * has the service worker and the popup make requests, to show that both recorders see them.
 */
import { readFileSync } from 'node:fs';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportW3C } from '../../lib/export/w3c';
import { SAMPLE_HTML, useDossier } from './harness';
import { clickDossier, dossierControl, painted, selectPhrase } from './page-helpers';

// The sample without its canonical link, so that its notes belong to this address.
const PAGE_URL = 'http://www.caspianpolicy.org/research/private';
const env = useDossier({
  'www.caspianpolicy.org/research/private': SAMPLE_HTML.replace(/<link rel="canonical"[^>]*>/, ''),
});

/** A request the browser reported: who made it and where to. */
interface Seen {
  from: string;
  url: string;
}

/** Starts recording the requests of every page and service worker of the context. */
function recordRequests(context: BrowserContext): Seen[] {
  const seen: Seen[] = [];
  context.on('request', (request: Request) => {
    let from = 'service worker';
    if (!request.serviceWorker()) {
      try {
        from = request.frame().page().url();
      } catch {
        from = 'unknown';
      }
    }
    seen.push({ from, url: request.url() });
  });
  return seen;
}

/** Requests that reach the network: not the extension's own files, data: or blob: URLs. */
const toNetwork = (url: string) => /^(https?|wss?|ftp):/i.test(url);

/** What the page itself asks for: its own address, and the favicon Chromium fetches for it. */
const PAGE_OWN = new Set([PAGE_URL, new URL('/favicon.ico', PAGE_URL).href]);
const PAGE_OWN_RECEIVED = new Set(
  [...PAGE_OWN].map((u) => `GET ${new URL(u).host}${new URL(u).pathname}`),
);

/** Chromium's own services, which it calls with or without an extension (see above). */
const CHROMIUM_SERVICES =
  /^(TLS|GET|POST) [a-z0-9.-]*\.(google\.com|googleapis\.com|gvt1\.com)[/]?/;

/** What reached the network that the page did not ask for (Chromium's services aside). */
const foreignReceived = () =>
  env.server.received.filter((r) => !PAGE_OWN_RECEIVED.has(r) && !CHROMIUM_SERVICES.test(r));

let seen: Seen[] = [];
beforeAll(() => {
  seen = recordRequests(env.dossier.context);
});

/** Clicks a download button; the file's suggested name and its text. */
async function download(popup: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return {
    name: file.suggestedFilename(),
    text: readFileSync((await file.path()) as string, 'latin1'),
  };
}

describe('privacy', () => {
  it('makes no request of its own while reading, noting, exporting and importing', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(PAGE_URL);
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length, { timeout: 15_000 })
      .toBeGreaterThan(0);

    // A card, then a note from the selection toolbar.
    const box = await page.evaluate(() => {
      const r = [...(CSS.highlights.get('dossier-official') as Iterable<Range>)][0];
      const b = r?.getBoundingClientRect();
      return b ? { x: b.left + b.width / 2, y: b.top + b.height / 2 } : null;
    });
    if (!box) throw new Error('no official painted');
    await page.mouse.move(box.x, box.y);
    await dossierControl(page, 'dialog', /^Official: /);
    await page.keyboard.press('Escape');
    await selectPhrase(page, 'press conference');
    await clickDossier(page, 'button', 'Note');
    await (await dossierControl(page, 'textbox', 'Note')).fill('a private thought');
    await clickDossier(page, 'button', 'Save note');
    await expect.poll(() => painted(page, 'dossier-note')).toContain('press conference');

    // The popup: edit, export three ways, back up, import.
    const popup = await env.dossier.openPopup(page);
    await popup.getByText('a private thought').waitFor();
    await popup.getByRole('button', { name: 'Edit' }).click();
    await popup.getByRole('textbox', { name: 'Note' }).fill('a private thought, edited');
    await popup.getByText('Saved').waitFor({ timeout: 5_000 });
    expect((await download(popup, 'Export this page')).name).toMatch(/\.md$/);
    expect((await download(popup, 'Export everything')).name).toMatch(/\.zip$/);
    expect((await download(popup, 'Back up')).name).toMatch(/\.json$/);

    // Citations: the pages read as BibTeX and CSL-JSON (read back by citation-js), and this
    // page's reference on the clipboard.
    const bib = await download(popup, 'Export citations (BibTeX)');
    expect(bib.name).toMatch(/\.bib$/);
    const title = 'Trans-Caspian Gas Talks Gain Momentum as Washington Steps Up Its Role';
    expect(new Cite(bib.text).data).toMatchObject([{ title, URL: PAGE_URL }]);
    const csl = await download(popup, 'Export citations (CSL-JSON)');
    expect(JSON.parse(csl.text)).toMatchObject([{ type: 'webpage', title, URL: PAGE_URL }]);
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Copy citation' }).click();
    const copied = popup.getByRole('status').filter({ hasText: /^Copied: / });
    await copied.waitFor({ timeout: 30_000 });
    expect(await copied.textContent()).toContain(`${title}.`);
    const imported = exportW3C(
      [
        {
          id: '00000000-0000-4000-8000-00000000b001',
          page: { url: PAGE_URL, title: 'Sample', site: 'Caspian Policy Center' },
          quote: { type: 'TextQuoteSelector', exact: 'White House', prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector', start: 0, end: 11 },
          note: 'imported',
          tags: [],
          colour: 'blue',
          created: '2026-03-01T10:00:00.000Z',
          updated: '2026-03-01T10:00:00.000Z',
        },
      ],
      { now: new Date('2026-03-02T00:00:00Z') },
    );
    await popup.locator('input[type=file]').setInputFiles({
      name: 'notes.jsonld',
      mimeType: 'application/ld+json',
      buffer: Buffer.from(imported),
    });
    await popup.getByRole('status').filter({ hasText: 'Imported 1 note.' }).waitFor();
    await expect.poll(() => painted(page, 'dossier-note')).toContain('White House');
    // Whatever Dossier might send on its own time (a beacon after the work) has time to go.
    await page.waitForTimeout(1_500);

    const foreign = seen.filter((r) => toNetwork(r.url) && !PAGE_OWN.has(r.url));
    expect(foreign).toEqual([]);
    expect(seen.filter((r) => r.url === PAGE_URL).length).toBeGreaterThan(0);
    expect(foreignReceived()).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('would notice a request from the service worker or the popup, http or https', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(PAGE_URL);
    const popup = await env.dossier.openPopup(page);
    await env.dossier.worker.evaluate(() =>
      fetch('http://tracker.invalid/from-worker').catch(() => null),
    );
    await popup.evaluate(() => fetch('https://tracker.invalid/from-popup').catch(() => null));
    await expect
      .poll(() => seen.filter((r) => r.url.includes('tracker.invalid')).map((r) => r.from))
      .toEqual(['service worker', popup.url()]);
    await expect
      .poll(() => [...new Set(foreignReceived())])
      .toEqual(['GET tracker.invalid/from-worker', 'TLS tracker.invalid']);
    await popup.close();
    await page.close();
  });
});
