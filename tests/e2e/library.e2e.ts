/**
 * The library and the side panel in real Chromium with the production build: three pages
 * naming one official in three forms give one person with the quotations of all three; a
 * quotation's link opens its page at the passage; a split and a merge survive a fourth page;
 * "Forget this page" removes its quotations; the person's Markdown and the library's CSV
 * download and parse; the panel's "This page" follows the reader's tab switches; after the
 * bundled sample article is read, the ministry quoted on it is listed under "Organisations
 * quoted", not among People, with its quotation a click away.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCsv } from '../helpers/csv';
import { axeViolations } from './axe';
import { libraryArticle } from './fixtures/library-pages';
import { useDossier } from './harness';
import { mergeWith, openPerson, people, separate } from './library-panel';

const URLS = [0, 1, 2, 3].map((i) => `http://www.caspianpolicy.org/research/library-${i}`);
const env = useDossier(
  Object.fromEntries(URLS.map((u, i) => [u.replace('http://', ''), libraryArticle(i)])),
);
const QUOTES = [
  'The United States is ready to help both sides reach a lasting peace,',
  'A durable agreement is within reach if both capitals keep talking,',
  'This corridor matters for the energy security of all of Europe,',
];

async function openArticle(i: number): Promise<Page> {
  const page = await env.dossier.context.newPage();
  await page.goto(URLS[i] as string);
  return page;
}

async function openPanel(view: 'library' | 'page' = 'library'): Promise<Page> {
  const panel = await env.dossier.context.newPage();
  await panel.goto(`chrome-extension://${env.dossier.extensionId}/sidepanel.html?view=${view}`);
  return panel;
}

async function quotesShown(panel: Page): Promise<string[]> {
  return (await panel.locator('.person .quotes blockquote').allInnerTexts()).map((t) =>
    t.replace(/^“|”$/g, ''),
  );
}

describe('the library', () => {
  const tabs: Page[] = [];
  let panel: Page;

  it('gives one person, with the quotations of all three pages that name him differently', async () => {
    for (const i of [0, 1, 2]) tabs.push(await openArticle(i));
    panel = await openPanel();
    await expect
      .poll(async () => (await people(panel))[0] ?? '', { timeout: 20_000 })
      .toMatch(/^Antony Blinken.*3 pages/s);
    await openPerson(panel, 'Antony Blinken');
    expect((await quotesShown(panel)).sort()).toEqual([...QUOTES].sort());
    expect(await panel.getByText('Deputy Secretary of State').count()).toBeGreaterThan(0);
  });

  it('opens a quotation’s page at the passage', async () => {
    const [opened] = await Promise.all([
      env.dossier.context.waitForEvent('page'),
      panel.getByRole('link', { name: new RegExp(QUOTES[1]?.slice(0, 30) as string) }).click(),
    ]);
    await opened.waitForLoadState('load');
    expect(opened.url().startsWith(`${URLS[1]}#:~:text=`)).toBe(true);
    // The passage sits below the first screen: the browser scrolled to it.
    await expect
      .poll(() => opened.evaluate(() => window.scrollY), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await opened.close();
  });

  it('keeps a split and a merge when a fourth page is read', async () => {
    await separate(panel, 'Tony Blinken');
    await expect.poll(() => quotesShown(panel)).toHaveLength(2);
    await panel.getByRole('button', { name: '← All people' }).click();
    await expect.poll(() => people(panel)).toContainEqual(expect.stringMatching(/^Tony Blinken/));

    await openPerson(panel, 'Jake Sullivan');
    await mergeWith(panel, 'Jacob', /^Jacob Sullivan/);
    await expect
      .poll(() => panel.locator('.person > p.muted').first().textContent())
      .toMatch(/^2 pages/);
    await panel.getByRole('button', { name: '← All people' }).click();

    tabs.push(await openArticle(3));
    await expect
      .poll(async () => (await people(panel)).find((r) => r.startsWith('Jake Sullivan')), {
        timeout: 20_000,
      })
      .toMatch(/3 pages/);
    const rows = await people(panel);
    expect(rows.find((r) => r.startsWith('Tony Blinken'))).toMatch(/2 pages/);
    expect(rows.find((r) => r.startsWith('Antony Blinken'))).toMatch(/2 pages/);
    expect(rows.some((r) => r.startsWith('Jacob Sullivan'))).toBe(false);
  });

  it('downloads the person’s Markdown and the library’s CSV, which parse', async () => {
    await openPerson(panel, 'Antony Blinken');
    const [md] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export dossier' }).click(),
    ]);
    expect(md.suggestedFilename()).toBe('Antony Blinken.md');
    const text = readFileSync((await md.path()) as string, 'utf8');
    const front = parseYaml(text.split('---')[1] ?? '') as Record<string, unknown>;
    expect(front.title).toBe('Antony Blinken');
    expect(text).toContain(`> ${QUOTES[0]}`);
    expect(text).toContain(`](<${URLS[0]}#:~:text=`);

    await panel.getByRole('button', { name: '← All people' }).click();
    const [csv] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export library (CSV)' }).click(),
    ]);
    const rows = parseCsv(readFileSync((await csv.path()) as string, 'utf8'));
    expect(rows[0]).toEqual([
      'speaker',
      'quote',
      'page_title',
      'url',
      'site',
      'published',
      'read_at',
      'speaker_kind',
    ]);
    const durable = rows.find((r) => r[1]?.startsWith('A durable agreement'));
    expect(durable?.[0]).toBe('Antony Blinken');
    expect(durable?.[3]).toBe(URLS[1]);
    expect(rows.length).toBeGreaterThanOrEqual(5);
  });

  it('follows the tab the reader switches to, and "Forget this page" removes its quotations', async () => {
    const side = await openPanel('page');
    await tabs[0]?.bringToFront();
    await side
      .getByRole('heading', { name: 'Washington Steps Up Its Mediation in the South Caucasus' })
      .waitFor();
    await tabs[1]?.bringToFront();
    await side
      .getByRole('heading', { name: 'A New Round of Border Talks Opens in Brussels' })
      .waitFor();
    await side.getByRole('button', { name: 'Forget this page' }).click();
    await side.getByText('Forgotten: this page is no longer in the library.').waitFor();

    await openPerson(panel, 'Antony Blinken');
    await expect.poll(() => quotesShown(panel)).toEqual([QUOTES[0]]);
    await side.close();
    await panel.close();
    for (const t of tabs) await t.close();
  });
});

describe('an organisation that speaks, on the sample article', () => {
  const MINISTRY = 'Kavaristan’s Ministry of Energy';

  it('is listed under "Organisations quoted", not among People, with its quotation', async () => {
    const article = await env.dossier.context.newPage();
    await article.goto('http://www.caspianpolicy.org/research/sample');
    const panel = await openPanel();
    await expect
      .poll(async () => (await people(panel)).join('\n'), { timeout: 20_000 })
      .toMatch(/^Marcus Hale/m);
    const rows = await people(panel);
    expect(rows.some((r) => r.startsWith('Daria Kovalenko'))).toBe(true);
    expect(rows.some((r) => r.includes('Ministry'))).toBe(false);
    const orgs = panel.getByRole('list', { name: 'Organisations quoted' });
    await expect
      .poll(() => orgs.locator('summary').allInnerTexts(), { timeout: 20_000 })
      .toContainEqual(expect.stringMatching(new RegExp(`^${MINISTRY}`)));
    await orgs.locator('summary', { hasText: MINISTRY }).click();
    const link = orgs.getByRole('link', { name: /^“/ }).first();
    await link.waitFor();
    // The article's own address (its canonical link) with the passage.
    expect(await link.getAttribute('href')).toMatch(
      /^https?:\/\/www\.caspianpolicy\.org\/.*#:~:text=/,
    );
    // The new section, opened, is as usable by keyboard and screen reader as the rest.
    expect(await axeViolations(panel)).toEqual([]);
    const [csv] = await Promise.all([
      panel.waitForEvent('download'),
      panel.getByRole('button', { name: 'Export library (CSV)' }).click(),
    ]);
    const table = parseCsv(readFileSync((await csv.path()) as string, 'utf8'));
    const kind = table[0]?.indexOf('speaker_kind') ?? -1;
    const said = table.filter((r) => r[0] === MINISTRY);
    expect(said.length).toBeGreaterThan(0);
    expect(said.every((r) => r[kind] === 'organisation')).toBe(true);
    await panel.close();
    await article.close();
  });
});
