/**
 * Page work in short slices: a long page has thousands of mentions to map, and doing them in one
 * go would hold the page's main thread for longer than a frame budget allows (the limit
 * is 50 ms per task). Each slice runs until its time budget is spent, then yields to the page
 * through a timer registered on WXT's `ctx`, so an invalidated content script stops at once.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Steps } from '../steps';

/** How long one slice may run: well under the 50 ms of a long task. */
export const SLICE_MS = 20;

/**
 * Resolves in a new task (a timer on `ctx`), or at once when the context is invalidated, so that
 * a stopped content script's work ends instead of waiting forever.
 */
export function nextTask(ctx: ContentScriptContext): Promise<void> {
  return new Promise<void>((resolve) => {
    if (ctx.isInvalid) return resolve();
    // A plain timer, not `ctx.setTimeout`: that one adds an abort listener to `ctx` per call,
    // kept until the tab closes, and slices run thousands of times on a long page.
    const id = setTimeout(() => {
      stopListening();
      resolve();
    }, 0);
    const stopListening = ctx.onInvalidated(() => {
      clearTimeout(id);
      resolve();
    });
  });
}

/**
 * Calls `step(i)` for `i` from 0 to `count - 1`, yielding between slices of `budget` ms.
 * Resolves true when every step ran, false when `stop()` turned true (or `ctx` was
 * invalidated) before the end.
 */
export async function runSliced(
  ctx: ContentScriptContext,
  count: number,
  step: (i: number) => void,
  { budget = SLICE_MS, stop = () => false }: { budget?: number; stop?: () => boolean } = {},
): Promise<boolean> {
  let i = 0;
  while (i < count) {
    const until = performance.now() + budget;
    // Checking the clock every few steps keeps its cost out of cheap steps.
    do {
      const end = Math.min(count, i + 16);
      for (; i < end; i++) step(i);
    } while (i < count && performance.now() < until);
    if (i < count) {
      await nextTask(ctx);
      if (ctx.isInvalid || stop()) return false;
    }
  }
  return true;
}

/**
 * Runs a staged computation one stage per task. Resolves with its result, or null when `stop()`
 * turned true (or `ctx` was invalidated) between two stages; a stage that throws rejects.
 */
export async function runStaged<T>(
  ctx: ContentScriptContext,
  steps: Steps<T>,
  stop: () => boolean = () => false,
): Promise<T | null> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTask(ctx);
    // An abandoned computation holds nothing open: it is simply not resumed.
    if (ctx.isInvalid || stop()) return null;
  }
}
