/** Dossier's scrolls jump instead of gliding when the reader asks for reduced motion. */
import { describe, expect, it } from 'vitest';
import { prefersReducedMotion, scrollBehavior } from '../../lib/motion';

/** A window whose `matchMedia` answers as a system with reduced motion on or off would. */
const windowWith = (reduce: boolean) => ({
  matchMedia: (query: string) =>
    ({ matches: reduce && query === '(prefers-reduced-motion: reduce)' }) as MediaQueryList,
});

describe('reduced motion', () => {
  it('scrolls instantly when the reader asked for reduced motion', () => {
    expect(prefersReducedMotion(windowWith(true))).toBe(true);
    expect(scrollBehavior(windowWith(true))).toBe('auto');
  });

  it('scrolls smoothly otherwise, and where the window cannot say', () => {
    expect(scrollBehavior(windowWith(false))).toBe('smooth');
    expect(scrollBehavior(null)).toBe('smooth');
    expect(
      scrollBehavior({
        matchMedia: () => {
          throw new Error('no');
        },
      } as never),
    ).toBe('smooth');
  });
});
