/** Specification of the one text-node walk: which text each option leaves out, and its bound. */
import { describe, expect, it } from 'vitest';
import {
  depthOf,
  MAX_TEXT_DEPTH,
  NON_TEXT_ELEMENTS,
  textNodesOf,
  walkText,
} from '../../../lib/dom/text-walk';

function body(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

const data = (nodes: Text[]) => nodes.map((n) => n.data);

/** A chain of `depth` nested divs under `parent`, with `text` in the innermost one. */
function nest(parent: Node, depth: number, text: string): void {
  let at = parent;
  for (let i = 0; i < depth; i++) at = at.appendChild(document.createElement('div'));
  at.appendChild(document.createTextNode(text));
}

describe('walkText', () => {
  it('reads every text node in document order, as a TreeWalker over text does', () => {
    const root = body('<p>One <b>two</b> three</p><!-- note --><p>four<i></i></p><p></p>five');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const expected: string[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) expected.push((n as Text).data);
    expect(data(textNodesOf(root))).toEqual(expected);
    expect(expected).toEqual(['One ', 'two', ' three', 'four', 'five']);
  });

  it('walks a whole Document, past its doctype', () => {
    // The doctype is a node of its own before <html>; it has no text and must not stop the walk.
    const doc = new DOMParser().parseFromString(
      '<!doctype html><html><head><title>T</title></head><body><p>b</p></body></html>',
      'text/html',
    );
    expect(data(textNodesOf(doc))).toEqual(['T', 'b']);
  });

  it('gives a text root as its only node, and nothing for an empty element', () => {
    const text = document.createTextNode('alone');
    expect(textNodesOf(text)).toEqual([text]);
    expect(textNodesOf(document.createElement('div'))).toEqual([]);
  });

  it('leaves out the named elements with everything inside', () => {
    const root = body(
      '<p>kept</p><script>var x;</script><style>p{}</style><noscript>no js</noscript>' +
        '<template><p>tpl</p></template><textarea>draft</textarea><p>also</p>',
    );
    expect(data(textNodesOf(root, { skipElements: NON_TEXT_ELEMENTS }))).toEqual(['kept', 'also']);
    const other = body('<p>kept</p><script>var x;</script><noscript>no js</noscript><p>also</p>');
    expect(data(textNodesOf(other, { skipElements: new Set(['noscript']) }))).toEqual([
      'kept',
      'var x;',
      'also',
    ]);
  });

  it('leaves out Dossier’s own UI only when asked', () => {
    const root = body('<p>page</p><div data-dossier-ui><button>Highlight</button></div>');
    expect(data(textNodesOf(root, { skipDossierUi: true }))).toEqual(['page']);
    expect(data(textNodesOf(root))).toEqual(['page', 'Highlight']);
  });

  it('leaves out any element the caller’s test rejects, and tells it of the others', () => {
    const root = body('<p>a<span hidden>secret</span>b</p><div><em>c</em></div>');
    const events: string[] = [];
    const nodes = textNodesOf(root, {
      skipElement: (el) => el.hasAttribute('hidden'),
      onEnter: (el) => events.push(`<${el.localName}>`),
      onLeave: (el) => events.push(`</${el.localName}>`),
    });
    expect(data(nodes)).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['<p>', '</p>', '<div>', '<em>', '</em>', '</div>']);
  });

  it('interleaves entering and leaving with the text, as a recursive walk would', () => {
    const root = body('<p>one</p>two<h2>three</h2>');
    const seen: string[] = [];
    const walk = walkText(root, {
      onEnter: (el) => seen.push(`<${el.localName}>`),
      onLeave: (el) => seen.push(`</${el.localName}>`),
    });
    for (let n = walk.next(); n; n = walk.next()) seen.push(n.data);
    expect(seen).toEqual(['<p>', 'one', '</p>', 'two', '<h2>', 'three', '</h2>']);
  });

  it('can be walked a node at a time, and stays at its end', () => {
    const walk = walkText(body('<p>a</p><p>b</p>'));
    expect(walk.next()?.data).toBe('a');
    expect(walk.next()?.data).toBe('b');
    expect(walk.next()).toBeNull();
    expect(walk.next()).toBeNull();
  });

  it('ends quietly when the page removes the node the walk stands on', () => {
    const root = body('<p><b>a</b></p><p>b</p>');
    const walk = walkText(root);
    const first = walk.next();
    expect(first?.data).toBe('a');
    root.innerHTML = '<p>new</p>';
    expect(() => walk.next()).not.toThrow();
  });

  it('reads text down to the bound below the document and leaves out what lies deeper', () => {
    const root = body('<p>top</p>');
    // The text node sits one level below its innermost div.
    nest(root, MAX_TEXT_DEPTH - depthOf(root) - 1, 'at the bound');
    expect(data(textNodesOf(root))).toEqual(['top', 'at the bound']);

    const deeper = body('<p>top</p>');
    nest(deeper, MAX_TEXT_DEPTH - depthOf(deeper), 'too deep');
    deeper.append('after');
    const cut: Element[] = [];
    const walk = walkText(deeper, { onCut: (el) => cut.push(el) });
    const seen: string[] = [];
    for (let n = walk.next(); n; n = walk.next()) seen.push(n.data);
    expect(seen).toEqual(['top', 'after']);
    expect(walk.truncated).toBe(true);
    expect(cut.map((el) => depthOf(el))).toEqual([MAX_TEXT_DEPTH]);
  });

  it('agrees on the bound whether it starts at <html>, <body> or the document', () => {
    const root = body('<p>top</p>');
    nest(root, MAX_TEXT_DEPTH - depthOf(root) - 1, 'last read');
    nest(root, MAX_TEXT_DEPTH - depthOf(root), 'never read');
    const want = ['top', 'last read'];
    expect(data(textNodesOf(document))).toEqual(want);
    expect(data(textNodesOf(document.documentElement))).toEqual(want);
    expect(data(textNodesOf(document.body))).toEqual(want);
  });

  it('walks 10,000 levels without recursion, calling leave for every element entered', () => {
    // Detached: happy-dom itself recurses when a tree this deep is connected or removed.
    const root = document.createElement('div');
    nest(root, 10_000, 'bottom');
    let entered = 0;
    let left = 0;
    const nodes = textNodesOf(root, {
      maxDepth: 20_000,
      onEnter: () => entered++,
      onLeave: () => left++,
    });
    expect(data(nodes)).toEqual(['bottom']);
    expect(entered).toBe(10_000);
    expect(left).toBe(10_000);
  });

  it('takes a smaller bound when given one', () => {
    const root = body('<div><div><p>three down</p></div></div><p>one down</p>');
    expect(data(textNodesOf(root, { maxDepth: 2 }))).toEqual(['one down']);
  });
});
