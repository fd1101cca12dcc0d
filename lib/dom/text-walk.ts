/**
 * The one walk over a DOM's text nodes. Dossier reads page text in several places (the text
 * index anchoring uses, the page text a parsed copy shares with the live page, the article's
 * text and block boundaries, the clone-to-page pairing, the pieces of a painted range, the
 * long-page check); they differ only in which elements' text they leave out, and those
 * differences are the options here, named, instead of four hand-written TreeWalker filters.
 *
 * The walk is iterative (firstChild / nextSibling, no recursion, no per-node ancestor lookups)
 * and **bounded in depth**: a page can nest elements as deep as it likes (a script can build
 * 10,000 levels; Chromium's HTML parser stops at 512), and text deeper than `MAX_TEXT_DEPTH`
 * levels below the document is read by none of Dossier's walks. The depth counts from the
 * document, not from where a walk starts, so the text index (from `<body>`), the page text (from
 * `<html>`) and the clone Readability reads (pruned to the same depth, lib/article) all agree on
 * what the page's text is. The walk says when it cut something off (`truncated`, `onCut`).
 *
 * It is resumable (`next()` one node at a time), so the content script can walk a long page in
 * slices; a page that removes the node the walk stands on meanwhile does not make it throw: it
 * goes on from the element it had entered above that node.
 */

/** Marks Dossier's own elements (UI hosts, cards, its style element): never page text. */
export const DOSSIER_UI_ATTRIBUTE = 'data-dossier-ui';

/**
 * Deepest level below the document whose content is read (`<html>` is level 1, `<body>` 2).
 * About five times the deepest page of the corpus (52 levels), and low enough that Readability,
 * whose clean-up costs grow with the cube of a chain's length (each nested element measures the
 * text of every element inside it), stays within a page's ordinary budget: on a 2,500-level
 * page it held the tab for over a minute, on the parser's 512 levels for half a second.
 */
export const MAX_TEXT_DEPTH = 256;

/** Elements whose text is never part of the readable page (the text index's view). */
export const NON_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'head',
]);

/** Which text a walk reads: every option leaves text out, none adds any. */
export interface TextWalkOptions {
  /** Local names of elements left out with everything inside (e.g. `NON_TEXT_ELEMENTS`). */
  skipElements?: ReadonlySet<string>;
  /** Leave out Dossier's own UI (elements marked `DOSSIER_UI_ATTRIBUTE`). Default false. */
  skipDossierUi?: boolean;
  /** Any other element to leave out with everything inside (e.g. hidden by its attributes). */
  skipElement?: (element: Element) => boolean;
  /** Called on each element entered (not skipped), before its content. */
  onEnter?: (element: Element) => void;
  /** Called on each element entered, after its content (also when its content was cut off). */
  onLeave?: (element: Element) => void;
  /** Called on each element whose content is left out for lying deeper than the bound. */
  onCut?: (element: Element) => void;
  /**
   * Levels below the root that are read (the root's children are level 1). By default, what
   * `MAX_TEXT_DEPTH` leaves below the root's own depth in its document.
   */
  maxDepth?: number;
}

/** How many ancestors `node` has (a document or a detached root has none). */
export function depthOf(node: Node): number {
  let depth = 0;
  for (let at = node.parentNode; at; at = at.parentNode) depth++;
  return depth;
}

/** A walk in progress. */
export interface TextWalk {
  /** The next text node in document order, or null at the end. */
  next(): Text | null;
  /** True once the walk left out an element's content for being deeper than `maxDepth`. */
  readonly truncated: boolean;
}

/** Starts a walk over the text nodes under `root` (a Text root is its own only node). */
export function walkText(root: Node, options: TextWalkOptions = {}): TextWalk {
  const maxDepth = options.maxDepth ?? Math.max(0, MAX_TEXT_DEPTH - depthOf(root));
  const { skipElements, skipDossierUi = false, skipElement, onEnter, onLeave, onCut } = options;
  if (!(maxDepth >= 0)) throw new RangeError(`maxDepth must be 0 or more, not ${maxDepth}`);
  const filtered = skipElements !== undefined || skipDossierUi || skipElement !== undefined;
  const skipped = (element: Element): boolean =>
    (skipElements?.has(element.localName) ?? false) ||
    (skipDossierUi && element.hasAttribute(DOSSIER_UI_ATTRIBUTE)) ||
    (skipElement?.(element) ?? false);

  // `at` is where the walk stands, `open` whether its content is still to be walked, and
  // `above` the elements entered on the way down to it (the root first): climbing goes back
  // through them rather than through `parentNode`, which the page may have changed meanwhile.
  let at: Node | null = root;
  let open = root.nodeType !== 3;
  const above: Node[] = [];
  let truncated = false;
  let rootText: Text | null = root.nodeType === 3 ? (root as Text) : null;

  const next = (): Text | null => {
    if (rootText) {
      const text = rootText;
      rootText = null;
      at = null;
      return text;
    }
    let node = at;
    while (node) {
      let step: Node | null = null;
      if (open) {
        open = false;
        if (node.firstChild) {
          if (above.length < maxDepth) {
            above.push(node);
            step = node.firstChild;
          } else {
            truncated = true;
            if (node.nodeType === 1) onCut?.(node as Element);
          }
        }
        if (!step && node !== root && node.nodeType === 1) onLeave?.(node as Element);
      }
      // Nothing to enter: the next sibling, or up until there is one.
      while (!step && node !== root) {
        step = node.nextSibling;
        if (step) break;
        const parent = above.pop();
        if (!parent) break;
        node = parent;
        if (node !== root && node.nodeType === 1) onLeave?.(node as Element);
      }
      if (!step) break;
      node = step;
      if (node.nodeType === 3) {
        at = node;
        return node as Text;
      }
      if (node.nodeType === 1 && !(filtered && skipped(node as Element))) {
        if (onEnter) onEnter(node as Element);
        open = true;
      }
    }
    at = null;
    return null;
  };
  return {
    next,
    get truncated() {
      return truncated;
    },
  };
}

/** Every text node `walkText` reads under `root`, in document order. */
export function textNodesOf(root: Node, options: TextWalkOptions = {}): Text[] {
  const walk = walkText(root, options);
  const out: Text[] = [];
  for (let node = walk.next(); node; node = walk.next()) out.push(node);
  return out;
}
