/** What the end-to-end tests do on a page, as a reader would, and how they look at the result. */
import type { Page } from 'playwright-core';

/**
 * Selects the first occurrence of `phrase` on the page, as a reader's drag would, and
 * releases the mouse (which is when Dossier offers its toolbar).
 */
export async function selectPhrase(
  page: Page,
  phrase: string,
  { release = true } = {},
): Promise<void> {
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
