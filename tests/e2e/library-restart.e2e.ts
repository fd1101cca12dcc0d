/**
 * The library survives restarts (issue 13, "Bad input and faults"), in real Chromium with the
 * production build and a profile of its own: after three pages are read and the reader splits
 * one person and merges two others, the DevTools protocol stops Dossier's service worker; the
 * panel still shows the same people and quotations, search still finds them, and a fourth page
 * read afterwards (by a worker started again) lands in the kept summary with the choices
 * holding. Then the browser is closed and opened again on the same profile: everything is
 * still there, the person's quotations and the search included. And a page recorded but not
 * yet resolved into people when the worker stopped (recording answers first and resolves in
 * batches, lib/library/service.ts) is resolved once a worker runs again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type DossierBrowser, launchDossier } from '../../scripts/browser';
import { libraryArticle } from './fixtures/library-pages';
import { useDossier } from './harness';
import { mergeWith, openPerson, people, separate } from './library-panel';

const URLS = [0, 1, 2, 3].map((i) => `http://www.caspianpolicy.org/research/library-${i}`);
const env = useDossier(
  Object.fromEntries(URLS.map((u, i) => [u.replace('http://', ''), libraryArticle(i)])),
);

async function openPanel(dossier: DossierBrowser): Promise<Page> {
  const panel = await dossier.context.newPage();
  await panel.goto(`chrome-extension://${dossier.extensionId}/sidepanel.html?view=library`);
  return panel;
}

async function quotesShown(panel: Page): Promise<string[]> {
  const texts = await panel.locator('.person .quotes blockquote').allInnerTexts();
  return texts.map((t) => t.replace(/^“|”$/g, '')).sort();
}

/** What the search box finds for `query`: each group's heading and first result. */
async function searchFor(panel: Page, query: string): Promise<string[]> {
  const box = panel.getByRole('searchbox', { name: 'Search everything' });
  await box.fill(query);
  const results = panel.getByRole('region', { name: 'Search results' });
  await results.waitFor({ timeout: 20_000 });
  const found = await results.locator('h2, li:first-of-type').allInnerTexts();
  await box.fill('');
  return found;
}

/** Closes every running instance of Dossier's service worker; returns how many it closed. */
async function stopWorker(cdp: CDPSession, extensionId: string): Promise<number> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { type: string; targetId: string; url: string }[];
  };
  let closed = 0;
  for (const w of targetInfos.filter(
    (t) => t.type === 'service_worker' && t.url.includes(extensionId),
  )) {
    try {
      await cdp.send('Target.closeTarget', { targetId: w.targetId });
      closed += 1;
    } catch {
      // It stopped on its own between the listing and the close.
    }
  }
  return closed;
}

/** Everything the reader would compare: the people, one person's quotations, a search. */
async function libraryState(panel: Page) {
  await panel.getByRole('list', { name: 'People' }).waitFor({ timeout: 20_000 });
  const rows = await people(panel);
  await openPerson(panel, 'Antony Blinken');
  const quotes = await quotesShown(panel);
  await panel.getByRole('button', { name: '← All people' }).click();
  const search = await searchFor(panel, 'corridor');
  return { rows, quotes, search };
}

describe('the library across restarts', () => {
  it('keeps people, quotations, merges and splits through a worker stop and a browser restart', async () => {
    const profileDir = mkdtempSync(path.join(tmpdir(), 'dossier-library-restart-'));
    let dossier = await launchDossier(env.server, { profileDir });
    try {
      for (const i of [0, 1, 2]) await (await dossier.context.newPage()).goto(URLS[i] as string);
      let panel = await openPanel(dossier);
      await expect
        .poll(async () => (await people(panel))[0] ?? '', { timeout: 20_000 })
        .toMatch(/^Antony Blinken.*3 pages/s);
      // The reader's choices: "Tony Blinken" is someone else; Jake and Jacob Sullivan are one.
      await openPerson(panel, 'Antony Blinken');
      await separate(panel, 'Tony Blinken');
      await expect.poll(() => quotesShown(panel)).toHaveLength(2);
      await panel.getByRole('button', { name: '← All people' }).click();
      await openPerson(panel, 'Jake Sullivan');
      await mergeWith(panel, 'Jacob', /^Jacob Sullivan/);
      await expect
        .poll(() => panel.locator('.person > p.muted').first().textContent())
        .toMatch(/^2 pages/);
      await panel.getByRole('button', { name: '← All people' }).click();
      const before = await libraryState(panel);
      expect(before.rows.some((r) => r.startsWith('Tony Blinken'))).toBe(true);
      // Merged: one Sullivan. Each name is on one page, mentioned once: the fuller name wins
      // (the name is a function of the evidence, not of the order things happened in).
      expect(before.rows.filter((r) => r.includes('Sullivan'))).toEqual([
        expect.stringMatching(/^Jacob Sullivan.*2 pages/s),
      ]);
      expect(before.quotes).toHaveLength(2);
      expect(before.search).toContain('Quotations');
      await panel.close();

      // The worker stops: a panel opened now reads the same library.
      const browser = dossier.context.browser();
      if (!browser) throw new Error('No browser behind the context');
      const cdp = await browser.newBrowserCDPSession();
      expect(await stopWorker(cdp, dossier.extensionId)).toBeGreaterThan(0);
      panel = await openPanel(dossier);
      expect(await libraryState(panel)).toEqual(before);

      // A page read after the stop is recorded by a new worker, into the kept summary, and
      // the choices hold for it.
      await (await dossier.context.newPage()).goto(URLS[3] as string);
      await expect
        .poll(async () => (await people(panel)).find((r) => r.startsWith('Jake Sullivan')), {
          timeout: 20_000,
        })
        .toMatch(/3 pages/);
      const after = await libraryState(panel);
      expect(after.rows.find((r) => r.startsWith('Tony Blinken'))).toMatch(/2 pages/);
      expect(after.rows.find((r) => r.startsWith('Antony Blinken'))).toMatch(/2 pages/);
      expect(after.rows.some((r) => r.startsWith('Jacob Sullivan'))).toBe(false);
      await dossier.context.close();

      // The browser closes and opens again on the same profile.
      dossier = await launchDossier(env.server, { profileDir });
      panel = await openPanel(dossier);
      expect(await libraryState(panel)).toEqual(after);
    } finally {
      await dossier.close();
      rmSync(profileDir, { recursive: true, force: true });
    }
    // Three browsers' worth of work (a stop, a restart) on a machine shared by many.
  }, 240_000);

  it('resolves a page recorded just before the worker stopped, once a worker runs again', async () => {
    const dossier = await launchDossier(env.server);
    try {
      let panel = await openPanel(dossier);
      await panel.getByRole('tab', { name: 'Library' }).waitFor();
      await (await dossier.context.newPage()).goto(URLS[0] as string);
      await expect
        .poll(async () => (await people(panel))[0] ?? '', { timeout: 20_000 })
        .toMatch(/^Antony Blinken.*1 page/s);
      await panel.close();
      const browser = dossier.context.browser();
      if (!browser) throw new Error('No browser behind the context');
      expect(await stopWorker(await browser.newBrowserCDPSession(), dossier.extensionId)).toBe(1);
      // What a worker stopped right after answering library/record leaves: the page stored,
      // with its mark, not yet resolved into people (lib/store/library.ts storeLibraryPage).
      // Written from an extension page, with no worker running.
      const blank = await dossier.context.newPage();
      await blank.goto(`chrome-extension://${dossier.extensionId}/popup.html`);
      const copy = `${URLS[0]}-read-again-elsewhere`;
      await blank.evaluate(
        (url) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('dossier');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['library-pages', 'library-settings'], 'readwrite');
              const pages = tx.objectStore('library-pages');
              const first = pages.getAll();
              first.onsuccess = () => {
                pages.put({ ...first.result[0], url });
                tx.objectStore('library-settings').put({ key: `unsettled:${url}`, value: [] });
              };
              tx.oncomplete = () => {
                db.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        copy,
      );
      await blank.close();
      // A panel opened now finds the page unresolved, and a worker resolves it.
      panel = await openPanel(dossier);
      await expect
        .poll(async () => (await people(panel))[0] ?? '', { timeout: 20_000 })
        .toMatch(/^Antony Blinken.*2 pages/s);
      await openPerson(panel, 'Antony Blinken');
      await expect.poll(() => quotesShown(panel)).toHaveLength(2);
    } finally {
      await dossier.close();
    }
  }, 120_000);
});
