/**
 * Motion that follows the reader's `prefers-reduced-motion`: people who get dizzy or distracted
 * by movement ask their system for less of it, and Dossier's scrolls and panels then jump
 * instead of gliding. (CSS animations check the same media query in the stylesheets.)
 */

/** True when the reader asked for reduced motion (false where there is no `matchMedia`). */
export function prefersReducedMotion(win: Pick<Window, 'matchMedia'> | null | undefined): boolean {
  try {
    return win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
  } catch {
    return false;
  }
}

/** The `behavior` of a scroll Dossier starts: instant with reduced motion, smooth otherwise. */
export function scrollBehavior(win: Pick<Window, 'matchMedia'> | null | undefined): ScrollBehavior {
  return prefersReducedMotion(win) ? 'auto' : 'smooth';
}
