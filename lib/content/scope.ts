/**
 * A layer's lifetime. WXT's `ctx` lives as long as the content script, but a layer (the notes
 * of one URL, the highlights of one analysis) is replaced at every single-page-app navigation:
 * listeners, timers and frames registered on `ctx` would stay until the tab closes, each
 * holding the old layer's ranges and nodes (issue 19: 80 `pushState` navigations grew the page
 * from 496 to 8,374 nodes). A scope ends with its layer or with `ctx`, whichever comes first,
 * and removes everything it registered, including its own hook on `ctx`. Its timers also do not
 * use `ctx.setTimeout`, which adds an abort listener per call that stays after the timer fires.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/** Listeners and timers that end together. */
export interface Scope {
  readonly signal: AbortSignal;
  /** True once the scope ended (its layer was destroyed or the content script invalidated). */
  readonly ended: boolean;
  /** Adds a listener to `target`, removed when the scope ends. */
  listen<E extends Event>(
    target: EventTarget,
    type: string,
    handler: (event: E) => void,
    options?: AddEventListenerOptions,
  ): void;
  /** Like `setTimeout`; the callback never runs after the scope ended. */
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  /** Like `requestAnimationFrame`; never runs after the scope ended. */
  requestAnimationFrame(handler: () => void): void;
  /** Runs `cleanup` when the scope ends (at once if it has ended). */
  onEnd(cleanup: () => void): void;
  /** Ends the scope; safe to call twice. */
  end(): void;
}

/** Creates a scope that ends with `end()` or when `ctx` is invalidated. */
export function createScope(ctx: ContentScriptContext): Scope {
  const controller = new AbortController();
  const timers = new Set<number>();
  const frames = new Set<number>();
  const cleanups: (() => void)[] = [];
  let stopWatchingCtx: (() => void) | null = null;
  const end = () => {
    if (controller.signal.aborted) return;
    controller.abort();
    stopWatchingCtx?.();
    stopWatchingCtx = null;
    for (const id of timers) clearTimeout(id);
    for (const id of frames) cancelAnimationFrame(id);
    timers.clear();
    frames.clear();
    for (const cleanup of cleanups.splice(0)) {
      try {
        cleanup();
      } catch {
        // One failing clean-up must not keep the others from running.
      }
    }
  };
  const isEnded = () => controller.signal.aborted || ctx.isInvalid;
  if (ctx.isInvalid) controller.abort();
  else stopWatchingCtx = ctx.onInvalidated(end);
  return {
    signal: controller.signal,
    get ended() {
      return isEnded();
    },
    listen(target, type, handler, options) {
      if (controller.signal.aborted) return;
      target.addEventListener(type, handler as EventListener, {
        ...options,
        signal: controller.signal,
      });
    },
    setTimeout(handler, ms) {
      if (isEnded()) return 0;
      const id = window.setTimeout(() => {
        timers.delete(id);
        if (!isEnded()) handler();
      }, ms);
      timers.add(id);
      return id;
    },
    clearTimeout(id) {
      if (id === undefined) return;
      clearTimeout(id);
      timers.delete(id);
    },
    requestAnimationFrame(handler) {
      if (isEnded()) return;
      const id = window.requestAnimationFrame(() => {
        frames.delete(id);
        if (!isEnded()) handler();
      });
      frames.add(id);
    },
    onEnd(cleanup) {
      if (controller.signal.aborted) cleanup();
      else cleanups.push(cleanup);
    },
    end,
  };
}
