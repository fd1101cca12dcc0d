/**
 * PDF reports in real Chromium with the production build: a PDF served under a policy
 * hostname opens in Dossier's viewer (pdf.html?file=…), its officials and quotations are
 * painted on the text layer, a note made on page 3 survives a reload, appears in a second tab
 * and on the same file at another address, and exports with "p. 3"; scanned, corrupt and
 * password-protected files say so. The PDFs are generated at test time (scripts/make-test-pdfs).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../lib/pdf/load';
import { makeTestPdfs, type TestPdfs } from '../../scripts/make-test-pdfs';
import { useDossier } from './harness';
import { clickDossier, dossierControl, openPdfViewer, painted } from './page-helpers';

const env = useDossier();
let pdfs: TestPdfs;
const SITE = 'http://www.caspianpolicy.org/files';

beforeAll(async () => {
  pdfs = await makeTestPdfs();
  for (const [name, body] of Object.entries(pdfs)) {
    env.server.set(`www.caspianpolicy.org/files/${name}`, () => ({
      type: 'application/pdf',
      body,
    }));
  }
  // The same report at another listed site, and a PDF on a site Dossier has no access to.
  env.server.set('www.csis.org/mirror/copy.pdf', () => ({
    type: 'application/pdf',
    body: pdfs['report-200.pdf'],
  }));
  env.server.set('example.org/files/sample.pdf', () => ({
    type: 'application/pdf',
    body: pdfs['sample.pdf'],
  }));
}, 120_000);

/** Opens a PDF's address in a new tab and waits for the viewer to finish or give up. */
const openPdf = (url: string) =>
  openPdfViewer(env.dossier.context, url, ['analysed', 'error', 'no-text']);

/** Selects the first `length` characters of the longest text run on a page of the viewer. */
async function selectOnPage(page: Page, pageNumber: number, length: number): Promise<string> {
  await page.waitForSelector(`.page[data-page="${pageNumber}"] .textLayer span`);
  const phrase = await page.evaluate(
    ([n, len]) => {
      const spans = [
        ...document.querySelectorAll<HTMLElement>(`.page[data-page="${n}"] .textLayer span`),
      ];
      const span = spans.sort(
        (a, b) => (b.textContent?.length ?? 0) - (a.textContent?.length ?? 0),
      )[0];
      const text = span?.firstChild;
      if (!text) throw new Error(`no text on page ${n}`);
      span.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, len as number);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      return range.toString();
    },
    [pageNumber, length] as const,
  );
  // The end of the reader's gesture: a real mouse-up (a page script's made-up one opens nothing).
  await page.mouse.up();
  return phrase;
}

describe('the PDF viewer', () => {
  it('opens a PDF on a policy site in Dossier and paints officials and quotations', async () => {
    const { page, errors } = await openPdf(`${SITE}/sample.pdf`);
    const target = new URL(page.url());
    expect(target.protocol).toBe('chrome-extension:');
    expect(target.searchParams.get('file')).toBe(`${SITE}/sample.pdf`);
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('analysed');

    await expect
      .poll(() => painted(page, 'dossier-official'))
      .toEqual(expect.arrayContaining(['Daria Kovalenko', 'Kovalenko', 'Marcus Hale']));
    const quotes = await painted(page, 'dossier-quote');
    expect(quotes.join(' ')).toContain('We have not signed anything yet');
    const officials = page.getByRole('list', { name: 'Officials' });
    expect(await officials.getByRole('button', { name: /Daria Kovalenko/ }).count()).toBe(1);
    expect(await officials.getByRole('button').count()).toBeGreaterThan(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a note made on page 3 through a reload, in a second tab, at another address, and in the export', async () => {
    const { page, errors } = await openPdf(`${SITE}/report-200.pdf#page=3`);
    expect(await page.locator('#status').textContent()).toContain('in 200 pages');
    // Every page was read and analysed: officials are listed from the report's last pages too.
    await expect.poll(() => painted(page, 'dossier-official')).not.toEqual([]);

    const phrase = await selectOnPage(page, 3, 24);
    await clickDossier(page, 'button', 'Note');
    await (await dossierControl(page, 'textbox', 'Note')).fill('Compare with section 3');
    await clickDossier(page, 'button', 'Save note');
    await expect.poll(() => painted(page, 'dossier-note')).toEqual([phrase]);

    const { page: second } = await openPdf(`${SITE}/report-200.pdf#page=3`);
    await expect.poll(() => painted(second, 'dossier-note')).toEqual([phrase]);
    await second.close();

    // The same file at another address finds its notes by the PDF's fingerprint.
    const { page: mirror } = await openPdf('http://www.csis.org/mirror/copy.pdf#page=3');
    await expect.poll(() => painted(mirror, 'dossier-note')).toEqual([phrase]);
    await mirror.close();

    await page.reload();
    await page.waitForFunction(() => document.body.dataset.state === 'analysed', null, {
      timeout: 60_000,
    });
    await expect.poll(() => painted(page, 'dossier-note')).toEqual([phrase]);
    await page.getByText('Compare with section 3').first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export this page' }).click(),
    ]);
    const file = readFileSync((await download.path()) as string, 'utf8');
    expect(file).toContain(`> ${phrase}`);
    expect(file).toContain('Compare with section 3');
    expect(file).toContain(`[p. 3](<${SITE}/report-200.pdf#page=3>)`);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('says when a PDF has no text layer, is damaged, or wants a password', async () => {
    const cases: [string, string][] = [
      ['scanned.pdf', MESSAGES.noText],
      ['corrupt.pdf', MESSAGES.broken],
      ['encrypted.pdf', MESSAGES.password],
    ];
    for (const [name, message] of cases) {
      const { page, errors } = await openPdf(`${SITE}/${name}`);
      await expect(page.getByRole('alert').filter({ hasText: message }).count()).resolves.toBe(1);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('asks for access before reading a PDF from a site that is not listed', async () => {
    const viewer = `chrome-extension://${env.dossier.extensionId}/pdf.html?file=${encodeURIComponent('http://example.org/files/sample.pdf')}`;
    const page = await env.dossier.context.newPage();
    await page.goto(viewer);
    await page.waitForFunction(() => document.body.dataset.state === 'error');
    expect(await page.getByRole('alert').textContent()).toContain(
      MESSAGES.noAccess('http://example.org'),
    );
    await expect(
      page.getByRole('button', { name: 'Allow access to http://example.org' }).count(),
    ).resolves.toBe(1);
    await page.close();
  });
});
