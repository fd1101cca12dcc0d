/**
 * Code that runs inside a page under test, shared by the Chromium and Firefox end-to-end helpers
 * and the bench. Each function is handed to `evaluate`, which sends its source text to the page:
 * it must use nothing from this module's scope, and declare no inner named functions (tsx would
 * wrap them in a helper the page does not have).
 */

/** Where a phrase is on the page, in viewport pixels. */
export interface PhraseBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Finds the first occurrence of `phrase` in one text node of the body, scrolls it to the middle
 * of the view, selects it when `select` is true (else clears the selection, for a real drag to
 * make), and returns where it is; null when the page does not have it.
 */
export function placePhrase([phrase, select]: [string, boolean]): PhraseBox | null {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.nodeValue?.indexOf(phrase) ?? -1;
    if (i < 0) continue;
    const range = document.createRange();
    range.setStart(n, i);
    range.setEnd(n, i + phrase.length);
    (n.parentElement as Element).scrollIntoView({ block: 'center' });
    const r = range.getBoundingClientRect();
    const selection = getSelection();
    selection?.removeAllRanges();
    if (select) selection?.addRange(range);
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }
  return null;
}

/**
 * How many files wait in the import's hand-off database (lib/store/hand-off.ts), read from an
 * extension page; rejects when its store is missing (no import ever went through it).
 */
export function handOffFilesLeft(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const open = indexedDB.open('dossier-hand-off');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      try {
        const count = db.transaction('files').objectStore('files').count();
        count.onsuccess = () => resolve(count.result);
        count.onerror = () => reject(count.error);
      } catch (error) {
        reject(error);
      } finally {
        db.close();
      }
    };
  });
}
