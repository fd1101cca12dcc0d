/**
 * Highlight colours stay legible: the page's own text keeps WCAG AA contrast (4.5:1) over every
 * background Dossier paints (`HIGHLIGHT_CSS`, the Highlight API rules and the `<mark>` fallback),
 * computed as painted: the translucent colour blended over the page. Two pages stand for the
 * rest: a white one with near-black text and a dark one with near-white text (the Material
 * Design body-text colours, 87 % black on white and 87 % white on #121212).
 */
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_CSS } from '../../../lib/highlight/paint';

type Rgb = readonly [number, number, number];

/** WCAG 2 relative luminance of an sRGB colour (0–255 channels). */
function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A colour with opacity `alpha` painted over an opaque one. */
function over(top: Rgb, alpha: number, bottom: Rgb): Rgb {
  return [0, 1, 2].map((i) => (top[i] ?? 0) * alpha + (bottom[i] ?? 0) * (1 - alpha)) as never;
}

/** Every background colour of the stylesheet, by selector. */
function backgrounds(css: string): { selector: string; colour: Rgb; alpha: number }[] {
  return [
    ...css.matchAll(
      /^(\S[^{]*?)\s*\{[^}]*background-color:\s*rgb\((\d+) (\d+) (\d+)(?: \/ ([\d.]+))?\)/gm,
    ),
  ].map((m) => ({
    selector: m[1] ?? '',
    colour: [Number(m[2]), Number(m[3]), Number(m[4])] as const,
    alpha: m[5] === undefined ? 1 : Number(m[5]),
  }));
}

const PAGES = {
  'a white page': { background: [255, 255, 255], text: [0x21, 0x21, 0x21] },
  'a dark page': { background: [0x12, 0x12, 0x12], text: [0xe1, 0xe1, 0xe1] },
} as const satisfies Record<string, { background: Rgb; text: Rgb }>;

describe('the contrast arithmetic', () => {
  it('gives the ratios WCAG gives', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([0x77, 0x77, 0x77], [255, 255, 255])).toBeCloseTo(4.48, 2);
    expect(over([0, 0, 0], 0.5, [255, 255, 255])).toEqual([127.5, 127.5, 127.5]);
  });
});

describe('highlight colours', () => {
  const painted = backgrounds(HIGHLIGHT_CSS);

  it('are all found in the stylesheet (every note colour, officials, quotes, the fallback)', () => {
    const selectors = painted.map((p) => p.selector).join(' ');
    for (const name of ['official', 'quote', 'yellow', 'green', 'blue', 'pink', 'purple']) {
      expect(selectors).toContain(name);
    }
    expect(selectors).toContain('dossier-mark');
  });

  for (const [page, { background, text }] of Object.entries(PAGES)) {
    it(`keep the text at 4.5:1 or more on ${page}`, () => {
      const ratios = painted.map(({ selector, colour, alpha }) => ({
        selector,
        ratio: Math.round(contrast(text, over(colour, alpha, background)) * 100) / 100,
      }));
      expect(ratios.filter((r) => r.ratio < 4.5)).toEqual([]);
    });
  }
});
