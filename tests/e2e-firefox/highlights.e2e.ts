/// <reference types="chrome" />
/**
 * Dossier in Firefox ESR: on the sample article and on the corpus's seed article (both served
 * under www.caspianpolicy.org, a listed policy centre) every official mention and quotation is
 * painted with the CSS Custom Highlight API and the page's text stays as it was; and host access,
 * which Firefox leaves to the user, is asked for plainly (the welcome page and the popup) and
 * starts Dossier at once when given. The corpus test is skipped, with the reason, on a machine
 * without ../shared/corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { analyzePage } from '../../lib/analysis/pipeline';
import type { AnalysisSummary } from '../../lib/protocol';
import { POLICY_SITE_MATCHES } from '../../lib/sites';
import { ROOT, SAMPLE_HTML, SAMPLE_URL, useFirefoxDossier } from './harness';
import { clickText, dossierReady, pageText, painted, until } from './page-helpers';

const SEED = path.resolve(ROOT, '../shared/corpus/pages/caspian-seed/source.html');
const seedHtml = existsSync(SEED) ? readFileSync(SEED, 'utf8') : null;

const env = useFirefoxDossier({
  // Where Dossier does not run: the same pages, to compare their text with.
  'plain.example.org/research/sample': SAMPLE_HTML,
  ...(seedHtml
    ? {
        'www.caspianpolicy.org/corpus/caspian-seed': seedHtml,
        'plain.example.org/corpus/caspian-seed': seedHtml,
      }
    : {}),
});

/** The same analysis in Node (happy-dom), which the ranges painted in Firefox must match. */
function expectedOnSample() {
  const window = new Window({ url: SAMPLE_URL });
  window.document.write(SAMPLE_HTML);
  const { detection } = analyzePage(window.document as unknown as Document);
  window.happyDOM.abort();
  return detection;
}

const squash = (s: string) => s.replace(/[\s\u00ad]+/g, '');

describe('Firefox: highlights', () => {
  it('paints every official mention and quotation of the sample, text unchanged, badge set', async () => {
    const expected = expectedOnSample();
    const mentions = expected.officials.flatMap((o) => o.mentions.map((m) => m.text));
    expect(mentions.length).toBeGreaterThan(15);

    const page = await env.dossier.open(SAMPLE_URL);
    const officials = await until(
      () => painted(page, 'dossier-official'),
      (found) => found.length === mentions.length,
      { what: 'the officials to be painted' },
    );
    expect(officials.map(squash).sort()).toEqual(mentions.map(squash).sort());
    const quotes = await painted(page, 'dossier-quote');
    expect(quotes.map(squash).sort()).toEqual(expected.quotes.map((q) => squash(q.text)).sort());

    const plain = await env.dossier.open('http://plain.example.org/research/sample');
    expect(await pageText(page)).toBe(await pageText(plain));
    expect(await plain.$('[data-dossier-ui]')).toBeNull();
    await plain.close();

    const tabId = await env.dossier.tabIdOf(page);
    const badge = await until(
      () => env.dossier.inExtension((id) => chrome.action.getBadgeText({ tabId: id }), tabId),
      (text) => text !== '',
      { what: 'the badge' },
    );
    expect(badge).toBe(String(expected.officials.length));
    await page.close();
  });

  it.skipIf(seedHtml === null)(
    `paints what the analysis found on the corpus's seed article, text unchanged (needs ${SEED})`,
    async () => {
      const page = await env.dossier.open('http://www.caspianpolicy.org/corpus/caspian-seed');
      await dossierReady(page);
      const tabId = await env.dossier.tabIdOf(page);
      const summary = await until(
        () =>
          env.dossier.inExtension(
            async (id) =>
              (await chrome.tabs.sendMessage(id, { type: 'page/analysis', payload: {} })) as {
                ok: boolean;
                value?: AnalysisSummary;
              },
            tabId,
          ),
        (reply) => reply?.ok === true && (reply.value?.officials.length ?? 0) > 0,
        { what: 'the seed article’s analysis' },
      );
      const found = summary.value as AnalysisSummary;
      const mentions = found.officials.reduce((n, o) => n + o.mentions, 0);
      const count = (name: string) => page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);
      await until(
        () => count('dossier-official'),
        (n) => n === mentions,
        { what: `${mentions} official mentions` },
      );
      expect(await count('dossier-quote')).toBe(found.quotes.length);
      expect(found.quotes.length).toBeGreaterThan(0);

      const plain = await env.dossier.open('http://plain.example.org/corpus/caspian-seed');
      expect(await pageText(page)).toBe(await pageText(plain));
      await plain.close();
      await page.close();
    },
  );
});

describe('Firefox: host access is the user’s to give', () => {
  const revoke = () =>
    env.dossier.inExtension(
      (origins) => chrome.permissions.remove({ origins }),
      [...POLICY_SITE_MATCHES],
    );
  const hasAccess = () =>
    env.dossier.inExtension(
      (origins) => chrome.permissions.contains({ origins }),
      [...POLICY_SITE_MATCHES],
    );

  it('the welcome page names the sites and why, and one click allows them all', async () => {
    const welcome = env.dossier.extensionPage;
    expect(await welcome.evaluate(() => document.body.textContent)).toContain(
      'highlight the officials',
    );
    expect(await welcome.evaluate(() => document.querySelectorAll('.sites li').length)).toBe(
      POLICY_SITE_MATCHES.length / 2,
    );
    // As installed, the listed sites are granted (the install prompt's default in Firefox),
    // and the popup's question about a listed site says so.
    expect(await hasAccess()).toBe(true);
    const status = () =>
      env.dossier.inExtension(
        (url) => chrome.runtime.sendMessage({ type: 'site/status', payload: { url } }),
        'http://www.caspianpolicy.org/research/sample',
      );
    expect(await status()).toMatchObject({ ok: true, value: { listed: true, access: true } });
    await welcome.waitForFunction(() =>
      document.querySelector('[role=status]')?.textContent?.includes('may run on these sites'),
    );

    // The user withdraws it (about:addons → Permissions); a policy page then stays untouched.
    expect(await revoke()).toBe(true);
    expect(await hasAccess()).toBe(false);
    expect(await status()).toMatchObject({ ok: true, value: { listed: true, access: false } });
    const page = await env.dossier.open('http://www.caspianpolicy.org/research/sample?via=welcome');

    // The welcome page, opened again (as from a popup's link), now asks.
    const again = await env.dossier.openExtensionPage('/welcome.html');
    await clickText(again, 'button', 'Allow on policy sites');
    await again.waitForFunction(() =>
      document.querySelector('[role=status]')?.textContent?.includes('may run on these sites'),
    );
    expect(await hasAccess()).toBe(true);
    await again.close();
    // The tab already open starts at once, without a reload.
    await until(
      async () => (await painted(page, 'dossier-official')).length,
      (n) => n > 0,
      { what: 'the open tab to be painted once access was given' },
    );
    await page.close();
  });

  it('the popup says when a listed site has no access, and "Allow on policy sites" fixes it', async () => {
    expect(await revoke()).toBe(true);
    const page = await env.dossier.open('http://www.caspianpolicy.org/research/sample?via=popup');
    const popup = await env.dossier.openPopup(page);
    // Opened as a page, not from the toolbar button (which would grant activeTab), the popup is
    // not told the address of a tab on a site it has no access to: it says so and asks.
    await popup.waitForFunction(() =>
      document
        .querySelector('[aria-label="Access to policy sites"]')
        ?.textContent?.includes('The browser does not let Dossier see this tab.'),
    );
    expect(await page.$('[data-dossier-ui]')).toBeNull();
    await clickText(popup, 'button', 'Allow on policy sites');
    await popup.waitForFunction(() => document.body.textContent?.includes('1,041 words'));
    expect(await hasAccess()).toBe(true);
    await until(
      async () => (await painted(page, 'dossier-official')).length,
      (n) => n > 0,
      { what: 'the tab to be painted once access was given' },
    );
    await popup.close();
    await page.close();
  });
});
