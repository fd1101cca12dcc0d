/**
 * A text index of a DOM subtree: the page's readable text as one string, plus the maps needed to
 * go between offsets in that string and live DOM `Range`s. Everything else in `lib/anchoring`
 * (selectors, re-anchoring, the article map) works on plain strings and offsets; this module is
 * the only one that walks nodes, and it walks them once per page, so that anchoring 1,000
 * annotations costs one TreeWalker pass plus string searches instead of 1,000 DOM traversals.
 *
 * Whitespace. The index keeps two views of the same text:
 * - `raw`: the concatenated data of the indexed text nodes, exactly as in the DOM.
 * - `text`: `raw` with each run of whitespace collapsed to one space and the ends trimmed, by the
 *   same rule as `collapseWhitespace` in lib/article (JavaScript's `\s`, so U+00A0 counts as
 *   whitespace and U+00AD soft hyphens are kept). This is the view Dossier's selectors and offsets
 *   use: it does not change when a page is re-indented or re-rendered with different line
 *   breaks, and it has the same shape as Readability's article text.
 * `collapsed` maps offsets of `text` to the offsets of `raw` they came from (for a collapsed
 * space, the first whitespace character of its run) and back.
 *
 * What is indexed: text nodes under `root`, except inside script, style, noscript, template,
 * textarea and head elements (never shown as page text) and inside Dossier's own UI (any element
 * carrying `data-dossier-ui`), so that a toolbar or card never shifts the offsets of the page.
 * Shadow roots and frames are not entered: they are separate documents for selection, and
 * Readability does not see them either. Nor is text deeper than `MAX_TEXT_DEPTH` below the
 * document, which Readability is not given either (lib/dom/text-walk.ts).
 */
import { NON_TEXT_ELEMENTS, walkText } from '../dom/text-walk';

/** Marks Dossier's own elements (toolbar host, cards) so that they are never indexed. */
export { DOSSIER_UI_ATTRIBUTE } from '../dom/text-walk';

/** The text of a DOM subtree in two views, with the maps between offsets, nodes and views. */
export interface TextIndex {
  /** The subtree that was indexed. */
  readonly root: Node;
  /** The indexed text nodes, in document order (empty nodes left out). */
  readonly nodes: readonly Text[];
  /** `nodeStarts[i]` is the offset in `raw` where `nodes[i]` begins. */
  readonly nodeStarts: Int32Array;
  /** The concatenated node data, whitespace untouched. */
  readonly raw: string;
  /** `raw` with whitespace runs collapsed to one space and trimmed: the view selectors use. */
  readonly text: string;
  /** The maps between offsets of `text` and of `raw`. */
  readonly collapsed: CollapsedText;
}

/** The document a node belongs to (a Document is its own). */
function ownerDocumentOf(node: Node): Document {
  return node.ownerDocument ?? (node as Document);
}

/**
 * Indexes the text under `root` (by default the page body) in one TreeWalker pass and a few
 * native regular-expression passes over the text, so it stays linear on very long pages. Build it once per page state and
 * reuse it for every selector; rebuild it after the page's text changes.
 */
export function buildTextIndex(root: Node = document.body): TextIndex {
  const walk = walkText(root, { skipElements: NON_TEXT_ELEMENTS, skipDossierUi: true });
  const nodes: Text[] = [];
  const parts: string[] = [];
  const starts: number[] = [];
  let length = 0;
  for (let node = walk.next(); node !== null; node = walk.next()) {
    const data = node.data;
    if (data.length === 0) continue;
    nodes.push(node);
    parts.push(data);
    starts.push(length);
    length += data.length;
  }
  const raw = parts.join('');
  const collapsed = collapseWithMap(raw);
  return { root, nodes, nodeStarts: Int32Array.from(starts), raw, text: collapsed.text, collapsed };
}

/** The collapsed view of a text and the maps between its offsets and the raw text's. */
export interface CollapsedText {
  /** Whitespace runs collapsed to one space, ends trimmed. */
  readonly text: string;
  /** Offset in the raw text of character `offset` of `text` (a space: its run's first). */
  toRaw(offset: number): number;
  /** Offset in `text` of the first character at or after raw offset `rawOffset`. */
  fromRaw(rawOffset: number): number;
}

/**
 * Collapses whitespace exactly as `collapseWhitespace` in lib/article does, and keeps the maps
 * between collapsed and raw offsets. Only runs of two or more whitespace characters shift
 * offsets, and there are few of them (mostly between blocks), so the maps are a short list of
 * runs searched by bisection rather than one entry per character: building stays a couple of
 * native regular-expression passes even on a 200,000-word page.
 */
export function collapseWithMap(raw: string): CollapsedText {
  if (!/\s\s|[^\S ]|^ | $/.test(raw)) {
    // Already collapsed (as Readability's text and an index's `text` are): nothing moves.
    const length = raw.length;
    return {
      text: raw,
      toRaw: (offset) => offset,
      fromRaw: (r) => Math.min(Math.max(r, 0), length),
    };
  }
  const text = raw.replace(/\s+/g, ' ').trim();
  const leading = raw.length - raw.trimStart().length;
  const end = leading + raw.slice(leading).trimEnd().length; // raw offset after the last kept char
  // Runs of 2+ whitespace characters inside the kept text: where each one's space sits in
  // `text`, where it starts in `raw`, and how many characters were removed up to its end.
  const at: number[] = [];
  const rawAt: number[] = [];
  const rawEnd: number[] = [];
  const removed: number[] = [];
  let total = leading;
  const runs = /\s{2,}/g;
  runs.lastIndex = leading;
  for (let match = runs.exec(raw); match !== null && match.index < end; match = runs.exec(raw)) {
    at.push(match.index - total);
    rawAt.push(match.index);
    rawEnd.push(match.index + match[0].length);
    total += match[0].length - 1;
    removed.push(total);
  }
  const collapsedAt = Int32Array.from(at);
  const rawStarts = Int32Array.from(rawAt);
  const rawEnds = Int32Array.from(rawEnd);
  const removedAfter = Int32Array.from(removed);
  return {
    text,
    toRaw(offset) {
      // Runs whose space comes before `offset` have shifted it.
      const j = lowerBound(collapsedAt, offset) - 1;
      return offset + (j >= 0 ? (removedAfter[j] as number) : leading);
    },
    fromRaw(rawOffset) {
      if (rawOffset <= leading) return 0;
      const j = lowerBound(rawStarts, rawOffset) - 1; // last run starting before rawOffset
      if (j < 0) return Math.min(text.length, rawOffset - leading);
      // Inside the run, past its first character: the next kept character.
      if (rawOffset < (rawEnds[j] as number)) return (collapsedAt[j] as number) + 1;
      return Math.min(text.length, rawOffset - (removedAfter[j] as number));
    },
  };
}

/** First index `i` with `sorted[i] >= value` (`sorted.length` when there is none). */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Turns `[start, end)` offsets into the raw view into a live `Range`, by binary search over the
 * node start offsets. Returns null for an empty or out-of-bounds span, or when the nodes it
 * needs have left the indexed subtree since the index was built.
 */
export function rawOffsetsToRange(index: TextIndex, start: number, end: number): Range | null {
  const { nodes, nodeStarts, raw } = index;
  if (!(start >= 0 && end > start && end <= raw.length)) return null;
  const first = lowerBound(nodeStarts, start + 1) - 1; // last node starting at or before start
  const last = lowerBound(nodeStarts, end) - 1; // last node starting before end
  const startNode = nodes[first];
  const endNode = nodes[last];
  if (!startNode || !endNode) return null;
  if (!isInside(index.root, startNode) || !isInside(index.root, endNode)) return null;
  const range = ownerDocumentOf(index.root).createRange();
  range.setStart(startNode, Math.min(start - (nodeStarts[first] as number), startNode.length));
  range.setEnd(endNode, Math.min(end - (nodeStarts[last] as number), endNode.length));
  return range;
}

/**
 * Turns `[start, end)` offsets into the collapsed `text` view (the offsets selectors, detectors
 * and the article map speak) into a live `Range`. Returns null when the span is empty or out of
 * bounds, or when the page has changed under the index.
 */
export function offsetsToRange(index: TextIndex, start: number, end: number): Range | null {
  if (!(start >= 0 && end > start && end <= index.text.length)) return null;
  const rawStart = index.collapsed.toRaw(start);
  const rawEnd = index.collapsed.toRaw(end - 1) + 1;
  return rawOffsetsToRange(index, rawStart, rawEnd);
}

/** Each index's text nodes → their position in `nodes`, built on first use. */
const nodePositions = new WeakMap<TextIndex, Map<Text, number>>();

/**
 * The position of each indexed text node, so that a selection inside text (the usual case)
 * resolves with one lookup instead of a binary search in document order.
 */
function positionsOf(index: TextIndex): Map<Text, number> {
  const cached = nodePositions.get(index);
  if (cached) return cached;
  const positions = new Map<Text, number>(index.nodes.map((node, i) => [node, i]));
  nodePositions.set(index, positions);
  return positions;
}

/** True when `node` is still inside `root` (walks up: cheap everywhere, unlike some DOMs). */
function isInside(root: Node, node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current === root) return true;
  }
  return false;
}

/** Position flags from `Node.compareDocumentPosition`. */
const FOLLOWING = 4;
const CONTAINED_BY = 16;

/**
 * Offset in `raw` of a DOM boundary point: where the text after the point begins. Points inside
 * an indexed text node are exact; other points (an element and child index, a skipped or newer
 * text node) resolve to the first indexed text at or after them, found by binary search in
 * document order.
 */
function rawOffsetOfBoundary(index: TextIndex, container: Node, offset: number): number {
  const { nodes, nodeStarts, raw } = index;
  // Predicate over nodes: "this node lies at or after the boundary point". It is monotone in
  // document order, so binary search finds the first node for which it holds.
  let atOrAfter: (node: Text) => boolean;
  if (container.nodeType === 3 || container.nodeType === 4 || container.nodeType === 8) {
    const i = positionsOf(index).get(container as Text);
    if (i !== undefined) {
      return (nodeStarts[i] as number) + Math.min(offset, (container as CharacterData).length);
    }
    // Not indexed (comment, skipped text): the boundary is before the next indexed text.
    atOrAfter = (node) => follows(container, node);
  } else {
    const child = container.childNodes[offset];
    if (child) {
      atOrAfter = (node) => node === child || follows(child, node);
    } else {
      atOrAfter = (node) => {
        const position = container.compareDocumentPosition(node);
        return (position & FOLLOWING) !== 0 && (position & CONTAINED_BY) === 0;
      };
    }
  }
  const i = lowerBoundNode(nodes, atOrAfter);
  return i < nodes.length ? (nodeStarts[i] as number) : raw.length;
}

function follows(reference: Node, node: Node): boolean {
  return (reference.compareDocumentPosition(node) & FOLLOWING) !== 0;
}

function lowerBoundNode(nodes: readonly Text[], atOrAfter: (node: Text) => boolean): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(nodes[mid] as Text)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Turns a live `Range` (typically the reader's selection) into `[start, end)` offsets in the raw
 * view. Boundaries outside indexed text snap forward to the next indexed text.
 */
export function rangeToRawOffsets(index: TextIndex, range: Range): { start: number; end: number } {
  const start = rawOffsetOfBoundary(index, range.startContainer, range.startOffset);
  const end = rawOffsetOfBoundary(index, range.endContainer, range.endOffset);
  return { start, end: Math.max(start, end) };
}

/**
 * Turns a live `Range` into `[start, end)` offsets in the collapsed `text` view, the offsets
 * selectors store. The span may start or end with a collapsed space; `describeRange` trims it.
 */
export function rangeToOffsets(index: TextIndex, range: Range): { start: number; end: number } {
  const raw = rangeToRawOffsets(index, range);
  // A collapsed character k lies in the span when raw.start <= toRaw(k) < raw.end.
  const start = index.collapsed.fromRaw(raw.start);
  const end = index.collapsed.fromRaw(raw.end);
  return { start, end: Math.max(start, end) };
}
