/**
 * The text of a PDF as Dossier reads it: every page's text items (what PDF.js's
 * `getTextContent` gives, one per run of text) joined into one string with white space
 * collapsed, the same shape as a web page's text index, so that lib/detect, lib/anchoring's
 * selectors and re-anchoring work on a report unchanged. It keeps, for each page and each
 * item, where it starts in that string, so that document offsets turn into places in the text
 * layer (page, item, character) and back. Pure data, no DOM and no PDF.js: tested in Node.
 */

/** What the model needs of a PDF.js text item. */
export interface TextItemLike {
  str: string;
  hasEOL?: boolean;
}

/** One page's place in the document text. */
interface PageText {
  /** Offset of the page's first character in the document text. */
  start: number;
  /** Offset just past the page's last character (before the separator to the next page). */
  end: number;
  /** Document offset of each item's first kept character (or where it would be, if empty). */
  itemStarts: number[];
  /** Each item's length in the document text (after collapsing white space). */
  itemLengths: number[];
  /** For items whose white space was collapsed: document char → index in the raw string. */
  rawIndex: (Int32Array | null)[];
}

/** A place in the text layer: page (1-based), item (0-based), character in `item.str`. */
export interface ItemPoint {
  page: number;
  item: number;
  offset: number;
}

/** Binary search: the last index whose value is ≤ `value` (−1 when none). */
function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The document text, built page by page as PDF.js reads them (`addPage` in page order), so a
 * long report is read in slices while its first pages are already on screen.
 */
export class PdfText {
  #parts: string[] = [];
  #length = 0;
  #endsWithSpace = true;
  /** A line or page ended: the next text is preceded by a space. */
  #pending = false;
  #pages: PageText[] = [];
  #starts: number[] = [];
  #joined: string | null = null;

  /** Pages read so far. */
  get pageCount(): number {
    return this.#pages.length;
  }

  /** The document text read so far (white space collapsed, pages separated by one space). */
  get text(): string {
    this.#joined ??= this.#parts.join('');
    return this.#joined;
  }

  /** Characters of document text read so far. */
  get length(): number {
    return this.#length;
  }

  #push(s: string) {
    if (!s) return;
    this.#parts.push(s);
    this.#length += s.length;
    this.#endsWithSpace = s.endsWith(' ');
    this.#joined = null;
  }

  /** Appends the next page's items (page `pageCount + 1`). */
  addPage(items: readonly TextItemLike[]): void {
    // Pages and lines are separated by one space, written only once more text follows.
    if (this.#pages.length > 0) this.#pending = true;
    const page: PageText = {
      start: this.#length,
      end: this.#length,
      itemStarts: [],
      itemLengths: [],
      rawIndex: [],
    };
    for (const item of items) {
      const raw = item.str ?? '';
      let out = '';
      const map: number[] = [];
      let skipped = false;
      let space = this.#endsWithSpace || this.#pending;
      for (let i = 0; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xa0) {
          if (space) {
            skipped = true;
            continue;
          }
          out += ' ';
          space = true;
        } else {
          out += raw[i];
          space = false;
        }
        map.push(i);
      }
      if (out && this.#pending) {
        if (!this.#endsWithSpace) this.#push(' ');
        this.#pending = false;
      }
      page.itemStarts.push(this.#length);
      page.itemLengths.push(out.length);
      page.rawIndex.push(skipped ? Int32Array.from(map) : null);
      this.#push(out);
      if (item.hasEOL && this.#length > 0) this.#pending = true;
    }
    const firstText = page.itemLengths.findIndex((n) => n > 0);
    page.start = firstText >= 0 ? (page.itemStarts[firstText] as number) : this.#length;
    page.end = this.#length;
    this.#pages.push(page);
    this.#starts.push(page.start);
  }

  /** The page (1-based) holding document offset `offset` (the last page for the end). */
  pageAt(offset: number): number {
    return Math.max(1, lastAtOrBefore(this.#starts, offset) + 1);
  }

  /** Document offsets `[start, end)` of page `page` (1-based), or null before it is read. */
  pageSpan(page: number): { start: number; end: number } | null {
    const p = this.#pages[page - 1];
    return p ? { start: p.start, end: p.end } : null;
  }

  /**
   * Where document offset `offset` falls on page `page`: an item and a character in its raw
   * string. `bias` says which side wins at an item boundary: a range's start takes the item
   * that starts there, its end the item that ends there. Null when the page has no text.
   */
  pointAt(page: number, offset: number, bias: 'start' | 'end'): ItemPoint | null {
    const p = this.#pages[page - 1];
    if (!p || p.itemStarts.length === 0) return null;
    const clamped = Math.min(Math.max(offset, p.start), p.end);
    let i = lastAtOrBefore(p.itemStarts, bias === 'end' ? clamped - 1 : clamped);
    // Skip empty items: they have no text node to point into.
    while (i > 0 && (p.itemLengths[i] as number) === 0) i--;
    if (i < 0) i = 0;
    while (i < p.itemLengths.length - 1 && (p.itemLengths[i] as number) === 0) i++;
    const start = p.itemStarts[i] as number;
    const length = p.itemLengths[i] as number;
    const within = Math.min(Math.max(clamped - start, 0), length);
    const map = p.rawIndex[i];
    let raw: number;
    if (!map) raw = within;
    else if (within >= map.length) raw = map.length ? (map[map.length - 1] as number) + 1 : 0;
    else raw = map[within] as number;
    return { page, item: i, offset: raw };
  }

  /** The document offset of a place in the text layer (the inverse of `pointAt`). */
  offsetOf(point: ItemPoint): number | null {
    const p = this.#pages[point.page - 1];
    if (!p) return null;
    const start = p.itemStarts[point.item];
    if (start === undefined) return null;
    const length = p.itemLengths[point.item] as number;
    const map = p.rawIndex[point.item];
    if (!map) return start + Math.min(Math.max(point.offset, 0), length);
    // The first kept character at or after the raw offset.
    let k = 0;
    while (k < map.length && (map[k] as number) < point.offset) k++;
    return start + k;
  }
}
