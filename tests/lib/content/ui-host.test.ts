/** The in-page UI's host: an element no page can define, outside the page's body and text. */
import { afterEach, describe, expect, it } from 'vitest';
import { createUiHost } from '../../../lib/content/ui-host';
import { DOSSIER_UI_ATTRIBUTE } from '../../../lib/dom/text-walk';

const hosts = () =>
  [...document.documentElement.children].filter((e) => e.hasAttribute(DOSSIER_UI_ATTRIBUTE));

afterEach(() => {
  for (const host of hosts()) host.remove();
});

describe('createUiHost', () => {
  // A custom element name (any tag with a hyphen) is the page's to define, even after Dossier
  // picked it; `div` is not (tests/e2e/hostile's custom-elements-everywhere page).
  it('is a plain div under <html>, outside the body, with its shadow root closed to the page', () => {
    const ui = createUiHost(document, '');
    const [host] = hosts();
    expect(host?.localName).toBe('div');
    expect(host?.parentNode).toBe(document.documentElement);
    expect(host?.shadowRoot).toBeNull();
    ui.destroy();
    expect(hosts()).toEqual([]);
  });
});
