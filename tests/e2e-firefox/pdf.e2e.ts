/// <reference types="chrome" />
/**
 * PDF reports in Firefox ESR: a PDF opened on a listed policy site goes to Dossier's PDF viewer
 * (Firefox's own viewer runs no content script, so the background sends the tab there), keeps
 * the PDF's address as its identity and `#page=N`, and the viewer paints the report's officials
 * and quotations. Back does not return to a PDF that would bounce into the viewer again. The
 * PDFs are generated at test time (scripts/make-test-pdfs).
 */
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdfs } from '../../scripts/make-test-pdfs';
import { EXTENSION_ORIGIN, SAMPLE_URL, useFirefoxDossier } from './harness';
import { painted, until } from './page-helpers';

const env = useFirefoxDossier();
const PDF_URL = 'http://www.caspianpolicy.org/files/sample.pdf';

beforeAll(async () => {
  const pdfs = await makeTestPdfs(3);
  env.server.set('www.caspianpolicy.org/files/sample.pdf', () => ({
    type: 'application/pdf',
    body: pdfs['sample.pdf'],
  }));
});

/** The tab's location as its own script sees it (BiDi hides moz-extension addresses). */
const hrefOf = (page: Page) => page.evaluate(() => location.href).catch(() => '');

describe('a PDF on a policy site in Firefox', () => {
  it('opens in Dossier’s viewer, at the page asked for, and is analysed', async () => {
    const page = await env.dossier.open(SAMPLE_URL);
    // The navigation to the PDF is replaced by the viewer's: its own promise may reject.
    await page.goto(`${PDF_URL}#page=2`).catch(() => undefined);
    const viewer = `${EXTENSION_ORIGIN}/pdf.html?file=${encodeURIComponent(PDF_URL)}#page=2`;
    await until(
      () => hrefOf(page),
      (href) => href === viewer,
      { what: 'the viewer' },
    );
    await page.waitForFunction(() => document.body.dataset.state === 'analysed', {
      timeout: 60_000,
    });
    expect(await painted(page, 'dossier-official')).toEqual(
      expect.arrayContaining(['Daria Kovalenko', 'Marcus Hale']),
    );
    // The viewer replaced the PDF in history: Back returns to the article, not into a loop.
    await page.goBack().catch(() => undefined);
    await until(
      () => hrefOf(page),
      (href) => href === SAMPLE_URL,
      { what: 'the article' },
    );
    await page.close();
  });
});
