/**
 * The PDF viewer with the rest of Dossier, in real Chromium with the production build: the
 * same hover cards as on pages over the report's text layer (pointer and keyboard), the popup
 * and the side panel's "This page" listing a report's officials and quotations (and the page
 * export carrying them), and a running header repeated on every page left out of the analysis.
 * The PDFs are generated at test time (scripts/make-test-pdfs).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdfs, RUNNING_HEADER, type TestPdfs } from '../../scripts/make-test-pdfs';
import { useDossier } from './harness';
import {
  clickDossier,
  dossierControl,
  findDossierControls,
  openPdfViewer,
  painted,
} from './page-helpers';

const env = useDossier();
let pdfs: TestPdfs;
const SITE = 'http://www.caspianpolicy.org/files';

beforeAll(async () => {
  pdfs = await makeTestPdfs(12);
  for (const [name, body] of Object.entries(pdfs)) {
    env.server.set(`www.caspianpolicy.org/files/${name}`, () => ({
      type: 'application/pdf',
      body,
    }));
  }
}, 120_000);

/** Opens a PDF's address in a new tab and waits until the viewer has analysed it. */
const openPdf = (url: string) => openPdfViewer(env.dossier.context, url);

/** The centre and text of the first painted range under `name` on the viewer. */
async function firstPainted(page: Page, name: string) {
  await expect.poll(async () => (await painted(page, name)).length).toBeGreaterThan(0);
  return page.evaluate((n) => {
    const first = [...(CSS.highlights.get(n) as Iterable<Range>)][0] as Range;
    first.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    // The first line's box: a range over several lines has blank space in its bounding box.
    const r = first.getClientRects()[0] ?? first.getBoundingClientRect();
    return {
      x: r.left + Math.min(8, r.width / 2),
      y: r.top + r.height / 2,
      text: first.toString(),
    };
  }, name);
}

describe('hover cards on the PDF text layer', () => {
  it('shows an official’s card on hover, whose next and previous buttons move the selection', async () => {
    const { page, errors } = await openPdf(`${SITE}/sample.pdf`);
    const box = await firstPainted(page, 'dossier-official');
    await page.mouse.move(box.x, box.y);
    await dossierControl(page, 'dialog', `Official: ${box.text}`);
    await clickDossier(page, 'button', 'Next mention');
    await expect.poll(() => page.evaluate(() => getSelection()?.toString() ?? '')).not.toBe('');
    const second = await page.evaluate(() => getSelection()?.toString());
    await clickDossier(page, 'button', 'Previous mention');
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(box.text);
    expect(second).not.toBe(box.text);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await findDossierControls(page, 'dialog', /.*/)).length).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('walks the officials from the keyboard', async () => {
    const { page, errors } = await openPdf(`${SITE}/sample.pdf`);
    await firstPainted(page, 'dossier-official');
    // Alt+Shift+↓ opens the first mention's card, focused; again moves on to the next one.
    await page.locator('#pages').focus();
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect
      .poll(async () => (await findDossierControls(page, 'dialog', /^Official: /)).length)
      .toBe(1);
    const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
    expect(selected.length).toBeGreaterThan(0);
    expect(await painted(page, 'dossier-official')).toContain(selected);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect
      .poll(() => page.evaluate(() => getSelection()?.toString() ?? ''))
      .not.toBe(selected);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the popup and the side panel on a PDF', () => {
  it('list the report’s officials and quotations, go to them, and export them', async () => {
    const { page } = await openPdf(`${SITE}/sample.pdf`);
    // A quotation's card says who said it; "Save as note" keeps it (the export needs a note).
    const quote = await firstPainted(page, 'dossier-quote');
    await page.mouse.move(quote.x, quote.y);
    await dossierControl(page, 'dialog', /quotation/i);
    await clickDossier(page, 'button', 'Save as note');
    await expect.poll(() => painted(page, 'dossier-note')).toEqual([quote.text]);
    await page.mouse.move(1, 1);

    const popup = await env.dossier.openPopup(page);
    const who = popup.getByRole('region', { name: "Who's who" });
    await who.waitFor();
    const viewerOfficials = await page
      .getByRole('list', { name: 'Officials' })
      .getByRole('button')
      .count();
    await expect(who.getByRole('button').count()).resolves.toBe(viewerOfficials);
    await expect(who.getByRole('button', { name: /Daria Kovalenko/ }).count()).resolves.toBe(1);
    await expect(
      popup.getByRole('region', { name: 'Who said what' }).textContent(),
    ).resolves.toContain('We have not signed anything yet');

    // A click in the popup scrolls the viewer to the last official's first mention.
    await page.locator('#pages').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const bottom = await page.locator('#pages').evaluate((el) => el.scrollTop);
    await who.getByRole('button').first().click();
    await expect
      .poll(() => page.locator('#pages').evaluate((el) => el.scrollTop))
      .toBeLessThan(bottom);

    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Export this page' }).click(),
    ]);
    const file = readFileSync((await download.path()) as string, 'utf8');
    expect(file).toContain('Officials on this page');
    expect(file).toContain('Daria Kovalenko');
    expect(file).toContain('Who said what');
    expect(file).toContain(`[p. 1](<${SITE}/sample.pdf#page=1>)`);
    await popup.close();

    const tabId = await env.dossier.tabIdOf(page);
    const side = await env.dossier.context.newPage();
    await side.goto(
      `chrome-extension://${env.dossier.extensionId}/sidepanel.html?view=page&tab=${tabId}`,
    );
    const sideWho = side.getByRole('region', { name: "Who's who" });
    await sideWho.waitFor();
    await expect(sideWho.getByRole('button', { name: /Daria Kovalenko/ }).count()).resolves.toBe(1);
    await side.close();
    await page.close();
  });
});

describe('running headers', () => {
  it('leaves a header repeated on every page out of the officials, while it stays on screen', async () => {
    const { page } = await openPdf(`${SITE}/report-200.pdf`);
    // The header is drawn on every page and can be read and selected there.
    await page.getByText(RUNNING_HEADER).first().waitFor({ state: 'attached' });
    const officials = await page
      .getByRole('list', { name: 'Officials' })
      .getByRole('button')
      .allInnerTexts();
    expect(officials.join('\n')).toContain('Daria Kovalenko');
    expect(officials.join('\n')).not.toContain('Halvorsen');
    expect((await painted(page, 'dossier-official')).join(' ')).not.toContain('Halvorsen');
    await page.close();
  });
});
