/**
 * The automatic highlights: every mention of an official and every quotation, mapped from the
 * article text onto live ranges and painted (`dossier-official`, `dossier-quote`). Pointing at
 * one shows a card (who, their titles, previous/next mention; a quotation's speaker and "Save
 * as note"); Alt+Shift+↓/↑ walks the mentions from the keyboard with the card focused.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PAGE_UI_CSS } from '../../components/page/styles';
import type { Article } from '../article/extract';
import { createLiveMapper, type SourceMapper } from '../article/live-ranges';
import type { Detection } from '../detect';
import { caretAt, overDossierUi } from '../dom/pointer';
import type { Painter } from '../highlight/paint';
import type { AnalysisSummary } from '../protocol';
import { cardKeyHandler, showCard as showEntityCard, stepMention, walkFrom } from './card-walk';
import { createScope } from './scope';
import { runSliced } from './slices';
import { createUiHost } from './ui-host';

/** A running layer of automatic highlights. */
export interface EntitiesLayer {
  summary(): AnalysisSummary;
  /** Scrolls to an official's mention or a quotation, selects and flashes it. */
  reveal(kind: 'official' | 'quote', index: number, mention?: number): boolean;
  setVisible(visible: boolean): void;
  /** Resolves once every mention is mapped and painted (false: stopped before that). */
  readonly ready: Promise<boolean>;
  destroy(): void;
}

/** Options of the layer. */
export interface EntitiesLayerOptions {
  ctx: ContentScriptContext;
  doc: Document;
  painter: Painter;
  article: Article;
  detection: Detection;
  visible: boolean;
  /** Live Ranges from an analysis made away from the page (lib/offscreen), when there was one. */
  locate?: SourceMapper | null;
  /** Saves a quotation as the reader's note (wired to the notes layer). */
  saveQuote?(range: Range, speaker: string | null): void;
}

interface Hit {
  kind: 'official' | 'quote';
  index: number;
  mention: number;
  range: Range;
}

/** Maps, paints and makes interactive the officials and quotations of an article. */
export function startEntitiesLayer(options: EntitiesLayerOptions): EntitiesLayer {
  const { ctx, doc, painter, article, detection } = options;
  // Everything below ends with this layer (a navigation replaces it), not only with `ctx`.
  const scope = createScope(ctx);
  const map = createLiveMapper(doc, article, options.locate);
  // Filled in slices (a long page has thousands of mentions), then painted at once.
  const officialRanges: (Range | null)[][] = detection.officials.map((o) =>
    o.mentions.map(() => null),
  );
  const quoteRanges: (Range | null)[] = detection.quotes.map(() => null);
  const spans: { start: number; end: number; set(range: Range | null): void }[] = [];
  detection.officials.forEach((o, i) => {
    const ranges = officialRanges[i] as (Range | null)[];
    o.mentions.forEach((m, k) => {
      spans.push({
        start: m.start,
        end: m.end,
        set: (r) => {
          ranges[k] = r;
        },
      });
    });
  });
  detection.quotes.forEach((q, i) => {
    spans.push({
      start: q.start,
      end: q.end,
      set: (r) => {
        quoteRanges[i] = r;
      },
    });
  });
  let destroyed = false;
  let visible = options.visible;

  const paint = () => {
    if (!visible) {
      painter.clear('dossier-official');
      painter.clear('dossier-quote');
      return;
    }
    painter.paint(
      'dossier-official',
      officialRanges.flat().filter((r): r is Range => r !== null),
    );
    painter.paint(
      'dossier-quote',
      quoteRanges.filter((r): r is Range => r !== null),
    );
  };
  const ready = runSliced(
    ctx,
    spans.length,
    (i) => {
      const span = spans[i];
      span?.set(map(span.start, span.end));
    },
    { stop: () => destroyed },
  ).then((done) => {
    if (done && !destroyed) {
      buildHitLists();
      paint();
    }
    return done && !destroyed;
  });

  const host = createUiHost(doc, PAGE_UI_CSS);
  let open: Hit | null = null;

  const flash = (range: Range) => {
    painter.paint('dossier-flash', [range]);
    scope.setTimeout(() => painter.clear('dossier-flash'), 1200);
  };

  const goTo = (hit: Hit, focus: boolean) => {
    const target = hit.range.startContainer.parentElement;
    target?.scrollIntoView({ block: 'center' });
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(hit.range.cloneRange());
    flash(hit.range);
    showCard(hit, focus);
  };

  const step = (hit: Hit, delta: 1 | -1) => {
    const ranges = officialRanges[hit.index] ?? [];
    const mention = stepMention(ranges.length, hit.mention, delta, (i) => ranges[i] != null);
    const range = mention === null ? null : ranges[mention];
    if (mention !== null && range) {
      goTo({ kind: 'official', index: hit.index, mention, range }, true);
    }
  };

  const showCard = (hit: Hit, focus: boolean) => {
    open = hit;
    const save = options.saveQuote;
    const actions = {
      step: (delta: 1 | -1) => step(hit, delta),
      save: save && ((speaker: string | null) => save(hit.range, speaker)),
      close: closeCard,
    };
    showEntityCard(host, detection, hit, hit.range, actions, focus);
  };

  const closeCard = () => {
    open = null;
    host.show(null);
  };

  // Hit-testing in page order: the mentions (and, apart, the quotations) sorted by where they
  // start in the article, so the one under the pointer is found by binary search. A linear scan
  // over every range was one long task per pointer move on a page with 10,000 names.
  let officialHits: Hit[] = [];
  let quoteHits: Hit[] = [];
  // Quotations retold inside a quotation (lib/detect/retold-quotes.ts) overlap it: they are
  // searched apart, first, so each list stays free of overlaps, as the binary search needs.
  let retoldHits: Hit[] = [];
  const buildHitLists = () => {
    const officials: { at: number; hit: Hit }[] = [];
    officialRanges.forEach((list, index) => {
      list.forEach((range, mention) => {
        const at = detection.officials[index]?.mentions[mention]?.start ?? 0;
        if (range) officials.push({ at, hit: { kind: 'official', index, mention, range } });
      });
    });
    officials.sort((a, b) => a.at - b.at);
    officialHits = officials.map((o) => o.hit);
    const quotes: { at: number; end: number; hit: Hit }[] = [];
    quoteRanges.forEach((range, index) => {
      const quote = detection.quotes[index];
      if (range && quote) {
        quotes.push({
          at: quote.start,
          end: quote.end,
          hit: { kind: 'quote', index, mention: 0, range },
        });
      }
    });
    quotes.sort((a, b) => a.at - b.at);
    const apart = nestedApart(quotes);
    quoteHits = apart.outer;
    retoldHits = apart.inner;
  };

  /** The highlight under a point, officials first (they sit inside quotations). */
  const hitAt = (x: number, y: number): Hit | null => {
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    return findHit(officialHits, caret) ?? findHit(retoldHits, caret) ?? findHit(quoteHits, caret);
  };
  let pending = false;
  scope.listen(doc, 'mousemove', (event: MouseEvent) => {
    // Over any of Dossier's own panels (the notes toolbar too), the text underneath is hidden.
    // Only the reader's own pointer counts, never a page script's made-up events.
    if (!event.isTrusted || !visible || pending || host.contains(event) || overDossierUi(event)) {
      return;
    }
    pending = true;
    scope.requestAnimationFrame(() => {
      pending = false;
      const hit = hitAt(event.clientX, event.clientY);
      if (
        hit &&
        (hit.kind !== open?.kind || hit.index !== open.index || hit.mention !== open.mention)
      ) {
        showCard(hit, false);
      }
    });
  });
  const onKeyDown = cardKeyHandler({
    isOpen: () => open !== null,
    close: closeCard,
    enabled: () => visible,
    walk: (delta) => {
      const all = officialHits;
      const current = open ? all.findIndex((x) => x.range === open?.range) : -1;
      const hit = all[walkFrom(all.length, current, delta)];
      if (hit) goTo(hit, true);
      return hit !== undefined;
    },
  });
  // In the capture phase, so that the walk goes on from inside the card it opened (the card
  // keeps its keystrokes from the page) as from the page.
  scope.listen(doc, 'keydown', onKeyDown, { capture: true });

  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    host.destroy();
    painter.clear('dossier-official');
    painter.clear('dossier-quote');
    officialHits = [];
    quoteHits = [];
    open = null;
    scope.end();
  };
  scope.onEnd(destroy);

  return {
    summary: () => ({
      officials: detection.officials.map((o) => ({
        name: o.name,
        titles: o.titles,
        mentions: o.mentions.length,
      })),
      quotes: detection.quotes.map((q) => ({ text: q.text, speaker: q.speaker })),
    }),
    reveal(kind, index, mention = 0) {
      const range = kind === 'official' ? officialRanges[index]?.[mention] : quoteRanges[index];
      if (!range) return false;
      goTo({ kind, index, mention, range }, false);
      return true;
    },
    setVisible(on) {
      visible = on;
      if (!on) closeCard();
      paint();
    },
    ready,
    destroy,
  };
}

/**
 * Splits items sorted by `at` into those that lie inside an earlier one (a quotation retold
 * inside a quotation) and the rest, each list in order and free of overlaps, so `findHit`'s
 * binary search holds on both.
 */
export function nestedApart<T>(sorted: readonly { at: number; end: number; hit: T }[]): {
  outer: T[];
  inner: T[];
} {
  const outer: T[] = [];
  const inner: T[] = [];
  let end = -1;
  for (const item of sorted) {
    if (item.end <= end) inner.push(item.hit);
    else {
      outer.push(item.hit);
      end = item.end;
    }
  }
  return { outer, inner };
}

/**
 * The hit whose range holds `caret`, in a list sorted in page order: a binary search, then the
 * neighbours (two ranges may touch). Null when none holds it.
 */
export function findHit<T extends { range: Range }>(
  sorted: readonly T[],
  caret: { node: Node; offset: number },
): T | null {
  const compare = (range: Range): number => {
    try {
      return range.comparePoint(caret.node, caret.offset);
    } catch {
      return Number.NaN; // another document or a detached node: never a hit
    }
  };
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare((sorted[mid] as T).range);
    if (c > 0) lo = mid + 1;
    else hi = mid;
  }
  for (const i of [lo, lo - 1, lo + 1]) {
    const hit = sorted[i];
    if (hit && compare(hit.range) === 0 && !hit.range.collapsed) return hit;
  }
  return null;
}
