import { afterEach, describe, expect, it } from 'vitest';
import { caretAt, overDossierUi } from '../../../lib/dom/pointer';
import { DOSSIER_UI_ATTRIBUTE } from '../../../lib/dom/text-walk';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('where the pointer is', () => {
  it('tells an event over Dossier’s own panels from one over the page', () => {
    document.body.innerHTML = `<p id="text">Minister Vale</p><div ${DOSSIER_UI_ATTRIBUTE}><button id="b">Note</button></div>`;
    const over = (id: string) => {
      let seen = false;
      const el = document.getElementById(id) as HTMLElement;
      const listen = (e: Event) => {
        seen = overDossierUi(e);
      };
      document.addEventListener('mouseup', listen, { once: true });
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return seen;
    };
    expect(over('b')).toBe(true);
    expect(over('text')).toBe(false);
  });

  it('reads the caret with caretPositionFromPoint, else caretRangeFromPoint, else none', () => {
    document.body.innerHTML = '<p>Minister Vale</p>';
    const text = document.querySelector('p')?.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 4);
    const withPosition = {
      caretPositionFromPoint: () => ({ offsetNode: text, offset: 9 }),
      caretRangeFromPoint: () => range,
    } as unknown as Document;
    expect(caretAt(withPosition, 1, 1)).toEqual({ node: text, offset: 9 });
    const withRange = { caretRangeFromPoint: () => range } as unknown as Document;
    expect(caretAt(withRange, 1, 1)).toEqual({ node: text, offset: 4 });
    expect(caretAt({} as Document, 1, 1)).toBeNull();
  });
});
