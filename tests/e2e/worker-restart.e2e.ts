/**
 * Issue 19 item 6: no save is lost, and none is stored twice, while Chromium stops Dossier's
 * service worker again and again. Several tabs of one article each make many quick highlights
 * (as the keyboard shortcut does: a selection, then `selection/act`) while the DevTools
 * protocol closes the worker every 250 ms. A save whose message is lost is sent again with the
 * same id (lib/platform/messaging.ts `retry`), so the store must end with exactly one note per
 * save, and the reader must never see a browser dialog.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../lib/annotation';
import { SAMPLE_URL, useDossier } from './harness';
import { waitForDossierUi, watchErrors } from './page-helpers';

const env = useDossier();

const TABS = 5;
const SAVES_PER_TAB = 40;
const STOP_EVERY_MS = 250;

/** Selects the `index`-th word of five letters or more in the article's paragraphs. */
function selectWord(page: Page, index: number): Promise<string> {
  return page.evaluate((n) => {
    let seen = 0;
    for (const p of document.querySelectorAll('p')) {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.nodeValue ?? '').matchAll(/[A-Za-z]{5,}/g)) {
          if (seen++ !== n) continue;
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          getSelection()?.removeAllRanges();
          getSelection()?.addRange(range);
          return m[0];
        }
      }
    }
    throw new Error(`the article has fewer than ${n + 1} words`);
  }, index);
}

/** Closes every running instance of Dossier's service worker; returns the ids it closed. */
async function stopWorker(cdp: CDPSession, extensionId: string): Promise<string[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { type: string; targetId: string; url: string }[];
  };
  const workers = targetInfos.filter(
    (t) => t.type === 'service_worker' && t.url.includes(extensionId),
  );
  const closed: string[] = [];
  for (const w of workers) {
    try {
      await cdp.send('Target.closeTarget', { targetId: w.targetId });
      closed.push(w.targetId);
    } catch {
      // It stopped on its own between the listing and the close.
    }
  }
  return closed;
}

describe('saves while the service worker restarts', () => {
  it('stores every save exactly once, with no browser dialog, across repeated stops', async () => {
    const { dossier } = env;
    const dialogs: string[] = [];
    const tabs: { page: Page; id: number; errors: string[] }[] = [];
    for (let i = 0; i < TABS; i++) {
      const page = await dossier.context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      // Dossier's own uncaught errors on the page (its isolated world), e.g. a save that threw.
      const { dossierErrors } = await watchErrors(page);
      await page.goto(SAMPLE_URL);
      await waitForDossierUi(page);
      tabs.push({ page, id: await dossier.tabIdOf(page), errors: dossierErrors });
    }
    // An extension page drives the tabs and reads the store: unlike the worker, it lives on
    // while the worker is stopped.
    const driver = await dossier.context.newPage();
    driver.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await driver.goto(`chrome-extension://${dossier.extensionId}/popup.html?tab=${tabs[0]?.id}`);

    const browser = dossier.context.browser();
    if (!browser) throw new Error('No browser behind the context');
    const cdp = await browser.newBrowserCDPSession();
    // One entry per running worker closed: after the first, each is a worker started again.
    let stops = 0;
    let stopping = true;
    const stopper = (async () => {
      while (stopping) {
        stops += (await stopWorker(cdp, dossier.extensionId)).length;
        await new Promise((resolve) => setTimeout(resolve, STOP_EVERY_MS));
      }
    })();

    const requested: string[] = [];
    try {
      await Promise.all(
        tabs.map(async ({ page, id }, t) => {
          for (let i = 0; i < SAVES_PER_TAB; i++) {
            // Each save its own word: tab t takes every TABS-th word from the t-th.
            const word = await selectWord(page, i * TABS + t);
            const reply = await driver.evaluate(
              ([tabId]) =>
                chrome.tabs.sendMessage(tabId as number, {
                  type: 'selection/act',
                  payload: { action: 'highlight' },
                }),
              [id],
            );
            expect(reply).toEqual({ ok: true, value: { done: true } });
            requested.push(word);
          }
        }),
      );
      // Keep stopping a little longer, while the last saves are still being retried.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      stopping = false;
      await stopper;
    }

    // Every note in the store, page by page as the popup's "Export everything" reads them (the
    // article's notes are filed under its canonical address, not the tab's).
    const stored = async (): Promise<Annotation[]> => {
      const all: Annotation[] = [];
      let cursor: string | undefined;
      do {
        const reply = (await driver.evaluate(
          (c) =>
            chrome.runtime.sendMessage({
              type: 'notes/all',
              payload: c === undefined ? {} : { cursor: c },
            }),
          cursor,
        )) as {
          ok: boolean;
          value?: { annotations: Annotation[]; next: string | null };
          error?: string;
        };
        if (!reply.ok || !reply.value) throw new Error(`notes/all failed: ${reply.error}`);
        all.push(...reply.value.annotations);
        cursor = reply.value.next ?? undefined;
      } while (cursor !== undefined);
      return all;
    };
    // The retries of the last saves end within about sixteen seconds of the last stop.
    await expect
      .poll(async () => (await stored()).length, { timeout: 30_000, interval: 500 })
      .toBe(requested.length);
    // And stay there: no late duplicate.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const notes = await stored();

    console.info(
      `worker-restart: ${requested.length} saves from ${TABS} tabs, ` +
        `the running worker stopped ${stops} times, ${notes.length} notes stored`,
    );
    expect(requested.length).toBe(TABS * SAVES_PER_TAB);
    // The worker really was stopped and started again, many times, during the saves.
    expect(stops).toBeGreaterThanOrEqual(5);
    // Exactly once each: one note per save, no two at the same place, and the same words.
    expect(notes.length).toBe(requested.length);
    expect(new Set(notes.map((n) => n.id)).size).toBe(notes.length);
    expect(new Set(notes.map((n) => n.position.start)).size).toBe(notes.length);
    expect(notes.map((n) => n.quote.exact).sort()).toEqual([...requested].sort());
    expect(dialogs).toEqual([]);

    // Every tab shows every note, as a reader would see after the storm.
    for (const { page } of tabs) {
      await expect
        .poll(() => page.evaluate(() => CSS.highlights.get('dossier-note')?.size ?? 0), {
          timeout: 10_000,
        })
        .toBe(requested.length);
    }
    await cdp.detach();
    for (const { page } of tabs) await page.close();
    await driver.close();
  }, 120_000);
});
