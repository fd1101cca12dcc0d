/**
 * Painting ranges on the live page. The CSS Custom Highlight API paints without touching the
 * DOM at all, under the names DESIGN.md promises (`dossier-official`, `dossier-quote`,
 * `dossier-note`, `dossier-note-<colour>`, and `dossier-note-team` for teammates' notes), so
 * readers can restyle them with `::highlight()`.
 * Where the API is missing, `<dossier-mark>` elements wrap the text instead: the page's text is
 * unchanged, and `destroy()` puts back every text node exactly as it was (same node objects,
 * same data), so scripts holding references to the page's nodes never notice.
 *
 * On very long pages a name's ranges are registered only near the viewport (`WINDOW_ABOVE`):
 * what is on screen is always painted, and the browser's cost of a change stays small.
 */
import { walkText } from '../dom/text-walk';

/** The highlight names of DESIGN.md. */
export type HighlightName =
  | 'dossier-official'
  | 'dossier-quote'
  | 'dossier-note'
  | 'dossier-flash'
  | `dossier-note-${string}`;

/**
 * The name teammates' notes (shared through a team database, issue 14) are painted under
 * instead of their colour, so the reader tells them from their own at a glance (DESIGN.md).
 */
export const TEAM_HIGHLIGHT = 'dossier-note-team' satisfies HighlightName;

/**
 * Paints named sets of ranges; painting a name again replaces its ranges. With the wrapping
 * fallback, ranges must be measured on the page without that name painted (clear it first).
 */
export interface Painter {
  readonly kind: 'highlight-api' | 'wrap';
  /**
   * Adds Dossier's stylesheet ahead of the first paint. The browser restyles the whole page
   * for it, so doing that a task earlier keeps that work and the first paint's out of one
   * frame (each is tens of milliseconds on a very long page). `paint` calls it anyway.
   */
  prepare(): void;
  paint(name: HighlightName, ranges: readonly Range[]): void;
  clear(name?: HighlightName): void;
  /** Removes every trace of Dossier's painting (styles included). */
  destroy(): void;
}

/**
 * Default look: translucent, so it reads on light and dark pages alike: the page's own text
 * keeps WCAG AA contrast (4.5:1) over every colour, on a white page and on a dark one
 * (tests/lib/highlight/contrast.test.ts computes it).
 */
export const HIGHLIGHT_CSS = `
::highlight(dossier-official) { background-color: rgb(255 196 0 / 0.32); text-decoration: underline 2px rgb(214 150 0); }
::highlight(dossier-quote) { background-color: rgb(64 150 255 / 0.2); text-decoration: underline dotted 2px rgb(40 120 230); }
::highlight(dossier-note) { text-decoration: underline 1px rgb(128 128 128 / 0.5); }
::highlight(dossier-note-yellow) { background-color: rgb(255 230 0 / 0.36); }
::highlight(dossier-note-green) { background-color: rgb(80 220 120 / 0.4); }
::highlight(dossier-note-blue) { background-color: rgb(90 170 255 / 0.4); }
::highlight(dossier-note-pink) { background-color: rgb(255 120 190 / 0.4); }
::highlight(dossier-note-purple) { background-color: rgb(180 130 255 / 0.4); }
::highlight(dossier-note-team) { background-color: rgb(0 190 180 / 0.3); text-decoration: underline dashed 2px rgb(0 130 120); }
dossier-mark { all: unset; display: inline; }
dossier-mark[data-name="dossier-official"] { background-color: rgb(255 196 0 / 0.32); text-decoration: underline 2px rgb(214 150 0); }
dossier-mark[data-name="dossier-quote"] { background-color: rgb(64 150 255 / 0.2); text-decoration: underline dotted 2px rgb(40 120 230); }
dossier-mark[data-name^="dossier-note"] { background-color: rgb(255 230 0 / 0.36); }
dossier-mark[data-name="dossier-note-team"] { background-color: rgb(0 190 180 / 0.3); }
::highlight(dossier-flash) { background-color: rgb(255 120 0 / 0.55); }
`;

interface HighlightRegistry {
  set(name: string, value: unknown): void;
  get?(name: string): unknown;
  delete(name: string): boolean;
}

/** The parts of a `Highlight` the painter uses (it is a set of ranges). */
interface HighlightSet {
  add(range: Range): unknown;
  delete(range: Range): boolean;
}

type HighlightConstructor = new (...ranges: Range[]) => HighlightSet;

/** The page's highlight registry and Highlight constructor, when the browser has them. */
function highlightApi(
  win: Window,
): { registry: HighlightRegistry; Highlight: HighlightConstructor } | null {
  const g = win as unknown as {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: HighlightConstructor;
  };
  try {
    const registry = g.CSS?.highlights;
    if (registry && typeof registry.set === 'function' && typeof g.Highlight === 'function') {
      return { registry, Highlight: g.Highlight };
    }
  } catch {
    // A page that redefined CSS gets the fallback.
  }
  return null;
}

/** The page's IntersectionObserver, when it has one. */
function intersectionObserverOf(win: Window): typeof IntersectionObserver | null {
  try {
    const IO = (win as unknown as { IntersectionObserver?: typeof IntersectionObserver })
      .IntersectionObserver;
    return typeof IO === 'function' ? IO : null;
  } catch {
    return null;
  }
}

function addStyle(doc: Document): HTMLStyleElement {
  const style = doc.createElement('style');
  style.setAttribute('data-dossier-ui', '');
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).append(style);
  return style;
}

/**
 * Above this many ranges under one name, only the ranges near the viewport are registered.
 * Chromium revalidates every registered range whenever any highlight changes, in one rendering
 * task: about 7 µs a range on the reference machine, so the 9,300 ranges of a 200,000-word page
 * cost a 70–80 ms frame, over the 50 ms long-task limit. A few hundred near the viewport cost a
 * few milliseconds. Ordinary articles (tens to a few hundred ranges) are registered whole.
 */
export const WINDOW_ABOVE = 1_500;

/** How far beyond the viewport ranges are registered: a screen above and a screen below. */
export const WINDOW_MARGIN = '100% 0px 100% 0px';

/** Options of `createPainter`. */
export interface PainterOptions {
  /** Wrap with `<dossier-mark>` even where the Highlight API exists (tests). */
  forceWrap?: boolean;
  /** Names with more ranges than this are registered near the viewport only. */
  windowAbove?: number;
}

/** Creates the best painter the page's browser supports. */
export function createPainter(
  doc: Document = document,
  { forceWrap = false, windowAbove = WINDOW_ABOVE }: PainterOptions = {},
): Painter {
  const win = doc.defaultView as Window;
  const api = forceWrap ? null : highlightApi(win);
  return api
    ? new HighlightApiPainter(
        doc,
        api.registry,
        api.Highlight,
        intersectionObserverOf(win),
        windowAbove,
      )
    : new WrapPainter(doc);
}

/** The element whose box stands for a range when deciding whether it is near the viewport. */
function anchorElement(range: Range): Element | null {
  const node = range.startContainer;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** A name registered near the viewport only: its ranges grouped by the element they start in. */
interface WindowedName {
  highlight: HighlightSet;
  byElement: Map<Element, Range[]>;
}

class HighlightApiPainter implements Painter {
  readonly kind = 'highlight-api' as const;
  private readonly names = new Set<string>();
  private style: HTMLStyleElement | null = null;
  private readonly windowed = new Map<string, WindowedName>();
  /** Elements of windowed names within the margin of the viewport, as last reported. */
  private readonly near = new Set<Element>();
  private observer: IntersectionObserver | null = null;
  /** Names registered whole: the Highlight given to the registry and the ranges put in it. */
  private readonly whole = new Map<string, { highlight: HighlightSet; ranges: Set<Range> }>();

  constructor(
    private readonly doc: Document,
    private readonly registry: HighlightRegistry,
    private readonly Highlight: HighlightConstructor,
    private readonly IO: typeof IntersectionObserver | null,
    private readonly windowAbove: number,
  ) {}

  prepare(): void {
    this.style ??= addStyle(this.doc);
  }

  paint(name: HighlightName, ranges: readonly Range[]): void {
    this.prepare();
    if (ranges.length === 0) {
      this.clear(name);
      return;
    }
    if (ranges.length > this.windowAbove && this.IO) {
      this.paintNearViewport(name, ranges, this.IO);
    } else {
      this.unwindow(name);
      this.paintWhole(name, ranges);
    }
    this.names.add(name);
  }

  /**
   * Registers all of `name`'s ranges. When the name's Highlight is still the one registered,
   * it is changed in place (only the ranges that come and go): Chromium restyles the whole
   * document when a name is registered anew, but not when a registered Highlight changes, so
   * a viewer that repaints as pages come and go (lib/pdf) does not restyle every frame.
   */
  private paintWhole(name: string, ranges: readonly Range[]): void {
    const current = this.whole.get(name);
    if (current && this.registry.get?.(name) === current.highlight) {
      const next = new Set(ranges);
      for (const range of current.ranges) if (!next.has(range)) current.highlight.delete(range);
      for (const range of next) if (!current.ranges.has(range)) current.highlight.add(range);
      current.ranges = next;
      return;
    }
    const highlight = new this.Highlight(...ranges);
    this.registry.set(name, highlight);
    this.whole.set(name, { highlight, ranges: new Set(ranges) });
  }

  /**
   * Registers `name` with only the ranges of elements within a screen of the viewport, and
   * lets an IntersectionObserver add each element's ranges as it comes near and remove them as
   * it leaves, so the registry holds a few hundred ranges however long the page is.
   */
  private paintNearViewport(
    name: string,
    ranges: readonly Range[],
    IO: typeof IntersectionObserver,
  ): void {
    this.whole.delete(name);
    const byElement = new Map<Element, Range[]>();
    for (const range of ranges) {
      const element = anchorElement(range);
      if (!element) continue;
      const list = byElement.get(element);
      if (list) list.push(range);
      else byElement.set(element, [range]);
    }
    // Elements the new ranges still use stay watched, so what is near is repainted at once.
    this.unwindow(name, byElement);
    const highlight = new this.Highlight();
    for (const [element, list] of byElement) {
      if (this.near.has(element)) for (const range of list) highlight.add(range);
    }
    this.registry.set(name, highlight);
    this.windowed.set(name, { highlight, byElement });
    this.observer ??= new IO((entries) => this.moved(entries), { rootMargin: WINDOW_MARGIN });
    // Observing an element already observed changes nothing; a new one reports where it is.
    for (const element of byElement.keys()) this.observer.observe(element);
  }

  private moved(entries: readonly IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      const element = entry.target;
      if (entry.isIntersecting) this.near.add(element);
      else this.near.delete(element);
      for (const { highlight, byElement } of this.windowed.values()) {
        for (const range of byElement.get(element) ?? []) {
          if (entry.isIntersecting) highlight.add(range);
          else highlight.delete(range);
        }
      }
    }
  }

  /** Stops watching the elements only `name` had ranges in, except those in `keep`. */
  private unwindow(name: string, keep: ReadonlyMap<Element, unknown> = new Map()): void {
    const gone = this.windowed.get(name);
    if (!gone) return;
    this.windowed.delete(name);
    const others = [...this.windowed.values()];
    for (const element of gone.byElement.keys()) {
      if (keep.has(element) || others.some((w) => w.byElement.has(element))) continue;
      this.observer?.unobserve(element);
      this.near.delete(element);
    }
  }

  clear(name?: HighlightName): void {
    for (const n of name ? [name] : [...this.names]) {
      this.unwindow(n);
      this.whole.delete(n);
      this.registry.delete(n);
      this.names.delete(n);
    }
  }

  destroy(): void {
    this.clear();
    this.observer?.disconnect();
    this.observer = null;
    this.near.clear();
    this.style?.remove();
    this.style = null;
  }
}

/** A text node that was split, and what to put back. */
interface SplitRecord {
  node: Text;
  data: string;
  added: Node[];
}

class WrapPainter implements Painter {
  readonly kind = 'wrap' as const;
  private readonly byName = new Map<string, SplitRecord[]>();
  private style: HTMLStyleElement | null = null;

  constructor(private readonly doc: Document) {}

  prepare(): void {
    this.style ??= addStyle(this.doc);
  }

  paint(name: HighlightName, ranges: readonly Range[]): void {
    this.clear(name);
    this.prepare();
    // Group the pieces of every range by text node, so each node is split once.
    const pieces = new Map<Text, [number, number][]>();
    for (const range of ranges) {
      for (const [node, start, end] of textPieces(range)) {
        const list = pieces.get(node) ?? [];
        list.push([start, end]);
        pieces.set(node, list);
      }
    }
    const records: SplitRecord[] = [];
    for (const [node, spans] of pieces) {
      const record = wrapSpans(this.doc, node, mergeSpans(spans), name);
      if (record) records.push(record);
    }
    this.byName.set(name, records);
  }

  clear(name?: HighlightName): void {
    for (const n of name ? [name] : [...this.byName.keys()]) {
      // Undo in reverse order, so a node split by two names is rebuilt step by step.
      for (const record of (this.byName.get(n) ?? []).reverse()) {
        for (const added of record.added) added.parentNode?.removeChild(added);
        record.node.data = record.data;
      }
      this.byName.delete(n);
    }
  }

  destroy(): void {
    this.clear();
    this.style?.remove();
    this.style = null;
  }
}

/** The text nodes a range covers, each with the covered [start, end) of its data. */
export function textPieces(range: Range): [Text, number, number][] {
  const out: [Text, number, number][] = [];
  const root = range.commonAncestorContainer;
  if (root.nodeType === Node.TEXT_NODE) {
    const text = root as Text;
    if (range.endOffset > range.startOffset) out.push([text, range.startOffset, range.endOffset]);
    return out;
  }
  const walk = walkText(root);
  for (let text = walk.next(); text; text = walk.next()) {
    if (!range.intersectsNode(text)) continue;
    const start = text === range.startContainer ? range.startOffset : 0;
    const end = text === range.endContainer ? range.endOffset : text.data.length;
    if (end > start) out.push([text, start, end]);
  }
  return out;
}

function mergeSpans(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Wraps the spans of one text node. The original node keeps the text before the first span
 * (so the page's references to it stay live); marks and trailing text nodes are inserted after
 * it and recorded for removal.
 */
function wrapSpans(
  doc: Document,
  node: Text,
  spans: [number, number][],
  name: string,
): SplitRecord | null {
  const parent = node.parentNode;
  if (!parent || spans.length === 0) return null;
  const data = node.data;
  const added: Node[] = [];
  let cursor = spans[0]?.[0] ?? 0;
  const after = node.nextSibling;
  const insert = (n: Node) => {
    parent.insertBefore(n, after);
    added.push(n);
  };
  for (const [s, e] of spans) {
    if (s > cursor) insert(doc.createTextNode(data.slice(cursor, s)));
    const mark = doc.createElement('dossier-mark');
    mark.setAttribute('data-name', name);
    mark.textContent = data.slice(s, e);
    insert(mark);
    cursor = e;
  }
  if (cursor < data.length) insert(doc.createTextNode(data.slice(cursor)));
  node.data = data.slice(0, spans[0]?.[0] ?? 0);
  return { node, data, added };
}
