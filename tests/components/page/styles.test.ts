import { describe, expect, it } from 'vitest';
import { PAGE_UI_CSS } from '../../../components/page/styles';

describe('PAGE_UI_CSS', () => {
  it('cuts the shadow host off from the page and has a dark scheme and focus rings', () => {
    expect(PAGE_UI_CSS).toMatch(/:host\s*\{\s*all:\s*initial;/);
    expect(PAGE_UI_CSS).toContain('@media (prefers-color-scheme: dark)');
    expect(PAGE_UI_CSS).toMatch(/:focus-visible[^{]*\{\s*outline: 2px solid/);
  });

  it('is a style sheet a browser can parse, with balanced braces', () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(PAGE_UI_CSS);
    expect(sheet.cssRules.length).toBeGreaterThan(20);
    expect(PAGE_UI_CSS.split('{').length).toBe(PAGE_UI_CSS.split('}').length);
  });
});
