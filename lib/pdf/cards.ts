/**
 * The hover cards of the PDF viewer: the same cards as on web pages (components/page/EntityCard)
 * for the officials and quotations painted on a report's text layer. Pointing at a mention
 * shows who it is and their titles; pointing at a quotation shows its speaker and "Save as
 * note"; Alt+Shift+↓/↑ walks the officials' mentions from the keyboard with the card focused,
 * and Previous/Next in the card walk one official's mentions, as on pages.
 *
 * On a web page every mention is a live Range from the start. A report's pages are rendered
 * only near the viewport, so here hits are kept as document offsets (lib/pdf/text-model) and
 * turned into ranges by the viewer when a page is on screen: `reveal` scrolls to a place and
 * renders its page first.
 */
import { PAGE_UI_CSS } from '../../components/page/styles';
import { cardKeyHandler, showCard, stepMention, walkFrom } from '../content/card-walk';
import { createUiHost } from '../content/ui-host';
import type { Detection } from '../detect';

/** What the cards need from the viewer. */
export interface PdfCardsOptions {
  doc: Document;
  detection: Detection;
  /** The document offset of the text under a pointer event, or null when it is not on text. */
  offsetOfEvent(event: MouseEvent): number | null;
  /** The range of `[start, end)` when its page is rendered, without scrolling (null if not). */
  rangeOf(start: number, end: number): Range | null;
  /** Scrolls to `[start, end)`, renders its page, flashes it; its range, or null. */
  reveal(start: number, end: number): Promise<Range | null>;
  /** Whether the automatic highlights are on (cards follow them). */
  visible(): boolean;
  /** Saves a quotation as the reader's note. */
  saveQuote?(start: number, end: number, speaker: string | null): void;
}

/** A painted span the reader can point at. */
interface Hit {
  kind: 'official' | 'quote';
  index: number;
  mention: number;
  start: number;
  end: number;
}

/** A running set of cards; `destroy` removes its listeners and its host. */
export interface PdfCards {
  /** Opens the card of an official's mention or a quotation, scrolled into view and focused. */
  open(kind: 'official' | 'quote', index: number, mention?: number): Promise<boolean>;
  close(): void;
  destroy(): void;
}

/** The hit whose span holds `offset`, in a list sorted by start: a binary search. */
export function hitAtOffset<T extends { start: number; end: number }>(
  sorted: readonly T[],
  offset: number,
): T | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as T).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  // The last span starting at or before `offset`, and the one before it (spans may nest).
  for (const i of [lo - 1, lo - 2]) {
    const hit = sorted[i];
    if (hit && hit.start <= offset && offset < hit.end) return hit;
  }
  return null;
}

/** Starts the cards over the viewer's text layer. */
export function startPdfCards(options: PdfCardsOptions): PdfCards {
  const { doc, detection } = options;
  const officialHits: Hit[] = detection.officials
    .flatMap((o, index) =>
      o.mentions.map((m, mention) => ({
        kind: 'official' as const,
        index,
        mention,
        start: m.start,
        end: m.end,
      })),
    )
    .sort((a, b) => a.start - b.start);
  const quoteHits: Hit[] = detection.quotes
    .map((q, index) => ({ kind: 'quote' as const, index, mention: 0, start: q.start, end: q.end }))
    .sort((a, b) => a.start - b.start);

  const host = createUiHost(doc, PAGE_UI_CSS);
  let open: Hit | null = null;
  let generation = 0;

  const close = () => {
    open = null;
    generation++;
    host.show(null);
  };

  const show = (hit: Hit, range: Range, focus: boolean) => {
    open = hit;
    const save = options.saveQuote;
    const actions = {
      step: (delta: 1 | -1) => step(hit, delta),
      save: save && ((speaker: string | null) => save(hit.start, hit.end, speaker)),
      close,
    };
    showCard(host, detection, hit, range, actions, focus);
  };

  /** Scrolls to a hit, selects it (so Note/Highlight act on it) and opens its card, focused. */
  const goTo = async (hit: Hit): Promise<boolean> => {
    const mine = ++generation;
    const range = await options.reveal(hit.start, hit.end);
    if (!range || mine !== generation) return false;
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range.cloneRange());
    show(hit, range, true);
    return true;
  };

  const step = (hit: Hit, delta: 1 | -1) => {
    const mentions = detection.officials[hit.index]?.mentions ?? [];
    const mention = stepMention(mentions.length, hit.mention, delta);
    const m = mention === null ? undefined : mentions[mention];
    if (m && mention !== null) {
      void goTo({ kind: 'official', index: hit.index, mention, start: m.start, end: m.end });
    }
  };

  let pending = false;
  const onMove = (event: MouseEvent) => {
    // Only the reader's own pointer counts; over Dossier's own panels nothing opens.
    if (!event.isTrusted || pending || !options.visible() || host.contains(event)) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const offset = options.offsetOfEvent(event);
      if (offset === null) return;
      const hit = hitAtOffset(officialHits, offset) ?? hitAtOffset(quoteHits, offset);
      if (
        !hit ||
        (open && hit.kind === open.kind && hit.index === open.index && hit.mention === open.mention)
      ) {
        return;
      }
      const range = options.rangeOf(hit.start, hit.end);
      if (range) show(hit, range, false);
    });
  };
  const onKey = cardKeyHandler({
    isOpen: () => open !== null,
    close,
    enabled: () => options.visible(),
    walk: (delta) => {
      const current = open?.kind === 'official' ? officialHits.indexOf(open) : -1;
      const found =
        current >= 0
          ? current
          : open
            ? officialHits.findIndex((x) => x.start === open?.start && x.end === open?.end)
            : -1;
      const hit = officialHits[walkFrom(officialHits.length, found, delta)];
      if (hit) void goTo(hit);
      return hit !== undefined;
    },
  });
  doc.addEventListener('mousemove', onMove);
  // In the capture phase, so that the walk goes on from inside the card it opened.
  doc.addEventListener('keydown', onKey, { capture: true });

  return {
    open: async (kind, index, mention = 0) => {
      const hit =
        kind === 'official'
          ? officialHits.find((x) => x.index === index && x.mention === mention)
          : quoteHits.find((x) => x.index === index);
      return hit ? goTo(hit) : false;
    },
    close,
    destroy() {
      doc.removeEventListener('mousemove', onMove);
      doc.removeEventListener('keydown', onKey, { capture: true });
      host.destroy();
      open = null;
    },
  };
}
