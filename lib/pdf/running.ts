/**
 * Running headers and footers of a PDF: the lines a report repeats at the top or the foot of
 * every page (its title, the publisher, "Page 14 of 200"). Read as text they are noise in the
 * middle of sentences that run over a page break, and an official named in a running header
 * ("Prepared for Ambassador …") would count one mention per page. Dossier leaves them out of
 * the analysed text (lib/pdf/text-model gets them as empty items, so item numbers still match
 * the text layer); they stay on screen and selectable.
 *
 * A line is running when, with its digits masked (page numbers and dates change), the same
 * text sits in the top or bottom band of at least half of the pages, and of three pages at
 * least. Pure data in, item indices out: tested in Node.
 */

/** What the finder needs of a text item: its text and where its baseline sits on the page. */
export interface PlacedItem {
  str: string;
  /** Vertical position of the item's baseline, from 0 (top of the page) to 1 (foot). */
  y: number;
}

/** How much of the page, at the top and at the foot, a running line may sit in. */
export const BAND = 0.1;
/** Fewest pages a line must repeat on to count as running (a short paper has none). */
export const MIN_PAGES = 3;
/** Share of the pages a line must repeat on. */
export const MIN_SHARE = 0.5;

/** Items whose baselines are this close (as a share of page height) are one line. */
const SAME_LINE = 0.004;

/** A line's text with digits masked, case and spacing folded: "Page 3 of 9" → "page # of #". */
export function lineKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, '#')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** A line in the top or bottom band of a page: its key (`lineKey`, with the band) and items. */
export interface BandLine {
  key: string;
  items: number[];
}

/**
 * The lines of one page's band items: item indices grouped by baseline, with their key. Made
 * page by page as a report is read (the viewer reads one page per task), so that finding the
 * running lines at the end is only a count.
 */
export function bandLines(items: readonly PlacedItem[]): BandLine[] {
  const inBand = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.str.trim() !== '' && (item.y <= BAND || item.y >= 1 - BAND))
    .sort((a, b) => a.item.y - b.item.y || a.index - b.index);
  const lines: { y: number; parts: typeof inBand }[] = [];
  for (const entry of inBand) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(entry.item.y - last.y) <= SAME_LINE) last.parts.push(entry);
    else lines.push({ y: entry.item.y, parts: [entry] });
  }
  return lines.map((line) => {
    const parts = [...line.parts].sort((a, b) => a.index - b.index);
    return {
      key: `${line.y <= BAND ? 'top' : 'foot'}:${lineKey(parts.map((p) => p.item.str).join(' '))}`,
      items: parts.map((p) => p.index),
    };
  });
}

/**
 * For each page (in order), the indices of its items that belong to a running header or
 * footer. Lines made of digits and punctuation alone (a bare page number) repeat as "#" and are
 * running too.
 */
export function findRunningItems(pages: readonly (readonly PlacedItem[])[]): Set<number>[] {
  return runningOf(pages.map(bandLines));
}

/** `findRunningItems` from each page's `bandLines`, already made. */
export function runningOf(perPage: readonly (readonly BandLine[])[]): Set<number>[] {
  const seen = new Map<string, number>();
  for (const lines of perPage) {
    for (const key of new Set(lines.map((l) => l.key))) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const needed = Math.max(MIN_PAGES, Math.ceil(perPage.length * MIN_SHARE));
  return perPage.map((lines) => {
    const out = new Set<number>();
    for (const line of lines) {
      if ((seen.get(line.key) ?? 0) >= needed) for (const i of line.items) out.add(i);
    }
    return out;
  });
}
