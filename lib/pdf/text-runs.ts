/**
 * Text-layer runs without a transform each. PDF.js's TextLayer fits every run to the width of
 * its glyphs in the picture with `transform: scaleX(var(--scale-x))`. A transformed element is
 * a paint property node of its own, and Chromium's layerisation walks every such node whenever
 * anything on the page repaints (a highlight changing, a page coming in): with four pages of a
 * report, over 2,000 runs, that was 25–30 ms of every such frame, the longest tasks left while
 * scrolling. A run that is not turned fits the same width with `letter-spacing` instead: the
 * same start and end, the same height, the glyphs spread or drawn together by a fraction of a
 * pixel each; selections and highlights cover the same text. Turned runs (rotated, vertical)
 * keep PDF.js's transform (class `turned`, styled in entrypoints/pdf/style.css).
 */

/** What is read of a text item: its text, and its width on the page in PDF units. */
export interface RunItem {
  str: string;
  width: number;
}

/**
 * Fits each of `divs` (PDF.js's `textDivs`, one per text item, in order) to its item's width at
 * `scale` CSS pixels per PDF unit with letter-spacing instead of PDF.js's horizontal scale.
 * Runs that are turned, or whose font is vertical, are marked `turned` and keep the transform.
 */
export function fitRuns(
  divs: readonly HTMLElement[],
  items: readonly RunItem[],
  scale: number,
  isVertical: (index: number) => boolean = () => false,
): void {
  divs.forEach((div, i) => {
    const style = div.style;
    const item = items[i];
    const turned = style.getPropertyValue('--rotate').trim();
    if ((turned && turned !== '0deg') || isVertical(i)) {
      div.classList.add('turned');
      return;
    }
    const scaleX = Number.parseFloat(style.getPropertyValue('--scale-x'));
    if (!item || !Number.isFinite(scaleX) || scaleX <= 0 || scaleX === 1) return;
    const chars = [...item.str].length;
    if (chars === 0) return;
    // PDF.js's scale is the wanted width over the width the font gives at this size, so the
    // font's width is the wanted width divided by it; the difference is shared by the letters
    // (Chromium spaces after each one, the last included).
    const wanted = item.width * scale;
    const spacing = (wanted - wanted / scaleX) / chars;
    if (Math.abs(spacing) >= 0.001) style.letterSpacing = `${spacing.toFixed(3)}px`;
  });
}

/**
 * Dossier's highlight rules (lib/highlight's `HIGHLIGHT_CSS`) matched on the text layers only,
 * for the runs to inherit. The shared rules match every element, and together with a
 * `::selection` rule Chromium then works out a style for each highlight name on every run it
 * styles: a page's runs coming in were restyled twelve times each (measured: 2,340 styles
 * for 195 runs, 25–30 ms a page). Matched on the layer, each run is styled once and its
 * highlights and selection are inherited from the layer's, painted the same.
 */
export function scopeHighlightRules(css: string, scope: string): string {
  return css.replace(/(^|[\s,}])::highlight\(/g, `$1${scope}::highlight(`);
}
