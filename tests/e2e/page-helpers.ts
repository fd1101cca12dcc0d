/** What the end-to-end tests do on a page, as a reader would, and how they look at the result. */
import type { BrowserContext, Page } from 'playwright-core';

/**
 * Selects the first occurrence of `phrase` on the page, as a reader's drag would, and
 * releases the mouse (which is when Dossier offers its toolbar). Waits first for Dossier to
 * be ready on the page (its UI host is there once the page has been read), as a reader who
 * selects a moment after the page appears would.
 */
export async function selectPhrase(
  page: Page,
  phrase: string,
  { release = true } = {},
): Promise<void> {
  await page.waitForFunction(() => document.querySelector('html > dossier-ui') !== null);
  await page.evaluate(
    ([text, up]) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.nodeValue?.indexOf(text as string) ?? -1;
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(n, i);
        range.setEnd(n, i + (text as string).length);
        const selection = getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
        if (up) document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
        return;
      }
      throw new Error(`"${text}" is not on the page`);
    },
    [phrase, release] as const,
  );
}

/** The text of every range registered under a highlight name (as any page script sees it). */
export function painted(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (n) =>
      [...((CSS.highlights.get(n) as Iterable<Range> | undefined) ?? [])].map((r) => r.toString()),
    name,
  );
}

/**
 * Opens `url` in a new tab and collects the uncaught errors of Dossier's code there. Its
 * content script runs in an isolated world, whose errors never reach the page (nor
 * Playwright's `pageerror`); the DevTools protocol reports that world as an execution context
 * of the extension's origin. `blockScriptFiles` keeps a saved page from fetching its scripts.
 */
export async function openWatched(
  context: BrowserContext,
  url: string,
  { blockScriptFiles = false } = {},
): Promise<{ page: Page; dossierErrors: string[] }> {
  const page = await context.newPage();
  const dossierErrors: string[] = [];
  const dossierContexts = new Set<number>();
  const cdp = await context.newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
    if (created.origin.startsWith('chrome-extension://')) dossierContexts.add(created.id);
  });
  cdp.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
    const urls = [d.url, ...(d.stackTrace?.callFrames.map((f) => f.url) ?? [])].join(' ');
    if (
      (d.executionContextId !== undefined && dossierContexts.has(d.executionContextId)) ||
      urls.includes('chrome-extension://')
    ) {
      dossierErrors.push(d.exception?.description ?? d.text);
    }
  });
  await cdp.send('Runtime.enable');
  if (blockScriptFiles) await page.route('**/*.js', (route) => route.abort());
  await page.goto(url, { waitUntil: 'load' });
  return { page, dossierErrors };
}
