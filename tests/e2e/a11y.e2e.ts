/**
 * Accessibility, checked by axe-core in real Chromium: the popup (with a note listed, and with
 * its note editor open), the in-page selection toolbar, its note editor and the hover card, in
 * light and in dark mode (`prefers-color-scheme` emulated): no serious or critical violation.
 * And `prefers-reduced-motion`: the in-page panels appear without their animation.
 * The in-page checks reach the UI through the DevTools protocol (tests/e2e/axe.ts), so they
 * hold whether its shadow root is open or closed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeInPageUi, axeViolations, inEachUiRoot } from './axe';
import { SAMPLE_HTML, useDossier } from './harness';
import {
  clickDossier,
  dossierControl,
  findDossierControls,
  painted,
  selectPhrase,
} from './page-helpers';

const PAGE_URL = 'http://www.caspianpolicy.org/research/a11y';
const env = useDossier({
  'www.caspianpolicy.org/research/a11y': SAMPLE_HTML.replace(/<link rel="canonical"[^>]*>/, ''),
});

const SCHEMES = ['light', 'dark'] as const;

async function openArticle(scheme: 'light' | 'dark'): Promise<Page> {
  const page = await env.dossier.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(PAGE_URL);
  await expect
    .poll(async () => (await painted(page, 'dossier-official')).length, { timeout: 15_000 })
    .toBeGreaterThan(0);
  return page;
}

/** The centre of the first painted official, in viewport coordinates. */
async function firstOfficial(page: Page): Promise<{ x: number; y: number; text: string }> {
  const box = await page.evaluate(() => {
    const r = [...(CSS.highlights.get('dossier-official') as Iterable<Range>)][0];
    if (!r) return null;
    r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    const b = r.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2, text: r.toString() };
  });
  if (!box) throw new Error('no official painted');
  return box;
}

describe.each(SCHEMES)('in %s mode', (scheme) => {
  it('the in-page selection toolbar, its note editor and the hover card pass axe', async () => {
    const page = await openArticle(scheme);
    const official = await firstOfficial(page);
    await page.mouse.move(official.x, official.y);
    await dossierControl(page, 'dialog', `Official: ${official.text}`);
    expect(await axeInPageUi(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await selectPhrase(page, 'press conference');
    await dossierControl(page, 'button', 'Note');
    expect(await axeInPageUi(page)).toEqual([]);
    await clickDossier(page, 'button', 'Note');
    await (await dossierControl(page, 'textbox', 'Note')).fill('Ask about the date');
    expect(await axeInPageUi(page)).toEqual([]);
    await clickDossier(page, 'button', 'Save note');
    await expect.poll(() => painted(page, 'dossier-note')).toContain('press conference');
    await page.close();
  });

  it('the popup, with its notes and with a note being edited, passes axe', async () => {
    const page = await openArticle(scheme);
    await selectPhrase(page, 'State Department');
    await clickDossier(page, 'button', 'Highlight');
    await expect.poll(() => painted(page, 'dossier-note')).toContain('State Department');
    const popup = await env.dossier.openPopup(page);
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByRole('button', { name: 'Edit' }).first().waitFor();
    expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(
      scheme === 'dark',
    );
    expect(await axeViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Edit' }).first().click();
    await popup.getByRole('textbox', { name: 'Note' }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });
});

describe('with prefers-reduced-motion', () => {
  /** The animation of each panel Dossier shows on the page. */
  const panelAnimations = (page: Page) =>
    inEachUiRoot<string[]>(
      page,
      `function (root) {
        return [...root.querySelectorAll('.panel')].map((p) => getComputedStyle(p).animationName);
      }`,
    ).then((lists) => lists.flat());

  it('shows the card without animation when reduced motion is asked for, with it otherwise', async () => {
    const page = await openArticle('light');
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      await page.emulateMedia({ reducedMotion });
      const official = await firstOfficial(page);
      await page.mouse.move(official.x, official.y);
      await dossierControl(page, 'dialog', `Official: ${official.text}`);
      expect(await panelAnimations(page)).toEqual([
        reducedMotion === 'reduce' ? 'none' : 'dossier-in',
      ]);
      await page.keyboard.press('Escape');
      await expect
        .poll(async () => (await findDossierControls(page, 'dialog', /.*/)).length)
        .toBe(0);
    }
    await page.close();
  });
});
