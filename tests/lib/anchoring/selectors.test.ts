/**
 * Specification of selectors: what a reader's selection is recorded as, and that what was
 * recorded finds the same words again on the live page after it changed.
 */
import { describe, expect, it } from 'vitest';
import { anchorAll } from '../../../lib/anchoring/anchor';
import { CONTEXT_LENGTH, describeOffsets, describeRange } from '../../../lib/anchoring/selectors';
import { buildTextIndex, offsetsToRange } from '../../../lib/anchoring/text-index';
import { collapseWhitespace } from '../../../lib/article/extract';

const PAGE = `
  <article>
    <h1>Energy security in the South Caucasus</h1>
    <p>On Monday, <a href="#">Secretary of State
       Antony Blinken</a> met <b>President Aliyev</b> in Baku.</p>
    <p>The two discussed the Middle Corridor, the pipeline and regional peace.</p>
  </article>`;

/** Selects from the start of `fromText` to the end of `toText` (each inside one text node). */
function selectBetween(root: HTMLElement, fromText: string, toText: string): Range {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const data = (node as Text).data;
    if (!started && data.includes(fromText)) {
      range.setStart(node, data.indexOf(fromText));
      started = true;
    }
    if (started && data.includes(toText)) {
      range.setEnd(node, data.indexOf(toText) + toText.length);
      return range;
    }
  }
  throw new Error('fixture text not found');
}

describe('describeOffsets', () => {
  it('records the exact text with 32 characters of context on each side', () => {
    const text = `${'a'.repeat(40)} quoted words ${'b'.repeat(40)}`;
    const start = text.indexOf('quoted');
    const selectors = describeOffsets(text, start, start + 'quoted words'.length);
    expect(selectors?.quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'quoted words',
      prefix: `${'a'.repeat(CONTEXT_LENGTH - 1)} `,
      suffix: ` ${'b'.repeat(CONTEXT_LENGTH - 1)}`,
    });
    expect(selectors?.position).toEqual({
      type: 'TextPositionSelector',
      start,
      end: start + 12,
    });
  });

  it('keeps shorter context at the ends of the text', () => {
    const selectors = describeOffsets('Short text here', 0, 5);
    expect(selectors?.quote).toMatchObject({ exact: 'Short', prefix: '', suffix: ' text here' });
  });

  it('trims spaces a double-click selection swallowed', () => {
    const selectors = describeOffsets('one two three', 3, 8);
    expect(selectors?.quote.exact).toBe('two');
    expect(selectors?.position).toMatchObject({ start: 4, end: 7 });
  });

  it('returns null for a selection of whitespace only', () => {
    expect(describeOffsets('one two', 3, 4)).toBeNull();
  });
});

describe('describeRange', () => {
  it('records a selection spanning several elements with collapsed whitespace', () => {
    document.body.innerHTML = PAGE;
    const index = buildTextIndex(document.body);
    const selectors = describeRange(index, selectBetween(document.body, 'Antony', 'Aliyev'));
    expect(selectors?.quote.exact).toBe('Antony Blinken met President Aliyev');
    expect(selectors?.quote.prefix).toBe('th Caucasus On Monday, Secretary of State '.slice(-32));
    expect(selectors?.quote.suffix).toBe(' in Baku. The two discussed the ');
  });

  it('returns null for a selection inside Dossier UI', () => {
    document.body.innerHTML = `${PAGE}<div data-dossier-ui><button>Highlight</button></div>`;
    const index = buildTextIndex(document.body);
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('button') as HTMLButtonElement);
    expect(describeRange(index, range)).toBeNull();
  });

  it('round-trips: the recorded selectors anchor to the same words after the page changed', () => {
    document.body.innerHTML = PAGE;
    const before = buildTextIndex(document.body);
    const selection = selectBetween(document.body, 'Secretary', 'Aliyev');
    const selectors = describeRange(before, selection);
    if (!selectors) throw new Error('no selectors');

    // The page is re-rendered: a banner is added and the markup is re-indented.
    document.body.innerHTML = `<div class="banner">Subscribe to our newsletter</div>${PAGE.replace(
      /\n\s*/g,
      '\n\t\t',
    )}`;
    const after = buildTextIndex(document.body);
    const [result] = anchorAll(after, [selectors]);
    if (!result || result.orphan) throw new Error('orphaned');
    expect(result.method).toBe('exact');
    const range = offsetsToRange(after, result.start, result.end);
    expect(collapseWhitespace(range?.toString() ?? '')).toBe(
      collapseWhitespace(selection.toString()),
    );
    expect(range?.startContainer.parentElement?.tagName).toBe('A');
    expect(range?.endContainer.parentElement?.tagName).toBe('B');
  });
});
