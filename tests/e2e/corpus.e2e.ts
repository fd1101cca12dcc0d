/**
 * Real news and policy pages from the shared corpus (../shared/corpus/pages, read at run time,
 * never copied here), served under a policy centre's hostname so Dossier runs on them as it
 * would on the real site. On each: every official mention and quotation the analysis found is
 * registered as a highlight, the page's text is the same as without Dossier, Dossier causes no
 * error, and switching highlights off removes them all. Skipped, with the reason, on a machine
 * without the corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AnalysisSummary } from '../../lib/protocol';
import { ROOT, useDossier } from './harness';
import { openWatched } from './page-helpers';

const CORPUS = path.resolve(ROOT, '../shared/corpus/pages');
const names = existsSync(CORPUS)
  ? readdirSync(CORPUS)
      .filter((name) => existsSync(path.join(CORPUS, name, 'source.html')))
      .sort()
  : [];
const html = (name: string) => readFileSync(path.join(CORPUS, name, 'source.html'), 'utf8');

const env = useDossier(
  Object.fromEntries(
    names.flatMap((name) => [
      // Where Dossier runs (a listed policy centre) and where it does not.
      [`www.brookings.edu/corpus/${name}`, html(name)],
      [`plain.example.org/corpus/${name}`, html(name)],
    ]),
  ),
);

/** Opens a page without the script files it links to (they are not saved with it). */
const open = (url: string) => openWatched(env.dossier.context, url, { blockScriptFiles: true });

const count = (page: Page, name: string) =>
  page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);

/**
 * The body's text outside scripts and styles, with long numbers masked and runs of white space
 * read as one space: pages make some text afresh on each load (herald-sun-1 writes a tracking
 * script's cache-busting timestamp into its body; guardian-hong-kong-view's inline scripts move
 * white-space-only nodes in an order that depends on timing), which is not Dossier's doing.
 */
const pageText = (page: Page) =>
  page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement?.closest('script, style, noscript, template')) text += n.nodeValue;
    }
    return text.replace(/\d{10,}/g, '#').replace(/\s+/g, ' ');
  });

describe.skipIf(names.length === 0)(`on the corpus pages (${CORPUS})`, () => {
  it.each(names)(
    '%s: paints what the analysis found, changes no text, raises no error',
    async (name) => {
      const { page, dossierErrors } = await open(`http://www.brookings.edu/corpus/${name}`);
      await page.bringToFront();
      const tabId = await env.dossier.tabIdOf(page);
      const summary = async (): Promise<AnalysisSummary | null> => {
        const reply = (await env.dossier.worker.evaluate(
          (id) => chrome.tabs.sendMessage(id, { type: 'page/analysis', payload: {} }),
          tabId,
        )) as { ok: boolean; value?: AnalysisSummary } | undefined;
        return reply?.ok && reply.value ? reply.value : null;
      };
      // The answer waits for the analysis under way, if the page is still being read.
      await expect.poll(summary, { timeout: 15_000 }).not.toBeNull();
      const found = (await summary()) as AnalysisSummary;
      const mentions = found.officials.reduce((n, o) => n + o.mentions, 0);
      await expect.poll(() => count(page, 'dossier-official'), { timeout: 15_000 }).toBe(mentions);
      await expect.poll(() => count(page, 'dossier-quote')).toBe(found.quotes.length);

      // The same page where Dossier does not run has the same text.
      const { page: plain } = await open(`http://plain.example.org/corpus/${name}`);
      expect(await pageText(page)).toBe(await pageText(plain));
      await plain.close();
      expect(dossierErrors).toEqual([]);

      // Highlights off everywhere: nothing stays registered.
      await env.dossier.worker.evaluate(() =>
        chrome.storage.local.set({ settings: { highlights: false, sites: {} } }),
      );
      await expect.poll(() => count(page, 'dossier-official')).toBe(0);
      expect(await count(page, 'dossier-quote')).toBe(0);
      await env.dossier.worker.evaluate(() => chrome.storage.local.remove('settings'));
      await page.close();
    },
  );
});
