/**
 * Where a floating panel (selection toolbar, entity card) goes on screen. Kept as plain
 * arithmetic apart from the components, so the flip-and-clamp rules can be tested without a
 * layout engine, and as one small hook so both panels follow the same rules: hang below the
 * anchor, flip above it when there is no room below, and never leave the viewport sideways.
 */
import type { RefObject } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A point in viewport coordinates (the ones `position: fixed` uses, as from
 * `Range.getBoundingClientRect()`). The panel is centred on `x` and hangs below `y`; when it
 * must flip above, it ends at `top` (the top of the selection or highlight, so the flipped panel
 * does not cover the words it is about), or at `y` when `top` is not given.
 */
export interface PanelAnchor {
  x: number;
  y: number;
  top?: number;
}

/** Width and height, of the panel or of the viewport. */
export interface Size {
  width: number;
  height: number;
}

/** The computed place: the panel's top-left corner and whether it was flipped above. */
export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
}

/** Space kept between the anchor and the panel, and between the panel and the viewport edge. */
export const PANEL_GAP = 8;

function clamp(value: number, min: number, max: number): number {
  return max < min ? min : Math.min(Math.max(value, min), max);
}

/**
 * Places a panel of `size` at `anchor` inside `viewport`: below when it fits, above when it
 * fits there instead, otherwise on the roomier side, clamped so as much as possible stays
 * visible. Pure, so the rules are tested as data.
 */
export function placePanel(
  anchor: PanelAnchor,
  size: Size,
  viewport: Size,
  gap: number = PANEL_GAP,
): Placement {
  const left = clamp(anchor.x - size.width / 2, gap, viewport.width - size.width - gap);
  const below = anchor.y + gap;
  const above = (anchor.top ?? anchor.y) - gap - size.height;
  const maxTop = viewport.height - size.height - gap;
  if (below <= maxTop) return { left, top: below, side: 'below' };
  if (above >= gap) return { left, top: above, side: 'above' };
  const roomBelow = viewport.height - anchor.y;
  const roomAbove = anchor.top ?? anchor.y;
  return roomBelow >= roomAbove
    ? { left, top: clamp(below, gap, maxTop), side: 'below' }
    : { left, top: clamp(above, gap, maxTop), side: 'above' };
}

/**
 * Keeps the element in `ref` placed at `anchor` after every render (the panel grows when an
 * editor opens or a note gets longer) and on window resize. Writes `left`/`top` straight onto
 * the element before paint, so there is no flash at a wrong place and no extra render.
 */
export function usePlacement<T extends HTMLElement>(anchor: PanelAnchor): RefObject<T | null> {
  const ref = useRef<T>(null);
  const { x, y, top } = anchor;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const place = () => {
      const win = el.ownerDocument.defaultView;
      const root = el.ownerDocument.documentElement;
      const viewport = {
        width: root.clientWidth || win?.innerWidth || 0,
        height: root.clientHeight || win?.innerHeight || 0,
      };
      const rect = el.getBoundingClientRect();
      const spot = placePanel({ x, y, top }, { width: rect.width, height: rect.height }, viewport);
      el.style.left = `${Math.round(spot.left)}px`;
      el.style.top = `${Math.round(spot.top)}px`;
      el.dataset.side = spot.side;
    };
    place();
    const win = el.ownerDocument.defaultView;
    win?.addEventListener('resize', place);
    return () => win?.removeEventListener('resize', place);
  });

  return ref;
}
