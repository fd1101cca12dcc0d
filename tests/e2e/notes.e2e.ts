/**
 * The reader's notes in real Chromium: made by selecting text, painted again after a reload,
 * received live by a second tab of the same article, and kept when the service worker stops,
 * when the browser is reopened, and when a profile made before the notes database went without
 * PouchDB's `deleted,id` index is opened (the index is dropped, every note stays).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type DossierBrowser, launchDossier, SAMPLE_URL, useDossier } from './harness';
import { clickDossier, dossierControl, painted, selectPhrase } from './page-helpers';

const env = useDossier();

/**
 * Highlights "offshore fields" on the sample article in a browser on `profileDir`, then runs
 * `before` (if any) and closes the browser.
 */
async function noteInProfile(
  profileDir: string,
  before?: (browser: DossierBrowser) => Promise<void>,
): Promise<void> {
  const first = await launchDossier(env.server, { profileDir });
  const page = await first.context.newPage();
  await page.goto(SAMPLE_URL);
  await selectPhrase(page, 'offshore fields');
  await clickDossier(page, 'button', 'Highlight');
  await expect
    .poll(async () => (await painted(page, 'dossier-note')).includes('offshore fields'))
    .toBe(true);
  await before?.(first);
  await first.context.close();
}

/**
 * Opens `profileDir` again and waits for the note of `noteInProfile` to be painted on the
 * article; runs `then` (if any), closes the browser and removes the profile.
 */
async function seeNoteAgain(
  profileDir: string,
  then?: (browser: DossierBrowser) => Promise<void>,
): Promise<void> {
  const second = await launchDossier(env.server, { profileDir });
  try {
    const again = await second.context.newPage();
    await again.goto(SAMPLE_URL);
    await expect
      .poll(async () => (await painted(again, 'dossier-note')).includes('offshore fields'), {
        timeout: 10_000,
      })
      .toBe(true);
    await then?.(second);
  } finally {
    await second.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}

/**
 * The indexes of the notes database's document store, read in Dossier's service worker; with
 * `addOld`, after giving it PouchDB's `deleted,id` index as the adapter made it (the test hook
 * of lib/store/ranges.ts, in an upgrade of its own).
 */
function notesIndexes(browser: DossierBrowser, addOld: boolean): Promise<string[]> {
  return browser.worker.evaluate(
    (add) =>
      indexedDB.databases().then(
        (all) =>
          new Promise<string[]>((resolve, reject) => {
            const notes = all.find((d) => d.name?.endsWith('-notes'));
            const name = notes?.name ?? 'missing';
            const open = add
              ? indexedDB.open(name, (notes?.version ?? 0) + 1)
              : indexedDB.open(name);
            open.onupgradeneeded = () => {
              const docs = open.transaction?.objectStore('docs');
              const hook = IDBObjectStore.prototype as unknown as {
                __dossierCreateIndex: IDBObjectStore['createIndex'];
              };
              if (docs) {
                hook.__dossierCreateIndex.call(docs, 'deleted,id', ['deleted', 'id'], {
                  unique: true,
                });
              }
            };
            open.onsuccess = () => {
              const docs = open.result.transaction('docs').objectStore('docs');
              resolve([...docs.indexNames]);
              open.result.close();
            };
            open.onerror = () => reject(open.error);
          }),
      ),
    addOld,
  );
}

async function openArticle(): Promise<Page> {
  const page = await env.dossier.context.newPage();
  await page.goto(SAMPLE_URL);
  return page;
}

describe('making notes', () => {
  it('saves a note from the selection toolbar, paints it, and a second tab receives it live', async () => {
    const tabA = await openArticle();
    const tabB = await openArticle();
    await tabA.bringToFront();
    const bodyBefore = await tabA.evaluate(() => document.body.textContent);

    await selectPhrase(tabA, 'press conference');
    await clickDossier(tabA, 'button', 'Note');
    await (await dossierControl(tabA, 'textbox', 'Note')).fill('Check the date <b>of</b> this');
    await clickDossier(tabA, 'button', 'Save note');

    await expect.poll(() => painted(tabA, 'dossier-note')).toEqual(['press conference']);
    await expect
      .poll(() => painted(tabB, 'dossier-note'), { timeout: 2_000 })
      .toEqual(['press conference']);
    expect(await tabA.evaluate(() => document.body.textContent)).toBe(bodyBefore);

    await tabA.reload();
    await expect.poll(() => painted(tabA, 'dossier-note')).toEqual(['press conference']);
    await tabA.close();
    await tabB.close();
  });

  it('highlights in a chosen colour with one click', async () => {
    const tab = await openArticle();
    await selectPhrase(tab, 'State Department');
    await clickDossier(tab, 'button', /Colour: green/i);
    await clickDossier(tab, 'button', 'Highlight');
    await expect.poll(() => painted(tab, 'dossier-note-green')).toEqual(['State Department']);
    await tab.close();
  });

  it('loses nothing when the service worker is stopped between two notes', async () => {
    const tab = await openArticle();
    await selectPhrase(tab, 'White House');
    await clickDossier(tab, 'button', 'Highlight');
    await expect
      .poll(async () => (await painted(tab, 'dossier-note')).includes('White House'))
      .toBe(true);

    // Stop the service worker through the DevTools protocol, as Chromium does when idle.
    const browser = env.dossier.context.browser();
    if (!browser) throw new Error('No browser behind the context');
    const cdp = await browser.newBrowserCDPSession();
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { type: string; targetId: string; url: string }[];
    };
    const sw = targetInfos.find(
      (t) => t.type === 'service_worker' && t.url.includes(env.dossier.extensionId),
    );
    expect(sw).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: sw?.targetId ?? '' });

    await selectPhrase(tab, 'January');
    await clickDossier(tab, 'button', 'Highlight');
    await expect
      .poll(async () => (await painted(tab, 'dossier-note')).includes('January'), {
        timeout: 10_000,
      })
      .toBe(true);

    const fresh = await openArticle();
    await expect
      .poll(async () =>
        (await painted(fresh, 'dossier-note'))
          .filter((t) => t === 'White House' || t === 'January')
          .sort(),
      )
      .toEqual(['January', 'White House']);
    await tab.close();
    await fresh.close();
  });

  it('shows every note after the browser is closed and the profile reopened', async () => {
    const profileDir = mkdtempSync(path.join(tmpdir(), 'dossier-reopen-'));
    await noteInProfile(profileDir);
    await seeNoteAgain(profileDir);
  });

  it("keeps every note of a profile whose notes database has PouchDB's deleted,id index, and drops it", async () => {
    const profileDir = mkdtempSync(path.join(tmpdir(), 'dossier-old-index-'));
    await noteInProfile(profileDir, async (first) => {
      // The index as an earlier Dossier had it (lib/store/ranges.ts keeps it from being made).
      expect(await notesIndexes(first, true)).toEqual(['deleted,id', 'seq']);
    });
    await seeNoteAgain(profileDir, async (second) => {
      expect(await notesIndexes(second, false)).toEqual(['seq']);
    });
  });
});
