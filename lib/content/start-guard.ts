/**
 * Keeps a page from stopping Dossier. WXT stops an older copy of a content script when a newer
 * one announces itself with a `…:wxt:content-script-started` event on `document`; a page script
 * can dispatch that same event (the name holds only the public extension id) and so tear Dossier
 * down (issue 19). A genuine announcement happens while a new copy of Dossier is starting, in
 * Dossier's own isolated world, whose globals no page can touch: the new copy raises a flag
 * there before WXT announces it (`markStarting`, at the module's top level) and lowers it once
 * started (`markStarted`). Every running copy stops, before WXT's listener sees it, any such
 * event dispatched while no copy is starting.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const STARTING = Symbol.for('dossier.content-script.starting');

type Flagged = { [STARTING]?: boolean };

/** Raised by a new copy before WXT's context announces it. */
export function markStarting(world: object = globalThis): void {
  (world as Flagged)[STARTING] = true;
}

/** Lowered once the new copy's context exists (its announcement is over). */
export function markStarted(world: object = globalThis): void {
  (world as Flagged)[STARTING] = false;
}

/** The name WXT gives the announcement, for the running extension and content script. */
export function startedEventName(ctx: ContentScriptContext): string {
  const type = (ctx.constructor as { SCRIPT_STARTED_MESSAGE_TYPE?: string })
    .SCRIPT_STARTED_MESSAGE_TYPE;
  return type ?? '';
}

/**
 * Stops forged announcements on `win` (capture phase, ahead of WXT's listener on the document)
 * for as long as `ctx` lives.
 */
export function guardAgainstForgedStart(
  ctx: ContentScriptContext,
  win: Window = window,
  world: object = globalThis,
): void {
  const type = startedEventName(ctx);
  if (!type) return;
  const stopForged = (event: Event) => {
    if (!(world as Flagged)[STARTING]) event.stopImmediatePropagation();
  };
  win.addEventListener(type, stopForged, { capture: true });
  ctx.onInvalidated(() => win.removeEventListener(type, stopForged, { capture: true }));
}
