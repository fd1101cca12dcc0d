/**
 * The in-page UI's home: one element outside `<body>` (so `document.body` and its text are
 * untouched) holding a **closed** shadow root, so page CSS cannot reach Dossier's panels, theirs
 * cannot reach the page, and page scripts cannot read or drive the controls (`host.shadowRoot`
 * is null to them). The host is a plain `div`: a custom element name (any tag with a hyphen) can
 * be defined by the page, even after Dossier picked it (a page may define a throwing element for
 * every new tag it sees), while `div` is a built-in element no page can define or upgrade, so
 * creating the host never runs page code. Events that a script made up (`isTrusted` false) are stopped at the shadow root
 * before any control sees them, so a page cannot press Dossier's buttons. Everything in it is
 * marked `data-dossier-ui`, so text indexing never sees it. Assistive tools reach the controls
 * through the accessibility tree, and tests through the DevTools protocol
 * (tests/e2e/page-helpers.ts), which pierces closed roots.
 */
import { type ComponentChild, h, render } from 'preact';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { DOSSIER_UI_ATTRIBUTE } from '../dom/text-walk';

/** A mounted UI host. */
export interface UiHost {
  /** Renders `child` into the shadow root (null empties it). */
  show(child: ComponentChild | null): void;
  /** True when an event happened inside Dossier's UI. */
  contains(event: Event): boolean;
  /** Moves keyboard focus to the first control shown (after a keyboard command opened it). */
  focusFirst(): void;
  destroy(): void;
}

/** Events a control acts on: made-up ones (`isTrusted` false) never reach the controls. */
const GUARDED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'beforeinput',
  'change',
  'submit',
  'focusin',
] as const;

/** Events that carry what the reader types. */
const TYPING_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'input',
  'beforeinput',
  'compositionstart',
  'compositionupdate',
  'compositionend',
  'textInput',
] as const;

/** Creates the host with `css` as the shadow root's stylesheet. */
export function createUiHost(doc: Document, css: string): UiHost {
  // Created by the Document's own method, with no `is` option: never a page-defined element.
  const host = doc.createElement('div');
  host.setAttribute(DOSSIER_UI_ATTRIBUTE, '');
  host.setAttribute(
    'style',
    'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;',
  );
  const shadow = host.attachShadow({ mode: 'closed' });
  const stopForged = (event: Event) => {
    if (!event.isTrusted) event.stopImmediatePropagation();
  };
  for (const type of GUARDED_EVENTS) shadow.addEventListener(type, stopForged, true);
  // What the reader types in Dossier's fields (a note, a tag) goes no further than Dossier's
  // own controls: the page's bubbling key and input listeners never see it. (Listeners the
  // page registers for the capture phase on window or document run before any of Dossier's
  // and still see the keys; that needs the editor in a frame of the extension's origin.)
  const keepTyping = (event: Event) => {
    const field = event.composedPath()[0];
    if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
      event.stopPropagation();
    }
  };
  for (const type of TYPING_EVENTS) shadow.addEventListener(type, keepTyping);
  const style = doc.createElement('style');
  style.textContent = css;
  const root = doc.createElement('div');
  shadow.append(style, root);
  // A page that removes (or moves) the host gets it back where it belongs the next time
  // something is shown, instead of Dossier drawing into a detached tree.
  const attach = () => {
    const top = doc.documentElement;
    if (top && host.parentNode !== top) top.append(host);
  };
  attach();
  let shown = false;
  // A render error in a card or the toolbar shows "Reload Dossier" instead of an empty panel.
  const show = (child: ComponentChild | null): void => {
    if (child !== null) attach();
    if (child === null && !shown) return;
    shown = child !== null;
    render(
      child === null ? null : h(ErrorBoundary, { onReload: () => show(child), children: child }),
      root,
    );
  };
  return {
    show,
    contains: (event) => event.composedPath().includes(host),
    focusFirst: () => {
      shadow.querySelector<HTMLElement>('button, [href], input, textarea, [tabindex]')?.focus();
    },
    destroy() {
      render(null, root);
      for (const type of GUARDED_EVENTS) shadow.removeEventListener(type, stopForged, true);
      for (const type of TYPING_EVENTS) shadow.removeEventListener(type, keepTyping);
      host.remove();
    },
  };
}
