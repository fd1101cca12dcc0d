/**
 * Painting ranges on the live page. The CSS Custom Highlight API paints without touching the
 * DOM at all, under the names DESIGN.md promises (`dossier-official`, `dossier-quote`,
 * `dossier-note`, `dossier-note-<colour>`), so readers can restyle them with `::highlight()`.
 * Where the API is missing, `<dossier-mark>` elements wrap the text instead: the page's text is
 * unchanged, and `destroy()` puts back every text node exactly as it was (same node objects,
 * same data), so scripts holding references to the page's nodes never notice.
 */

/** The highlight names of DESIGN.md. */
export type HighlightName =
  | 'dossier-official'
  | 'dossier-quote'
  | 'dossier-note'
  | 'dossier-flash'
  | `dossier-note-${string}`;

/**
 * Paints named sets of ranges; painting a name again replaces its ranges. With the wrapping
 * fallback, ranges must be measured on the page without that name painted (clear it first).
 */
export interface Painter {
  readonly kind: 'highlight-api' | 'wrap';
  paint(name: HighlightName, ranges: readonly Range[]): void;
  clear(name?: HighlightName): void;
  /** Removes every trace of Dossier's painting (styles included). */
  destroy(): void;
}

/** Default look: translucent, so it reads on light and dark pages alike. */
export const HIGHLIGHT_CSS = `
::highlight(dossier-official) { background-color: rgb(255 196 0 / 0.32); text-decoration: underline 2px rgb(214 150 0); }
::highlight(dossier-quote) { background-color: rgb(64 150 255 / 0.2); text-decoration: underline dotted 2px rgb(40 120 230); }
::highlight(dossier-note) { text-decoration: underline 1px rgb(128 128 128 / 0.5); }
::highlight(dossier-note-yellow) { background-color: rgb(255 230 0 / 0.45); }
::highlight(dossier-note-green) { background-color: rgb(80 220 120 / 0.4); }
::highlight(dossier-note-blue) { background-color: rgb(90 170 255 / 0.4); }
::highlight(dossier-note-pink) { background-color: rgb(255 120 190 / 0.4); }
::highlight(dossier-note-purple) { background-color: rgb(180 130 255 / 0.4); }
dossier-mark { all: unset; display: inline; }
dossier-mark[data-name="dossier-official"] { background-color: rgb(255 196 0 / 0.32); text-decoration: underline 2px rgb(214 150 0); }
dossier-mark[data-name="dossier-quote"] { background-color: rgb(64 150 255 / 0.2); text-decoration: underline dotted 2px rgb(40 120 230); }
dossier-mark[data-name^="dossier-note"] { background-color: rgb(255 230 0 / 0.45); }
::highlight(dossier-flash) { background-color: rgb(255 120 0 / 0.55); }
`;

interface HighlightRegistry {
  set(name: string, value: unknown): void;
  delete(name: string): boolean;
}

/** The page's highlight registry and Highlight constructor, when the browser has them. */
function highlightApi(
  win: Window,
): { registry: HighlightRegistry; Highlight: new (...r: Range[]) => unknown } | null {
  const g = win as unknown as {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: new (...r: Range[]) => unknown;
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

function addStyle(doc: Document): HTMLStyleElement {
  const style = doc.createElement('style');
  style.setAttribute('data-dossier-ui', '');
  style.textContent = HIGHLIGHT_CSS;
  (doc.head ?? doc.documentElement).append(style);
  return style;
}

/** Creates the best painter the page's browser supports. */
export function createPainter(doc: Document = document, { forceWrap = false } = {}): Painter {
  const win = doc.defaultView as Window;
  const api = forceWrap ? null : highlightApi(win);
  return api ? new HighlightApiPainter(doc, api.registry, api.Highlight) : new WrapPainter(doc);
}

class HighlightApiPainter implements Painter {
  readonly kind = 'highlight-api' as const;
  private readonly names = new Set<string>();
  private style: HTMLStyleElement | null = null;

  constructor(
    private readonly doc: Document,
    private readonly registry: HighlightRegistry,
    private readonly Highlight: new (...r: Range[]) => unknown,
  ) {}

  paint(name: HighlightName, ranges: readonly Range[]): void {
    this.style ??= addStyle(this.doc);
    if (ranges.length === 0) {
      this.clear(name);
      return;
    }
    this.registry.set(name, new this.Highlight(...ranges));
    this.names.add(name);
  }

  clear(name?: HighlightName): void {
    for (const n of name ? [name] : [...this.names]) {
      this.registry.delete(n);
      this.names.delete(n);
    }
  }

  destroy(): void {
    this.clear();
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

  paint(name: HighlightName, ranges: readonly Range[]): void {
    this.clear(name);
    this.style ??= addStyle(this.doc);
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
  const doc = root.ownerDocument ?? (root as Document);
  if (root.nodeType === Node.TEXT_NODE) {
    const text = root as Text;
    if (range.endOffset > range.startOffset) out.push([text, range.startOffset, range.endOffset]);
    return out;
  }
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
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
