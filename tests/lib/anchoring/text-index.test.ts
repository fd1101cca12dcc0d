/** Specification of the text index: what text a page yields, and how offsets and Ranges meet. */
import { describe, expect, it } from 'vitest';
import {
  buildTextIndex,
  collapseWithMap,
  offsetsToRange,
  rangeToOffsets,
} from '../../../lib/anchoring/text-index';
import { collapseWhitespace } from '../../../lib/article/extract';

function page(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body;
}

describe('buildTextIndex', () => {
  it('concatenates the text nodes of the subtree in document order', () => {
    const index = buildTextIndex(page('<p>One <b>two</b> three</p><p>four</p>'));
    expect(index.raw).toBe('One two threefour');
    expect(index.nodes.map((n) => n.data)).toEqual(['One ', 'two', ' three', 'four']);
    expect(Array.from(index.nodeStarts)).toEqual([0, 4, 7, 13]);
  });

  it('leaves out scripts, styles, noscript, templates, textareas and Dossier UI', () => {
    const index = buildTextIndex(
      page(
        '<p>kept</p><script>var x = 1;</script><style>p{}</style><noscript>no js</noscript>' +
          '<template><p>tpl</p></template><textarea>draft</textarea>' +
          '<div data-dossier-ui><span>Highlight</span></div><p>also kept</p>',
      ),
    );
    expect(index.text).toBe('keptalso kept');
  });

  it('leaves out the head when indexing the whole document', () => {
    document.head.innerHTML = '<title>Page title</title>';
    document.body.innerHTML = '<p>Body text</p>';
    const index = buildTextIndex(document.documentElement);
    expect(index.text).toBe('Body text');
  });

  it('collapses whitespace in its text view as Readability article text is collapsed', () => {
    const raw = '  The\n\t Minister\u00a0 said:  \u00adyes \n';
    const { text } = collapseWithMap(raw);
    expect(text).toBe(collapseWhitespace(raw));
    expect(text).toBe('The Minister said: \u00adyes');
  });

  it('maps every collapsed character back to the raw character it came from', () => {
    const raw = '  ab \n cd\te\u00a0 f  ';
    const collapsed = collapseWithMap(raw);
    expect(collapsed.text).toBe('ab cd e f');
    const toRaw = Array.from(collapsed.text, (_, k) => collapsed.toRaw(k));
    expect(toRaw).toEqual([2, 3, 4, 7, 8, 9, 10, 11, 13]);
  });

  it('maps raw offsets to the first collapsed character at or after them', () => {
    const raw = '  ab \n cd\te\u00a0 f  ';
    const collapsed = collapseWithMap(raw);
    const fromRaw = Array.from({ length: raw.length + 1 }, (_, r) => collapsed.fromRaw(r));
    // Brute force: the first k whose raw offset is at or after r.
    const expected = fromRaw.map((_, r) => {
      const k = Array.from(collapsed.text, (_c, i) => collapsed.toRaw(i)).findIndex((x) => x >= r);
      return k < 0 ? collapsed.text.length : k;
    });
    expect(fromRaw).toEqual(expected);
  });

  it('agrees with a character-by-character collapse on long mixed whitespace', () => {
    const pieces = ['word', ' ', '\n\n    ', '\u00a0', 'x', '\t', '  ', 'yz\u00ad', ' \u2003 '];
    let raw = ' \n';
    for (let i = 0; i < 500; i++) raw += pieces[(i * 7) % pieces.length];
    const collapsed = collapseWithMap(raw);
    expect(collapsed.text).toBe(collapseWhitespace(raw));
    let k = 0;
    for (let r = 0; r < raw.length && k < collapsed.text.length; r++) {
      const isSpace = /\s/.test(raw[r] as string);
      if (isSpace && (k === 0 || collapsed.text[k] !== ' ')) continue;
      expect(collapsed.toRaw(k)).toBe(r);
      k++;
      if (isSpace) while (r + 1 < raw.length && /\s/.test(raw[r + 1] as string)) r++;
    }
    expect(k).toBe(collapsed.text.length);
  });
});

describe('offsetsToRange', () => {
  it('turns text offsets into a Range spanning several elements', () => {
    const body = page('<p>The <em>Prime Minister</em> spoke.</p>');
    const index = buildTextIndex(body);
    const start = index.text.indexOf('Prime');
    const range = offsetsToRange(index, start, start + 'Prime Minister spoke'.length);
    expect(range?.toString()).toBe('Prime Minister spoke');
    expect(range?.startContainer.textContent).toBe('Prime Minister');
  });

  it('skips the extra whitespace of the page when mapping collapsed offsets', () => {
    const body = page('<p>Secretary\n      of   State</p><p>\n  Blinken</p>');
    const index = buildTextIndex(body);
    expect(index.text).toBe('Secretary of State Blinken');
    const start = index.text.indexOf('State');
    const range = offsetsToRange(index, start, index.text.length);
    expect(range?.toString()).toBe('State\n  Blinken');
  });

  it('returns null for empty or out-of-bounds spans', () => {
    const index = buildTextIndex(page('<p>short</p>'));
    expect(offsetsToRange(index, 2, 2)).toBeNull();
    expect(offsetsToRange(index, 3, 99)).toBeNull();
  });

  it('returns null when the text node left the page after indexing', () => {
    const body = page('<p id="a">gone soon</p><p>stays</p>');
    const index = buildTextIndex(body);
    body.querySelector('#a')?.remove();
    expect(offsetsToRange(index, 0, 4)).toBeNull();
  });
});

describe('rangeToOffsets', () => {
  it('turns a selection inside text nodes into text offsets', () => {
    const body = page('<p>alpha <b>beta</b> gamma</p>');
    const index = buildTextIndex(body);
    const range = document.createRange();
    const beta = body.querySelector('b')?.firstChild as Text;
    range.setStart(beta, 1);
    range.setEnd(body.querySelector('p')?.lastChild as Text, 3);
    const { start, end } = rangeToOffsets(index, range);
    expect(index.text.slice(start, end)).toBe('eta ga');
  });

  it('resolves element boundary points to the text they point at', () => {
    const body = page('<p>first</p><p>second</p><p>third</p>');
    const index = buildTextIndex(body);
    const range = document.createRange();
    range.setStart(body, 1); // before <p>second</p>
    range.setEnd(body, 2); // after it
    const { start, end } = rangeToOffsets(index, range);
    expect(index.text.slice(start, end)).toBe('second');
  });

  it('treats a boundary inside skipped content as the next indexed text', () => {
    const body = page('<p>before</p><div data-dossier-ui>toolbar</div><p>after</p>');
    const index = buildTextIndex(body);
    const range = document.createRange();
    const toolbar = body.querySelector('[data-dossier-ui]')?.firstChild as Text;
    range.setStart(toolbar, 2);
    range.setEnd(body.querySelector('p:last-child')?.firstChild as Text, 5);
    const { start, end } = rangeToOffsets(index, range);
    expect(index.text.slice(start, end)).toBe('after');
  });

  it('round-trips with offsetsToRange', () => {
    const body = page('<article><h1>Title</h1>\n<p>Some <i>mixed</i>\n text.</p></article>');
    const index = buildTextIndex(body);
    for (const [start, end] of [
      [0, 5],
      [3, 12],
      [6, index.text.length],
    ] as const) {
      const range = offsetsToRange(index, start, end);
      expect(range).not.toBeNull();
      expect(rangeToOffsets(index, range as Range)).toEqual({ start, end });
    }
  });
});
