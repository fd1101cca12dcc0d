/**
 * The quotations' search index: an inverted index of words to quotations, with MiniSearch's
 * matching rules (a word typed matches itself, words it begins from 3 letters on, and words
 * one typo away from 4 letters on, two from 8) but bounded work per query. MiniSearch scores
 * every matching document with BM25 in a map; quotations share their words (a policy
 * library says "security" thousands of times), so a one-word query scored some 11,000
 * quotations and took 100–450 ms (`npm run bench -- library`). Here each query word's matches
 * are marked in typed arrays over the quotation slots, the quotations that match every word
 * are scored (exact word > prefix > typo, weighted by how rare the word is) and only the best
 * `limit` are kept, which stays within a few milliseconds for 20,000 quotations.
 *
 * It is also saved as plain arrays (structured clone into IndexedDB, no JSON): MiniSearch's
 * saved JSON of 20,000 quotations took seconds to load in the panel.
 */
import { fold } from '../annotation/rules';
import type { SavedQuoteIndex } from './records';

/**
 * Words of a text as the index keeps them: case and accents folded (lib/annotation/rules.ts, so
 * "Sanchez" finds "Sánchez" however the page encoded it), split at anything not a letter or
 * digit.
 */
export function wordsOf(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && w.length <= 60);
}

/** How a query word reached an index word, best first. */
const EXACT = 1;
const PREFIX = 0.6;
const FUZZY = 0.4;

/** At most this many index words stand for one query word (as MiniSearch's `maxFuzzy`). */
const MAX_EXPANSIONS = 40;

/** One quotation found: its page and its index there, and how well it matched. */
export interface QuoteHit {
  url: string;
  k: number;
  score: number;
}

/** The index. Slots are never reused until it is compacted; a removed quotation's slot is -1. */
export class QuoteIndex {
  /** Word → the slots of the quotations containing it, ascending. */
  private postings = new Map<string, number[]>();
  /** Per slot: the index of its page in `urls` (-1 once removed), and its index on the page. */
  private slotUrl: number[] = [];
  private slotK: number[] = [];
  private urls: string[] = [];
  private urlIndex = new Map<string, number>();
  /** Page url → its slots. */
  private byUrl = new Map<string, number[]>();
  private removed = 0;
  /** The words sorted, for prefix lookups; rebuilt on the first query after a change. */
  private sorted: string[] | null = null;

  /** Quotations held (removed ones not counted). */
  get size(): number {
    return this.slotUrl.length - this.removed;
  }

  /** Adds a page's quotations (after dropping any it had). */
  addPage(url: string, quotes: readonly { text: string; speaker: string | null }[]): void {
    this.removePage(url);
    if (quotes.length === 0) return;
    let u = this.urlIndex.get(url);
    if (u === undefined) {
      u = this.urls.length;
      this.urls.push(url);
      this.urlIndex.set(url, u);
    }
    const slots: number[] = [];
    quotes.forEach((q, k) => {
      const slot = this.slotUrl.length;
      this.slotUrl.push(u);
      this.slotK.push(k);
      slots.push(slot);
      for (const word of new Set(wordsOf(`${q.text} ${q.speaker ?? ''}`))) {
        const list = this.postings.get(word);
        if (list) list.push(slot);
        else {
          this.postings.set(word, [slot]);
          this.sorted = null;
        }
      }
    });
    this.byUrl.set(url, slots);
  }

  /** Drops a page's quotations. */
  removePage(url: string): void {
    const slots = this.byUrl.get(url);
    if (!slots) return;
    for (const slot of slots) this.slotUrl[slot] = -1;
    this.removed += slots.length;
    this.byUrl.delete(url);
  }

  /**
   * The best `limit` quotations containing every word of `query` (each word exactly, as the
   * start of a word, or with a typo), best first.
   */
  search(query: string, limit = 20): QuoteHit[] {
    const words = [...new Set(wordsOf(query))];
    const n = this.slotUrl.length;
    if (words.length === 0 || n === 0) return [];
    const score = new Float64Array(n);
    const matched = new Uint8Array(n);
    // A quotation stays in the running only if every word so far matched it: `matched[slot]`
    // counts the words matched in order.
    for (const [i, word] of words.entries()) {
      let any = false;
      for (const [term, weight] of this.expand(word)) {
        const list = this.postings.get(term) as number[];
        const rarity = Math.log(1 + this.size / list.length);
        for (const slot of list) {
          if (matched[slot] !== i) continue;
          matched[slot] = i + 1;
          score[slot] = (score[slot] as number) + weight * rarity;
          any = true;
        }
      }
      if (!any) return [];
    }
    // The best `limit`, kept sorted; later quotations (read more recently) win ties.
    const best: number[] = [];
    const all = words.length;
    for (let slot = n - 1; slot >= 0; slot--) {
      if (matched[slot] !== all || this.slotUrl[slot] === -1) continue;
      const s = score[slot] as number;
      if (best.length === limit && s <= (score[best[limit - 1] as number] as number)) continue;
      let at = best.length;
      while (at > 0 && (score[best[at - 1] as number] as number) < s) at--;
      best.splice(at, 0, slot);
      if (best.length > limit) best.pop();
    }
    return best.map((slot) => ({
      url: this.urls[this.slotUrl[slot] as number] as string,
      k: this.slotK[slot] as number,
      score: score[slot] as number,
    }));
  }

  /** The index words a query word stands for, with how well, best first. */
  private expand(word: string): [string, number][] {
    const out = new Map<string, number>();
    if (this.postings.has(word)) out.set(word, EXACT);
    if (word.length >= 3) {
      const sorted = this.sortedWords();
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((sorted[mid] as string) < word) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < sorted.length && out.size < MAX_EXPANSIONS; i++) {
        const term = sorted[i] as string;
        if (!term.startsWith(word)) break;
        if (!out.has(term)) out.set(term, PREFIX);
      }
    }
    if (word.length >= 4) {
      const max = word.length >= 8 ? 2 : 1;
      const fuzzy: [string, number][] = [];
      for (const term of this.postings.keys()) {
        if (out.has(term) || Math.abs(term.length - word.length) > max) continue;
        const d = editDistance(word, term, max);
        if (d <= max) fuzzy.push([term, d]);
      }
      fuzzy.sort((a, b) => a[1] - b[1]);
      for (const [term, d] of fuzzy) {
        if (out.size >= MAX_EXPANSIONS) break;
        out.set(term, FUZZY / d);
      }
    }
    return [...out.entries()].sort((a, b) => b[1] - a[1]);
  }

  private sortedWords(): string[] {
    this.sorted ??= [...this.postings.keys()].sort();
    return this.sorted;
  }

  /** What the store keeps: live quotations only, renumbered, as plain arrays. */
  toSaved(): SavedQuoteIndex {
    const renumber = new Int32Array(this.slotUrl.length).fill(-1);
    const urls: string[] = [];
    const urlOf = new Map<number, number>();
    const slotUrl: number[] = [];
    const slotK: number[] = [];
    this.slotUrl.forEach((u, slot) => {
      if (u === -1) return;
      let v = urlOf.get(u);
      if (v === undefined) {
        v = urls.length;
        urls.push(this.urls[u] as string);
        urlOf.set(u, v);
      }
      renumber[slot] = slotUrl.length;
      slotUrl.push(v);
      slotK.push(this.slotK[slot] as number);
    });
    const words: string[] = [];
    const lists: Int32Array[] = [];
    for (const [word, list] of this.postings) {
      const live = list.map((s) => renumber[s] as number).filter((s) => s !== -1);
      if (live.length === 0) continue;
      words.push(word);
      lists.push(Int32Array.from(live));
    }
    return { urls, slotUrl: Int32Array.from(slotUrl), slotK: Int32Array.from(slotK), words, lists };
  }

  /** An index from its saved form; throws on one that does not hold together. */
  static fromSaved(saved: SavedQuoteIndex): QuoteIndex {
    const index = new QuoteIndex();
    const n = saved.slotUrl.length;
    if (saved.slotK.length !== n || saved.words.length !== saved.lists.length) {
      throw new Error('The saved quotation index is damaged.');
    }
    index.urls = [...saved.urls];
    index.urls.forEach((url, u) => {
      index.urlIndex.set(url, u);
      index.byUrl.set(url, []);
    });
    for (let slot = 0; slot < n; slot++) {
      const u = saved.slotUrl[slot] as number;
      const url = index.urls[u];
      if (url === undefined) throw new Error('The saved quotation index is damaged.');
      index.slotUrl.push(u);
      index.slotK.push(saved.slotK[slot] as number);
      index.byUrl.get(url)?.push(slot);
    }
    saved.words.forEach((word, i) => {
      const list = Array.from(saved.lists[i] as Int32Array);
      if (list.some((s) => s < 0 || s >= n))
        throw new Error('The saved quotation index is damaged.');
      index.postings.set(word, list);
    });
    return index;
  }
}

/** Two rows of the edit-distance table, grown as needed and reused (no garbage per word). */
let rows: [Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64)];

/** Levenshtein distance of `a` and `b`, or `max + 1` as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0].length <= b.length)
    rows = [new Int32Array(b.length + 1), new Int32Array(b.length + 1)];
  let [prev, row] = rows;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let low = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      row[j] = v;
      if (v < low) low = v;
    }
    if (low > max) return max + 1;
    [prev, row] = [row, prev];
  }
  return prev[b.length] as number;
}
