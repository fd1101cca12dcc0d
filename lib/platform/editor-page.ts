/**
 * The address of the note editor frame (`editor.html`) for the content script: the one
 * `browser.*` call the in-page toolbar needs to show its editor in the extension's origin
 * (components/page/EditorFrame.tsx). In Chrome the page is web-accessible only through the
 * session's dynamic address (`use_dynamic_url` in wxt.config.ts), which `runtime.getURL`
 * gives, so a site cannot probe for Dossier by a fixed address.
 */
import { browser } from 'wxt/browser';
import { EDITOR_PAGE } from '../../components/page/editor-bridge';

/** Where the content script loads the note editor frame from, and the origin it runs in. */
export function editorPage(): { src: string; origin: string } {
  return {
    src: browser.runtime.getURL(EDITOR_PAGE),
    // The dynamic address only finds the page: the document it loads runs in the extension's
    // own origin, which is where the port must be sent.
    origin: new URL(browser.runtime.getURL('/')).origin,
  };
}
