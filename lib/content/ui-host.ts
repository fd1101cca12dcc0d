/**
 * The in-page UI's home: one element outside `<body>` (so `document.body` and its text are
 * untouched) holding a shadow root, so page CSS cannot reach Dossier's panels and
 * theirs cannot reach the page. Everything in it is marked `data-dossier-ui`, so text indexing
 * never sees it. The root is open so that assistive tools and tests can reach the controls.
 */
import { type ComponentChild, h, render } from 'preact';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { DOSSIER_UI_ATTRIBUTE } from '../anchoring/text-index';

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

/** Creates the host with `css` as the shadow root's stylesheet. */
export function createUiHost(doc: Document, css: string): UiHost {
  const host = doc.createElement('dossier-ui');
  host.setAttribute(DOSSIER_UI_ATTRIBUTE, '');
  host.setAttribute(
    'style',
    'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;',
  );
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const root = doc.createElement('div');
  shadow.append(style, root);
  doc.documentElement.append(host);
  // A render error in a card or the toolbar shows "Reload Dossier" instead of an empty panel.
  const show = (child: ComponentChild | null) =>
    render(
      child === null ? null : h(ErrorBoundary, { onReload: () => show(child), children: child }),
      root,
    );
  return {
    show,
    contains: (event) => event.composedPath().includes(host),
    focusFirst: () => {
      shadow.querySelector<HTMLElement>('button, [href], input, textarea, [tabindex]')?.focus();
    },
    destroy() {
      render(null, root);
      host.remove();
    },
  };
}
