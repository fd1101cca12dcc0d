/**
 * What the Firefox tests do on a page, as a reader would: select with a real mouse drag, then
 * use Dossier's selection toolbar with the keyboard. The in-page UI lives in a shadow root that
 * may be closed, which no script or WebDriver locator can look into; so nothing here reads it.
 * Focus leaves the selection with Tab until it enters Dossier's host element (the one thing a
 * page sees, open root or closed), which puts it on the toolbar's first button (`Highlight`);
 * Right arrow moves along the toolbar's row (`Note` is next), as its keyboard contract says.
 */
import type { Page } from 'puppeteer-core';
import { placePhrase } from '../../scripts/in-page';

/** Waits until Dossier is ready on the page: its UI host is there once the page has been read. */
export async function dossierReady(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('html > [data-dossier-ui]') !== null, {
    timeout: 20_000,
  });
}

/**
 * Selects the first occurrence of `phrase` with a real mouse drag across it (Dossier offers its
 * toolbar when the button is released), and checks that exactly the phrase is selected.
 */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  await dossierReady(page);
  const placed = await page.evaluate(placePhrase, [phrase, false] as [string, boolean]);
  if (!placed) throw new Error(`"${phrase}" is not on the page`);
  const box = { ...placed, y: (placed.top + placed.bottom) / 2 };
  await page.mouse.move(box.left + 1, box.y);
  await page.mouse.down();
  await page.mouse.move((box.left + box.right) / 2, box.y, { steps: 4 });
  await page.mouse.move(box.right - 1, box.y, { steps: 4 });
  await page.mouse.up();
  const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
  if (selected !== phrase) throw new Error(`Selected "${selected}" instead of "${phrase}"`);
}

/** Moves keyboard focus onto the selection toolbar's first button (see the module comment). */
async function focusToolbar(page: Page): Promise<void> {
  // The toolbar appears a task after the mouse is released, just below or above the selection.
  // Points on it hit Dossier's host element (never its insides, open root or closed).
  await page.waitForFunction(() => {
    const selection = getSelection();
    if (!selection?.rangeCount) return false;
    const r = selection.getRangeAt(0).getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 20), innerWidth - 20);
    for (let dy = 4; dy <= 120; dy += 4) {
      for (const y of [r.bottom + dy, r.top - dy]) {
        if (document.elementFromPoint(x, y)?.hasAttribute('data-dossier-ui')) return true;
      }
    }
    return false;
  });
  for (let presses = 0; presses < 200; presses++) {
    if (await page.evaluate(() => document.activeElement?.hasAttribute('data-dossier-ui') === true))
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached Dossier’s selection toolbar');
}

/** Presses the toolbar's `Highlight` (the current colour) for the selected text. */
export async function highlightSelection(page: Page): Promise<void> {
  await focusToolbar(page);
  await page.keyboard.press('Enter');
}

/** Opens the toolbar's `Note` editor, types `text` and saves it with Ctrl+Enter. */
export async function noteSelection(page: Page, text: string): Promise<void> {
  await focusToolbar(page);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await editorFocused(page);
  await page.keyboard.type(text);
  await page.keyboard.down('Control');
  await page.keyboard.press('Enter');
  await page.keyboard.up('Control');
}

/**
 * Waits until Dossier's note editor has focus: it is a frame of the extension's own origin
 * (so the page cannot hear the typing), which loads a moment after `Note` is pressed, as a
 * reader would see it appear before typing. The test pages have no frames of their own, and
 * WebDriver BiDi shows an extension frame to the test as `about:blank`, so the editor is the
 * page's one child frame.
 */
async function editorFocused(page: Page): Promise<void> {
  const end = Date.now() + 15_000;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      if (await frame.evaluate(() => document.hasFocus()).catch(() => false)) return;
    }
    if (Date.now() > end) throw new Error('Dossier’s note editor never took focus');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text of every range registered under a highlight name (as any page script sees it). */
export function painted(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (n) =>
      [...((CSS.highlights.get(n) as Iterable<Range> | undefined) ?? [])].map((r) => r.toString()),
    name,
  );
}

/** Polls `read` until it returns something `accept` likes, or fails with the last value seen. */
export async function until<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeout = 15_000, what = 'the expected state' } = {},
): Promise<T> {
  const end = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
}

/** Clicks the element of an extension page (no shadow roots there) whose text is `label`. */
export async function clickText(page: Page, selector: string, label: string): Promise<void> {
  const handle = await page.waitForFunction(
    (sel, text) =>
      [...document.querySelectorAll(sel)].find((e) => e.textContent?.trim() === text) ?? null,
    { timeout: 15_000 },
    selector,
    label,
  );
  const element = handle.asElement();
  if (!element) throw new Error(`No ${selector} named "${label}"`);
  // A real click through WebDriver input: Firefox counts it as the user's gesture.
  await (element as import('puppeteer-core').ElementHandle<Element>).click();
}

/** The page's text as the reader sees it (the body's text outside scripts and styles). */
export function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.parentElement?.closest('script, style, noscript, template')) text += n.nodeValue;
    }
    return text.replace(/\d{10,}/g, '#');
  });
}
