/**
 * Notes from the popup in real Chromium: edit and delete with both tabs following, undo, an
 * edited page that keeps what it can and lists the rest as orphans, a Markdown export
 * downloaded from the popup, and twenty tabs writing at once.
 */

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Annotation } from '../../lib/annotation';
import { exportW3C } from '../../lib/export/w3c';
import { handOffFilesLeft } from '../../scripts/in-page';
import { SAMPLE_HTML, useDossier } from './harness';
import { clickDossier, dossierControl, painted, selectPhrase } from './page-helpers';

const env = useDossier();

/** Serves the sample at a fresh address (so each test starts with no notes) and opens it. */
async function freshSample(
  name: string,
  html = SAMPLE_HTML,
): Promise<{ url: string; open(): Promise<Page> }> {
  env.server.set(`www.caspianpolicy.org/research/${name}`, html);
  const url = `http://www.caspianpolicy.org/research/${name}`;
  return {
    url,
    async open() {
      const page = await env.dossier.context.newPage();
      await page.goto(url);
      return page;
    },
  };
}

/** Makes a note through the selection toolbar. */
async function note(page: Page, phrase: string, text: string): Promise<void> {
  await selectPhrase(page, phrase);
  await clickDossier(page, 'button', 'Note');
  await (await dossierControl(page, 'textbox', 'Note')).fill(text);
  await clickDossier(page, 'button', 'Save note');
  await expect.poll(async () => (await painted(page, 'dossier-note')).includes(phrase)).toBe(true);
}

// The sample's canonical link points every copy of it at one page identity; these tests serve
// copies without it, so that each test has a page of its own.
const noCanonical = (name: string) =>
  SAMPLE_HTML.replace(
    /<link rel="canonical"[^>]*>/,
    `<link rel="canonical" href="/research/${name}">`,
  );

describe('the popup', () => {
  it('edits and deletes a note, both tabs follow, and Undo brings it back', async () => {
    const site = await freshSample('popup-edit', noCanonical('popup-edit'));
    const tabA = await site.open();
    const tabB = await site.open();
    await tabA.bringToFront();
    await note(tabA, 'press conference', 'first thought');
    await expect.poll(() => painted(tabB, 'dossier-note')).toEqual(['press conference']);

    const popup = await env.dossier.openPopup(tabA);
    await popup.getByText('first thought').waitFor();
    await popup.getByRole('button', { name: 'Edit' }).click();
    const box = popup.getByRole('textbox', { name: 'Note' });
    await box.fill('second thought <script>alert(1)</script>');
    await popup.getByText('Saved').waitFor({ timeout: 5_000 });

    // Another popup (or a reopened one) sees the edit, as text.
    const again = await env.dossier.openPopup(tabB);
    await again.getByText('second thought <script>alert(1)</script>').waitFor();
    expect(await again.locator('main script').count()).toBe(0);

    await again.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => painted(tabA, 'dossier-note')).toEqual([]);
    await expect.poll(() => painted(tabB, 'dossier-note')).toEqual([]);
    await again.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => painted(tabA, 'dossier-note')).toEqual(['press conference']);
    await expect.poll(() => painted(tabB, 'dossier-note')).toEqual(['press conference']);
    for (const p of [popup, again, tabA, tabB]) await p.close();
  });

  it('keeps notes on an edited page: moved text re-anchors, deleted text becomes an orphan', async () => {
    const name = 'popup-orphan';
    const site = await freshSample(name, noCanonical(name));
    const tab = await site.open();
    await note(tab, 'press conference', 'kept');
    await note(tab, 'State Department', 'will vanish');
    await tab.close();

    // The publisher edits the article: new text above, one passage gone.
    const edited = noCanonical(name)
      .replace(
        '<article',
        '<article><p>Editor’s note: this article was updated on March 20.</p><div hidden></div',
      )
      .replace('meetings at the State Department and the White House', 'meetings in Washington');
    env.server.set(`www.caspianpolicy.org/research/${name}`, edited);
    const page = await site.open();
    await expect.poll(() => painted(page, 'dossier-note')).toEqual(['press conference']);
    const popup = await env.dossier.openPopup(page);
    const orphans = popup.getByRole('region', { name: /Orphans/ });
    await orphans.waitFor();
    await expect(orphans.textContent()).resolves.toContain('will vanish');
    await expect(orphans.textContent()).resolves.toContain('State Department');
    await popup.close();
    await page.close();
  });

  it('downloads this page’s notes as Obsidian-ready Markdown', async () => {
    const name = 'popup-export';
    const site = await freshSample(name, noCanonical(name));
    const tab = await site.open();
    await note(tab, 'press conference', 'Check **the** date');
    const popup = await env.dossier.openPopup(tab);
    await popup.getByText('Check **the** date').waitFor();
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.getByRole('button', { name: 'Export this page' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      'Trans-Caspian Gas Talks Gain Momentum as Washington Steps Up Its Role.md',
    );
    const file = readFileSync((await download.path()) as string, 'utf8');
    const front = parseYaml(file.split('---')[1] ?? '') as Record<string, unknown>;
    expect(front.title).toBe(
      'Trans-Caspian Gas Talks Gain Momentum as Washington Steps Up Its Role',
    );
    expect(front.url).toBe(site.url);
    expect(file).toContain('> press conference');
    expect(file).toContain('Check \\*\\*the\\*\\* date');
    expect(file).toMatch(/\^dossier-[0-9a-f]{8}/);
    expect(file).toContain('#:~:text=');
    expect(file).toContain('## Officials on this page');
    await popup.close();
    await tab.close();
  });
});

describe('importing from the popup', () => {
  it('imports a W3C file into the store and onto the page; a file with one bad entry changes nothing', async () => {
    const name = 'popup-import';
    const site = await freshSample(name, noCanonical(name));
    const tab = await site.open();
    const popup = await env.dossier.openPopup(tab);
    await popup.getByRole('button', { name: 'Import…' }).waitFor();
    const annotation = (id: string, exact: string, note: string): Annotation => ({
      id,
      page: { url: site.url, title: 'Sample', site: 'Caspian Policy Center' },
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: exact.length },
      note,
      tags: ['imported'],
      colour: 'green',
      created: '2026-03-01T10:00:00.000Z',
      updated: '2026-03-01T10:00:00.000Z',
    });
    const now = new Date('2026-03-02T00:00:00Z');
    const good = exportW3C(
      [annotation('00000000-0000-4000-8000-00000000a001', 'press conference', 'From Hypothesis')],
      { now },
    );
    const file = (text: string) => ({
      name: 'notes.jsonld',
      mimeType: 'application/ld+json',
      buffer: Buffer.from(text),
    });
    await popup.locator('input[type=file]').setInputFiles(file(good));
    await popup.getByRole('status').filter({ hasText: 'Imported 1 note.' }).waitFor();
    await expect.poll(() => painted(tab, 'dossier-note')).toEqual(['press conference']);

    // One good entry and one that says nothing about where it is: nothing of it is written.
    const bad = JSON.parse(
      exportW3C(
        [
          annotation('00000000-0000-4000-8000-00000000a002', 'State Department', 'second'),
          annotation('00000000-0000-4000-8000-00000000a003', 'White House', 'third'),
        ],
        { now },
      ),
    );
    delete bad.first.items[1].target;
    await popup.locator('input[type=file]').setInputFiles(file(JSON.stringify(bad)));
    const alert = popup.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    await expect(alert.textContent()).resolves.toMatch(/^Nothing was imported\. .*Entry 2/);
    expect(await painted(tab, 'dossier-note')).toEqual(['press conference']);
    // The popup used the hand-off database (lib/store/hand-off.ts), and neither the imported
    // file nor the refused one is left there: a missing store fails the count.
    const leftBehind = await popup.evaluate(handOffFilesLeft);
    expect(leftBehind).toBe(0);
    await popup.close();
    await tab.close();
  });
});

describe('many tabs at once', () => {
  it('20 tabs writing 50 notes each end with 1,000 notes stored and shown in every tab', async () => {
    const clauses = Array.from({ length: 1000 }, (_, i) => `Clause ${String(i).padStart(4, '0')}`);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The long treaty</title></head>
<body><main><article><h1>The long treaty</h1>${clauses
      .map(
        (c) =>
          `<p>${c} sets out how the parties share the water of the upper basin in dry years.</p>`,
      )
      .join('\n')}</article></main></body></html>`;
    env.server.set('www.csis.org/treaty', html);
    const tabs: Page[] = [];
    for (let t = 0; t < 20; t++) {
      const page = await env.dossier.context.newPage();
      await page.goto('http://www.csis.org/treaty');
      tabs.push(page);
    }
    const ids = await Promise.all(tabs.map((tab) => env.dossier.tabIdOf(tab)));
    // Every tab writes its fifty notes at the same time as the others.
    await Promise.all(
      tabs.map(async (tab, t) => {
        for (let i = 0; i < 50; i++) {
          await selectPhrase(tab, clauses[t * 50 + i] as string, { release: false });
          const reply = await env.dossier.worker.evaluate(
            ([id]) =>
              chrome.tabs.sendMessage(id as number, {
                type: 'selection/act',
                payload: { action: 'highlight' },
              }),
            [ids[t]],
          );
          expect(reply).toEqual({ ok: true, value: { done: true } });
        }
      }),
    );
    // The tabs' replies say the highlight was made; each save reaches the store just after.
    const stored = () =>
      env.dossier.worker.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            // PouchDB's IndexedDB database of notes: one record per note (lib/store/pouch.ts).
            const open = indexedDB.open('_pouch_dossier-notes');
            open.onsuccess = () => {
              const count = open.result.transaction('docs').objectStore('docs').count();
              count.onsuccess = () => {
                open.result.close();
                resolve(count.result);
              };
              count.onerror = () => reject(count.error);
            };
            open.onerror = () => reject(open.error);
          }),
      );
    // Each acknowledged save is a durable ('strict') transaction, one after another in the
    // background: on a busy machine 1,000 of them take a while to reach the disk.
    await expect.poll(stored, { timeout: 90_000 }).toBeGreaterThanOrEqual(1000);
    for (const tab of tabs) {
      await expect
        .poll(
          async () =>
            (await painted(tab, 'dossier-note')).filter((s) => s.startsWith('Clause')).length,
          {
            timeout: 20_000,
          },
        )
        .toBe(1000);
    }
    for (const tab of tabs) await tab.close();
  }, 360_000);
});
