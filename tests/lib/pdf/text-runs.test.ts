import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_CSS } from '../../../lib/highlight/paint';
import { fitRuns, scopeHighlightRules } from '../../../lib/pdf/text-runs';

/** A run as PDF.js's TextLayer leaves it: its text, and the custom properties it sets. */
function run(text: string, props: Record<string, string> = {}): HTMLElement {
  const span = document.createElement('span');
  span.textContent = text;
  for (const [name, value] of Object.entries(props)) span.style.setProperty(name, value);
  return span;
}

describe('fitRuns', () => {
  it('spreads a run’s letters so it ends where its glyphs end in the picture, without a transform', () => {
    // 100 PDF units at 1.5 px each is 150 px; the font gives 150 / 1.25 = 120 px: 30 px over 6.
    const span = run('treaty', { '--scale-x': '1.25' });
    fitRuns([span], [{ str: 'treaty', width: 100 }], 1.5);
    expect(span.style.letterSpacing).toMatch(/px$/);
    expect(Number.parseFloat(span.style.letterSpacing)).toBeCloseTo(5, 3);
    expect(span.classList.contains('turned')).toBe(false);
  });

  it('draws the letters together when the font is wider than the picture', () => {
    // Wanted 80 px, the font gives 80 / 0.8 = 100 px: 20 px less over 4 letters.
    const span = run('port', { '--scale-x': '0.8' });
    fitRuns([span], [{ str: 'port', width: 80 }], 1);
    expect(Number.parseFloat(span.style.letterSpacing)).toBeCloseTo(-5, 3);
  });

  it('leaves a run that PDF.js did not scale, or that already fits, as it is', () => {
    const unscaled = run('a');
    const fits = run('fits', { '--scale-x': '1' });
    fitRuns(
      [unscaled, fits],
      [
        { str: 'a', width: 5 },
        { str: 'fits', width: 20 },
      ],
      1.5,
    );
    expect(unscaled.style.letterSpacing).toBe('');
    expect(fits.style.letterSpacing).toBe('');
  });

  it('keeps PDF.js’s transform for a rotated run and for a vertical font', () => {
    const rotated = run('Draft', { '--scale-x': '1.1', '--rotate': '90deg' });
    const vertical = run('縦書き', { '--scale-x': '0.9' });
    const flat = run('Minister', { '--scale-x': '1.1', '--rotate': '0deg' });
    fitRuns(
      [rotated, vertical, flat],
      [
        { str: 'Draft', width: 40 },
        { str: '縦書き', width: 40 },
        { str: 'Minister', width: 40 },
      ],
      1,
      (i) => i === 1,
    );
    expect(rotated.classList.contains('turned')).toBe(true);
    expect(rotated.style.letterSpacing).toBe('');
    expect(vertical.classList.contains('turned')).toBe(true);
    expect(flat.classList.contains('turned')).toBe(false);
    expect(flat.style.letterSpacing).not.toBe('');
  });
});

describe('scopeHighlightRules', () => {
  it('puts every highlight rule of Dossier’s stylesheet on the scope, and nothing else', () => {
    const scoped = scopeHighlightRules(HIGHLIGHT_CSS, '.textLayer');
    const names = [...HIGHLIGHT_CSS.matchAll(/::highlight\(([\w-]+)\)/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(scoped).toContain(`.textLayer::highlight(${name})`);
    expect(scoped.match(/::highlight\(/g)?.length).toBe(names.length);
    expect(scoped.match(/\.textLayer::highlight\(/g)?.length).toBe(names.length);
    // The wrapping fallback's rules are not highlight rules: unchanged.
    expect(scoped).toContain('dossier-mark { all: unset; display: inline; }');
  });
});
