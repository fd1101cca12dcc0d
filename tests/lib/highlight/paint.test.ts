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

describe('on very long pages, registering only the ranges near the viewport', () => {
  /** A Highlight that is a set of ranges, as in the browser. */
  class SetHighlight extends Set<Range> {
    constructor(...ranges: Range[]) {
      super(ranges);
    }
  }
  /** An IntersectionObserver the test drives: it reports what `show` says is near. */
  class FakeObserver {
    static last: FakeObserver | null = null;
    readonly watched = new Set<Element>();
    disconnected = false;
    constructor(
      private readonly callback: (entries: Partial<IntersectionObserverEntry>[]) => void,
      readonly options: IntersectionObserverInit,
    ) {
      FakeObserver.last = this;
    }
    observe(element: Element) {
      this.watched.add(element);
    }
    unobserve(element: Element) {
      this.watched.delete(element);
    }
    disconnect() {
      this.disconnected = true;
      this.watched.clear();
    }
    report(near: Element[], far: Element[] = []) {
      this.callback([
        ...near.map((target) => ({ target, isIntersecting: true })),
        ...far.map((target) => ({ target, isIntersecting: false })),
      ]);
    }
  }

  function setUp(paragraphs: number) {
    const registry = new Map<string, SetHighlight>();
    vi.stubGlobal('CSS', { highlights: registry });
    vi.stubGlobal('Highlight', SetHighlight);
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    document.body.innerHTML = Array.from(
      { length: paragraphs },
      (_, i) => `<p>Minister Vale ${i} said “yes ${i}”.</p>`,
    ).join('');
    const ps = [...document.querySelectorAll('p')];
    const names = ps.map((p) => rangeOf(p.firstChild as Text, 0, p.firstChild as Text, 13));
    const quotes = ps.map((p) => {
      const text = p.firstChild as Text;
      const at = text.data.indexOf('yes');
      return rangeOf(text, at, text, at + 3);
    });
    const painter = createPainter(document, { windowAbove: 4 });
    return { registry, ps, names, quotes, painter };
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    FakeObserver.last = null;
  });

  it('registers every range of a name at or under the limit', () => {
    const { registry, names, painter } = setUp(4);
    painter.paint('dossier-official', names);
    expect(registry.get('dossier-official')?.size).toBe(4);
    expect(FakeObserver.last).toBeNull();
    painter.destroy();
  });

  it('above the limit, registers what comes near the viewport and drops what leaves it', () => {
    const { registry, ps, names, painter } = setUp(10);
    painter.paint('dossier-official', names);
    const observer = FakeObserver.last as FakeObserver;
    expect(observer.options.rootMargin).toBe('100% 0px 100% 0px');
    expect(observer.watched.size).toBe(10);
    // Nothing is known to be near yet: the name is registered, empty.
    expect(registry.get('dossier-official')?.size).toBe(0);
    observer.report(ps.slice(0, 3));
    expect([...(registry.get('dossier-official') ?? [])].map(String)).toEqual([
      'Minister Vale',
      'Minister Vale',
      'Minister Vale',
    ]);
    expect([...(registry.get('dossier-official') ?? [])]).toEqual(names.slice(0, 3));
    // Scrolling down: the first two leave, the last two arrive.
    observer.report(ps.slice(8), ps.slice(0, 2));
    expect([...(registry.get('dossier-official') ?? [])]).toEqual([names[2], names[8], names[9]]);
    painter.destroy();
    expect(observer.disconnected).toBe(true);
    expect(registry.size).toBe(0);
  });

  it('a second name on elements already near is painted at once, and clearing one keeps the other', () => {
    const { registry, ps, names, quotes, painter } = setUp(10);
    painter.paint('dossier-official', names);
    const observer = FakeObserver.last as FakeObserver;
    observer.report([ps[4] as Element]);
    painter.paint('dossier-quote', quotes);
    expect([...(registry.get('dossier-quote') ?? [])].map(String)).toEqual(['yes']);
    expect(FakeObserver.last).toBe(observer); // one observer for every name
    painter.clear('dossier-quote');
    expect(registry.has('dossier-quote')).toBe(false);
    expect(observer.watched.size).toBe(10); // still watched for the officials
    observer.report([ps[5] as Element]);
    expect(registry.get('dossier-official')?.size).toBe(2);
    painter.clear('dossier-official');
    expect(observer.watched.size).toBe(0);
    painter.destroy();
  });

  it('repainting a name replaces its ranges without leaving the old ones registered', () => {
    const { registry, ps, names, painter } = setUp(10);
    painter.paint('dossier-official', names);
    const observer = FakeObserver.last as FakeObserver;
    observer.report(ps);
    expect(registry.get('dossier-official')?.size).toBe(10);
    painter.paint('dossier-official', names.slice(0, 6));
    // Elements still near stay known, so the new set is painted at once.
    expect(registry.get('dossier-official')?.size).toBe(6);
    expect(observer.watched.size).toBe(6);
    painter.destroy();
  });

  it('repaints a registered name in place (Chromium restyles the page for a new registration)', () => {
    const { registry, names, quotes, painter } = setUp(4);
    painter.paint('dossier-official', names.slice(0, 3));
    const first = registry.get('dossier-official');
    painter.paint('dossier-official', [...names.slice(1), quotes[0] as Range]);
    expect(registry.get('dossier-official')).toBe(first);
    expect([...(first ?? [])]).toEqual([...names.slice(1), quotes[0]]);
    // A page that replaced Dossier's Highlight gets a new one, with every range in it.
    registry.set('dossier-official', new Set<Range>() as never);
    painter.paint('dossier-official', names);
    expect(registry.get('dossier-official')).not.toBe(first);
    expect(registry.get('dossier-official')?.size).toBe(4);
    // Emptied, the name is unregistered; painted again, it is registered anew.
    painter.paint('dossier-official', []);
    expect(registry.has('dossier-official')).toBe(false);
    painter.paint('dossier-official', names.slice(0, 1));
    expect(registry.get('dossier-official')?.size).toBe(1);
    painter.destroy();
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
