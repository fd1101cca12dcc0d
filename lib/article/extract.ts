/**
 * Article extraction: Mozilla Readability on a clone of the document (Readability mutates what
 * it is given), so the live page is never touched. Pages that are not articles give a result
 * that says so instead of throwing.
 *
 * The article is what the reader sees: text the page hides (screen-reader-only spans, hover
 * cards, collapsed widgets, templates) is dropped from the clone before Readability reads it,
 * by DOM signals only (attributes, inline styles, common class names), so the content script,
 * the offscreen document and the Node CLI, which has no layout, all read the same text. And
 * blocks never glue: where a block boundary has no whitespace on the page ("…in 2019.</p><p>James
 * Roe…"), the article text gets a space, so no name runs across it. Both keep the article's
 * source map exact: hidden text nodes are simply not article nodes, and the added spaces sit
 * between nodes in `raw`.
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import { walkText } from '../dom/text-walk';
import { runToEnd, type Steps } from '../steps';

/** What Dossier knows about the article a page shows. */
export interface Article {
  title: string;
  byline: string | null;
  siteName: string | null;
  published: string | null;
  lang: string | null;
  /**
   * Readability's `textContent` without hidden text and with a space wherever two blocks would
   * glue, each run of whitespace collapsed to one space, trimmed.
   */
  text: string;
  wordCount: number;
  /**
   * Sorted offsets in `text` where a block (paragraph, heading, list item, caption…) starts:
   * quotations never run across them. Empty when they could not be worked out.
   */
  breaks: number[];
  /**
   * The breaks that are a single `<br>` inside a block, nothing else: a line break, not a new
   * paragraph. The page's `textContent` runs on across them, and so may a quotation.
   */
  lineBreaks?: number[];
  /**
   * Where the article's text lives on the page it was extracted from, when extraction was asked
   * to keep it (`extractArticle(doc, { live: true })`): lets offsets become live Ranges without
   * aligning the article text to the page text.
   */
  source?: ArticleSource;
}

/**
 * The article's text nodes as Readability kept them, each with the live page node it was cloned
 * from. Readability moves nodes around its clone but keeps most text nodes as they are, so an
 * offset in the article text is a text node and an offset in it, found by binary search.
 */
export interface ArticleSource {
  /**
   * The article's text nodes' data, concatenated, with a space between two blocks that would
   * otherwise glue: `text` before whitespace was collapsed.
   */
  raw: string;
  /** `starts[i]` is where node `i` begins in `raw`. */
  starts: Int32Array;
  /** The live node each article text node was cloned from; null for text Readability made. */
  live: (Text | null)[];
  /** Each node's data at extraction time, to notice a live node the page has changed since. */
  data: string[];
}

/** Either an article, or the reason there is none. */
export type ArticleResult =
  | { ok: true; article: Article }
  | { ok: false; reason: 'not-article'; message: string };

/** Collapses runs of whitespace (U+00AD soft hyphens are kept: they are part of the text). */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Counts words as runs of non-space characters. */
export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** Options of `extractArticle`. */
export interface ExtractOptions {
  /** Skip the "is this readable?" check (the user explicitly asked to analyse the page). */
  force?: boolean;
  /** Keep where the article's text lives on the page (`Article.source`). */
  live?: boolean;
}

/** Extracts the article from `doc` (never modified). */
export function extractArticle(doc: Document, options: ExtractOptions = {}): ArticleResult {
  return runToEnd(extractArticleInSteps(doc, options));
}

/**
 * `extractArticle` in steps, for the content script to run one per task: the check and the
 * clone, then Readability, then reading the article's text. Each `yield` is a place to pause.
 */
export function* extractArticleInSteps(
  doc: Document,
  { force = false, live = false }: ExtractOptions = {},
): Steps<ArticleResult> {
  if (!force && !isProbablyReaderable(doc)) {
    return {
      ok: false,
      reason: 'not-article',
      message: 'This page does not look like an article.',
    };
  }
  const clone = doc.cloneNode(true) as Document;
  // Right after cloning, the clone's text nodes and the page's match one for one, in order.
  const liveOf = live ? pairTextNodes(clone, doc) : null;
  pruneTooDeep(clone);
  dropHiddenElements(clone);
  yield;
  // The article element itself rather than its HTML: its text and block boundaries are read
  // in one walk, without serialising and parsing the article again.
  const parsed = new Readability<Node>(clone, { serializer: (node) => node }).parse();
  yield;
  const { text, breaks, lineBreaks, raw, nodes, starts } = parsed?.content
    ? readArticle(parsed.content)
    : {
        text: '',
        breaks: [] as number[],
        lineBreaks: [] as number[],
        raw: '',
        nodes: [] as Text[],
        starts: [] as number[],
      };
  if (!parsed || text.length === 0) {
    return { ok: false, reason: 'not-article', message: 'No article text was found on this page.' };
  }
  return {
    ok: true,
    article: {
      title: collapseWhitespace(parsed.title ?? '') || collapseWhitespace(doc.title),
      byline: parsed.byline ? collapseWhitespace(parsed.byline) : null,
      siteName: parsed.siteName ?? null,
      published: parsed.publishedTime ?? null,
      lang: parsed.lang ?? doc.documentElement.lang ?? null,
      text,
      wordCount: countWords(text),
      breaks,
      lineBreaks,
      ...(liveOf
        ? {
            source: {
              raw,
              starts: Int32Array.from(starts),
              live: nodes.map((n) => liveOf.get(n) ?? null),
              data: nodes.map((n) => n.data),
            },
          }
        : {}),
    },
  };
}

/**
 * Elements a reader never sees, by signals that need no layout: the `hidden` attribute,
 * `aria-hidden="true"`, an inline `display: none` or `visibility: hidden`, `<template>`, and the
 * class names sites give screen-reader-only text and hover cards. A hiding class on a long
 * stretch of text is more likely a script-revealed article body than a widget, so only short
 * ones (HIDDEN_CLASS_MAX_CHARS) go by class name alone.
 */
export function isHiddenElement(el: Element): boolean {
  if (el.tagName === 'TEMPLATE' || el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && HIDDEN_STYLE.test(style)) return true;
  const cls = el.getAttribute('class');
  return !!cls && HIDDEN_CLASS.test(cls) && (el.textContent?.length ?? 0) <= HIDDEN_CLASS_MAX_CHARS;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i;

/**
 * Class names of text that is not shown: screen-reader-only text, hover cards, tooltips. Not
 * a class that only clips overflow ("overflow-hidden") or hides on one kind of screen or in
 * print ("mobile-hidden", "sm-hide", "print-hidden"): the reader sees that text.
 */
const HIDDEN_CLASS =
  /(?:^|[\s_-])(?<!(?:overflow|mobile|phone|tablet|desktop|print|xs|sm|md|lg|xl)[-_])(?:sr-only|sr-text|screen-?reader(?:-text|-only)?|visually-?hidden|visuallyhidden|a11y-hidden|assistive-text|offscreen|hidden|is-hidden|u-hidden|hide|invisible|hover-?card|tooltip|popover)(?:$|[\s_])/i;

/** Longest text dropped on a hiding class name alone (see `isHiddenElement`). */
const HIDDEN_CLASS_MAX_CHARS = 600;

const HIDDEN_SELECTOR = 'template,[hidden],[aria-hidden],[style],[class]';

/** Removes the hidden elements (`isHiddenElement`) of a clone's body. */
function dropHiddenElements(clone: Document): void {
  const body = clone.body;
  if (!body) return;
  // Collected first, removed after: an element inside one already removed goes with it.
  const hidden = Array.from(body.querySelectorAll(HIDDEN_SELECTOR)).filter(isHiddenElement);
  for (const el of hidden) el.remove();
}

/**
 * Empties the elements of a clone that lie at the depth bound of every Dossier walk
 * (lib/dom/text-walk.ts), so Readability reads the same text as the page's text index, and a
 * page nested thousands of levels deep does not hold the tab in Readability's clean-up, whose
 * cost grows with the cube of a chain's length.
 */
function pruneTooDeep(clone: Document): void {
  const cut: Element[] = [];
  const walk = walkText(clone, { onCut: (element) => cut.push(element) });
  while (walk.next());
  for (const element of cut) element.replaceChildren();
}

/** Each text node of `clone` (a fresh `cloneNode(true)` of `doc`) mapped to its original. */
function pairTextNodes(clone: Document, doc: Document): Map<Node, Text> {
  const pairs = new Map<Node, Text>();
  const a = walkText(clone);
  const b = walkText(doc);
  for (let x = a.next(), y = b.next(); x && y; x = a.next(), y = b.next()) pairs.set(x, y);
  return pairs;
}

const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);

/**
 * The article's text (Readability's `textContent`, whitespace collapsed as `collapseWhitespace`
 * does) and where each block starts in it, from one walk over the article element. Linear in the
 * length of the text: the whitespace runs are found by a native regex, not character by
 * character.
 */
export function textAndBreaks(root: Node): { text: string; breaks: number[] } {
  const { text, breaks } = readArticle(root);
  return { text, breaks };
}

/** `textAndBreaks`, plus the raw text and the text nodes it was read from. */
function readArticle(root: Node): {
  text: string;
  breaks: number[];
  lineBreaks: number[];
  raw: string;
  nodes: Text[];
  starts: number[];
} {
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let rawLength = 0;
  const rawBreaks: number[] = [];
  const rawBr: boolean[] = []; // whether each raw break is a <br> (the others are blocks)
  // A block boundary passed since the last text; `lastSpace` whether raw ends in whitespace.
  let atBoundary = false;
  let lastSpace = true;
  // One walk (lib/dom/text-walk.ts) with hidden elements left out; a block's start and end
  // each mark a boundary.
  const boundary = (element: Element) => {
    const tag = element.tagName.toUpperCase();
    if (BLOCK_TAGS.has(tag)) {
      rawBreaks.push(rawLength);
      rawBr.push(tag === 'BR');
      atBoundary = true;
    }
  };
  const walk = walkText(root, {
    skipElement: isHiddenElement,
    onEnter: boundary,
    onLeave: boundary,
  });
  for (let node = walk.next(); node; node = walk.next()) {
    const data = node.data;
    if (data.length === 0) continue;
    if (atBoundary && !lastSpace && !/^\s/.test(data)) {
      // Blocks never glue: "…in 2019." + "James Roe" reads as two blocks, so a space.
      parts.push(' ');
      rawLength++;
    }
    atBoundary = false;
    nodes.push(node);
    starts.push(rawLength);
    parts.push(data);
    rawLength += data.length;
    lastSpace = /\s$/.test(data);
  }
  const raw = parts.join('');
  const text = collapseWhitespace(raw);
  // Map each raw break through the collapsing: walk the whitespace runs once, in order.
  const lead = raw.length - raw.trimStart().length;
  const runs = /\s+/g;
  let removed = lead; // raw characters dropped before the current position
  let run = runs.exec(raw);
  if (run && run.index === 0) run = runs.exec(raw);
  const breaks = new Set<number>();
  // Per break: how many <br> boundaries and whether a block boundary falls there.
  const brCount = new Map<number, number>();
  const blockAt = new Set<number>();
  for (let k = 0; k < rawBreaks.length; k++) {
    const r = rawBreaks[k] as number;
    while (run && run.index + run[0].length <= r) {
      removed += run[0].length - 1;
      run = runs.exec(raw);
    }
    // Inside a run, a break falls at the start of the next word.
    const inRun = run !== null && run.index < r;
    let b = inRun && run ? run.index - removed + 1 : r - removed;
    while (b < text.length && text[b] === ' ') b++;
    if (b > 0 && b < text.length) {
      breaks.add(b);
      if (rawBr[k]) brCount.set(b, (brCount.get(b) ?? 0) + 1);
      else blockAt.add(b);
    }
  }
  // A <br> is entered and left: two boundaries. Two <br> in a row ("<br><br>") part paragraphs.
  const lineBreaks: number[] = [];
  for (const [b, n] of brCount) if (n <= 2 && !blockAt.has(b)) lineBreaks.push(b);
  return {
    text,
    breaks: [...breaks].sort((a, b) => a - b),
    lineBreaks: lineBreaks.sort((a, b) => a - b),
    raw,
    nodes,
    starts,
  };
}
