import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPainter, textPieces } from '../../../lib/highlight/paint';

function rangeOf(node: Node, start: number, endNode: Node, end: number): Range {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(endNode, end);
  return range;
}

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('painting with the CSS Custom Highlight API', () => {
  it('registers ranges under the DESIGN.md names and removes them on destroy', () => {
    const registry = new Map<string, { ranges: Range[] }>();
    class FakeHighlight {
      ranges: Range[];
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
    }
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal('Highlight', FakeHighlight);
    document.body.innerHTML = '<p>Secretary Blinken said “peace is possible”.</p>';
    const before = document.body.innerHTML;
    const text = document.querySelector('p')?.firstChild as Text;
    const painter = createPainter(document);
    expect(painter.kind).toBe('highlight-api');
    const quoteAt = text.data.indexOf('peace');
    painter.paint('dossier-official', [rangeOf(text, 0, text, 'Secretary Blinken'.length)]);
    painter.paint('dossier-quote', [
      rangeOf(text, quoteAt, text, quoteAt + 'peace is possible'.length),
    ]);
    expect([...registry.keys()]).toEqual(['dossier-official', 'dossier-quote']);
    expect(registry.get('dossier-official')?.ranges[0]?.toString()).toBe('Secretary Blinken');
    expect(document.body.innerHTML).toBe(before);
    painter.destroy();
    expect(registry.size).toBe(0);
    expect(document.querySelector('style[data-dossier-ui]')).toBeNull();
    vi.unstubAllGlobals();
  });

  it('falls back to wrapping when a page has replaced CSS with something else', () => {
    vi.stubGlobal('CSS', { highlights: 'not a registry' });
    document.body.innerHTML = '<p>text</p>';
    expect(createPainter(document).kind).toBe('wrap');
    vi.unstubAllGlobals();
  });
});

describe('painting by wrapping, where the Highlight API is missing', () => {
  const html =
    '<article><p>President <b>Amara Okafor</b> told reporters: “We will sign.” Okafor left.</p>' +
    '<p>Second paragraph, with Okafor again.</p></article>';

  it('keeps the text, then restores the DOM exactly, node objects included', () => {
    document.body.innerHTML = html;
    const textNodes: Text[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) textNodes.push(n as Text);
    const datas = textNodes.map((t) => t.data);
    const before = document.body.innerHTML;
    const textBefore = document.body.textContent;

    const [first, name, rest, second] = textNodes as [Text, Text, Text, Text];
    const at = (t: Text, word: string) => t.data.indexOf(word);
    const painter = createPainter(document, { forceWrap: true });
    expect(painter.kind).toBe('wrap');
    painter.paint('dossier-official', [
      rangeOf(first, 0, name, 12), // "President Amara Okafor" across an element boundary
      rangeOf(rest, at(rest, 'Okafor'), rest, at(rest, 'Okafor') + 6),
      rangeOf(second, at(second, 'Okafor'), second, at(second, 'Okafor') + 6),
    ]);
    painter.clear('dossier-quote');
    expect(document.body.textContent).toBe(textBefore);
    expect(
      [...document.querySelectorAll('dossier-mark[data-name="dossier-official"]')].map(
        (m) => m.textContent,
      ),
    ).toEqual(['President ', 'Amara Okafor', 'Okafor', 'Okafor']);

    painter.destroy();
    expect(document.body.innerHTML).toBe(before);
    const after: Text[] = [];
    const w2 = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w2.nextNode(); n; n = w2.nextNode()) after.push(n as Text);
    expect(after).toEqual(textNodes);
    expect(after.map((t) => t.data)).toEqual(datas);
    expect(document.querySelector('style[data-dossier-ui]')).toBeNull();
  });

  it('repaints a name without stacking marks', () => {
    document.body.innerHTML = '<p>Okafor and Okafor</p>';
    const text = document.querySelector('p')?.firstChild as Text;
    const painter = createPainter(document, { forceWrap: true });
    painter.paint('dossier-official', [rangeOf(text, 0, text, 6)]);
    // Ranges are made against the unpainted page: clear, then measure, then paint.
    painter.clear('dossier-official');
    painter.paint('dossier-official', [rangeOf(text, 11, text, 17)]);
    expect(document.querySelectorAll('dossier-mark').length).toBe(1);
    expect(document.querySelector('dossier-mark')?.textContent).toBe('Okafor');
    painter.clear('dossier-official');
    expect(document.body.innerHTML).toBe('<p>Okafor and Okafor</p>');
    painter.destroy();
  });
});

describe('textPieces', () => {
  it('lists each text node a range covers with the covered offsets', () => {
    document.body.innerHTML = '<p>ab<i>cd</i>ef</p>';
    const p = document.querySelector('p') as HTMLElement;
    const range = rangeOf(p.firstChild as Text, 1, p.lastChild as Text, 1);
    expect(textPieces(range).map(([n, s, e]) => n.data.slice(s, e))).toEqual(['b', 'cd', 'e']);
  });
});
