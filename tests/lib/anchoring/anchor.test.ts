/**
 * Specification of re-anchoring: where a saved annotation lands after the page changed, and
 * when it must become an orphan instead of landing on the wrong words.
 */
import { describe, expect, it } from 'vitest';
import { type AnchorResult, anchorAll, type SelectorPair } from '../../../lib/anchoring/anchor';
import { MIN_FUZZY_EVIDENCE } from '../../../lib/anchoring/match-quote';
import { describeOffsets, type PassageSelectors } from '../../../lib/anchoring/selectors';

const ARTICLE = [
  'The Caspian Policy Center hosted a panel on energy security in the South Caucasus.',
  'Secretary of State Antony Blinken said the region stands at a crossroads.',
  'President Aliyev welcomed the talks and called the pipeline "a bridge between continents".',
  'Prime Minister Pashinyan told reporters that the agreement was close.',
  'CPC Chief Executive Officer Efgan Nifti noted that the agreement needs financing.',
  'Observers expect the agreement to be signed before the end of the year.',
].join(' ');

/** Records selectors for the `occurrence`-th appearance of `quote` in `text`. */
function select(text: string, quote: string, occurrence = 0): PassageSelectors {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`fixture lacks ${quote}`);
  const selectors = describeOffsets(text, start, start + quote.length);
  if (!selectors) throw new Error('empty selection');
  return selectors;
}

function anchorOne(text: string, selectors: SelectorPair): AnchorResult {
  const [result] = anchorAll({ text }, [selectors]);
  if (!result) throw new Error('no result');
  return result;
}

function anchoredText(text: string, result: AnchorResult): string | null {
  return result.orphan ? null : text.slice(result.start, result.end);
}

describe('anchorAll', () => {
  it('uses the position hint on an unchanged page', () => {
    const selectors = select(ARTICLE, 'Antony Blinken');
    const result = anchorOne(ARTICLE, selectors);
    expect(result).toEqual({
      start: selectors.position.start,
      end: selectors.position.end,
      method: 'position',
      score: 1,
    });
  });

  it('finds the exact quote when text was inserted before it', () => {
    const selectors = select(ARTICLE, 'President Aliyev welcomed the talks');
    const shifted = `Editor's note: this article was updated with new remarks. ${ARTICLE}`;
    const result = anchorOne(shifted, selectors);
    expect(result).toMatchObject({ method: 'exact', score: 1 });
    expect(anchoredText(shifted, result)).toBe('President Aliyev welcomed the talks');
    expect(result.orphan ? -1 : result.start).toBe(shifted.indexOf('President Aliyev'));
  });

  it('anchors fuzzily when a word inside the quote was changed', () => {
    const selectors = select(ARTICLE, 'Prime Minister Pashinyan told reporters that the agreement');
    const edited = ARTICLE.replace('told reporters', 'told journalists');
    const result = anchorOne(edited, selectors);
    expect(result).toMatchObject({ method: 'fuzzy' });
    expect(anchoredText(edited, result)).toBe(
      'Prime Minister Pashinyan told journalists that the agreement',
    );
    expect(result.orphan ? 0 : result.score).toBeGreaterThanOrEqual(MIN_FUZZY_EVIDENCE);
  });

  it('anchors fuzzily on a shifted and edited page, near the old position', () => {
    const selectors = select(ARTICLE, 'noted that the agreement needs financing');
    const edited = `Update: corrected a title. ${ARTICLE.replace('needs financing', 'needs funding')}`;
    const result = anchorOne(edited, selectors);
    expect(result).toMatchObject({ method: 'fuzzy' });
    expect(anchoredText(edited, result)).toBe('noted that the agreement needs funding');
  });

  it('makes an orphan of a heavily rewritten quote instead of pinning it elsewhere', () => {
    const selectors = select(ARTICLE, 'Prime Minister Pashinyan told reporters that the agreement');
    const rewritten = ARTICLE.replace(
      'Prime Minister Pashinyan told reporters that the agreement was close.',
      'Armenia’s premier said on Tuesday that a deal could come soon.',
    );
    expect(anchorOne(rewritten, selectors)).toEqual({ orphan: true });
  });

  it('makes an orphan of a quote whose text was deleted', () => {
    const selectors = select(ARTICLE, 'called the pipeline "a bridge between continents"');
    const deleted = ARTICLE.replace(' and called the pipeline "a bridge between continents"', '');
    expect(anchorOne(deleted, selectors)).toEqual({ orphan: true });
  });

  it('makes an orphan of a short quote whose sentence was deleted, though the name remains', () => {
    const selectors = select(ARTICLE, 'Pashinyan');
    const deleted = ARTICLE.replace(
      'Prime Minister Pashinyan told reporters that the agreement was close.',
      'Mr Pashinian’s office did not comment.',
    ).replace('Observers', 'Pashinyan said observers');
    expect(anchorOne(deleted, selectors)).toEqual({ orphan: true });
  });

  it('keeps a short highlight whose next sentence was deleted, on the strength of its prefix', () => {
    const selectors = select(ARTICLE, 'was close.');
    const edited = ARTICLE.replace(
      'CPC Chief Executive Officer Efgan Nifti noted that the agreement needs financing.',
      'Markets rallied.',
    );
    const result = anchorOne(edited, selectors);
    expect(result.orphan).toBeFalsy();
    expect(result.orphan ? -1 : result.start).toBe(edited.indexOf('was close.'));
  });

  it('never pins a note on other words: random edits either keep its sentence or orphan it', () => {
    const vocabulary = (
      'the of and to in a is that for on with as by at from policy energy minister said ' +
      'president agreement region security corridor pipeline Caspian Baku talks border peace'
    ).split(' ');
    let seed = 11;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)] as string;
    const sentence = () =>
      `${Array.from({ length: 6 + Math.floor(random() * 20) }, pick).join(' ')}.`;
    let anchored = 0;
    for (let trial = 0; trial < 40; trial++) {
      const sentences = Array.from({ length: 40 }, (_, id) => ({ id, text: sentence() }));
      const text = sentences.map((s) => s.text).join(' ');
      const starts = sentences.map((s) => text.indexOf(s.text));
      const sentenceAt = (offset: number) => starts.findLastIndex((start) => start <= offset);
      const notes = Array.from({ length: 20 }, () => {
        const from = Math.floor(random() * (text.length - 40));
        const selectors = describeOffsets(text, from, from + 3 + Math.floor(random() * 30));
        if (!selectors) throw new Error('empty selection');
        // The sentences the note touches: it may span a sentence boundary.
        const ids = [sentenceAt(selectors.position.start), sentenceAt(selectors.position.end - 1)];
        return { ids, selectors };
      });
      // Delete a tenth of the sentences, insert new ones, change one word in a seventh.
      const edited: { id: number; text: string }[] = [];
      for (const s of sentences) {
        const r = random();
        if (r < 0.1) continue;
        if (r < 0.2) edited.push({ id: -1, text: sentence() });
        if (r < 0.35) {
          const words = s.text.split(' ');
          words[Math.floor(random() * words.length)] = pick();
          edited.push({ id: s.id, text: words.join(' ') });
        } else edited.push(s);
      }
      const page = edited.map((s) => s.text).join(' ');
      const where = new Map<number, [number, number]>();
      let offset = 0;
      for (const s of edited) {
        where.set(s.id, [offset, offset + s.text.length]);
        offset += s.text.length + 1;
      }
      const results = anchorAll(
        { text: page },
        notes.map((n) => n.selectors),
      );
      results.forEach((result, i) => {
        if (result.orphan) return;
        anchored++;
        // An anchored note lies on what is left of the sentences it was made on.
        const [first = 0, last = 0] = notes[i]?.ids ?? [];
        const homes = [...where.entries()].filter(([id]) => id >= first && id <= last);
        expect(homes.some(([, [from, to]]) => result.start < to && result.end > from)).toBe(true);
      });
    }
    expect(anchored).toBeGreaterThan(600); // most of the 800 notes survive the edits
  });

  it('tells repeated phrases apart by their prefix and suffix', () => {
    const second = select(ARTICLE, 'the agreement', 1);
    const third = select(ARTICLE, 'the agreement', 2);
    const shifted = `A new first paragraph. ${ARTICLE}`;
    const [a, b] = anchorAll({ text: shifted }, [second, third]);
    const offset = 'A new first paragraph. '.length;
    expect(a).toMatchObject({ method: 'exact', start: second.position.start + offset });
    expect(b).toMatchObject({ method: 'exact', start: third.position.start + offset });
  });

  it('does not trust a position hint that now falls on another copy of a repeated phrase', () => {
    const second = select(ARTICLE, 'the agreement', 1);
    const third = select(ARTICLE, 'the agreement', 2);
    // Insert just enough text before everything that the second copy moves to the third
    // copy's old offset.
    const delta = third.position.start - second.position.start;
    const edited = `${'x'.repeat(delta - 1)} ${ARTICLE}`;
    expect(edited.slice(third.position.start, third.position.end)).toBe('the agreement');
    const result = anchorOne(edited, third);
    expect(result).toMatchObject({ method: 'exact', start: third.position.start + delta });
  });

  it('ignores whitespace differences between the recorded quote and the page', () => {
    const selectors: SelectorPair = {
      quote: {
        type: 'TextQuoteSelector',
        exact: 'Secretary of State\n      Antony   Blinken',
        prefix: 'in the South\n  Caucasus. ',
        suffix: ' said the\tregion',
      },
      position: { type: 'TextPositionSelector', start: 9999, end: 10030 },
    };
    const result = anchorOne(ARTICLE, selectors);
    expect(anchoredText(ARTICLE, result)).toBe('Secretary of State Antony Blinken');
  });

  it('makes an orphan of an empty quote', () => {
    const selectors = select(ARTICLE, 'Blinken');
    selectors.quote.exact = '  ';
    expect(anchorOne(ARTICLE, selectors)).toEqual({ orphan: true });
  });

  it('works without a position selector', () => {
    const { quote } = select(ARTICLE, 'Efgan Nifti');
    expect(anchorOne(ARTICLE, { quote })).toMatchObject({
      method: 'exact',
      start: ARTICLE.indexOf('Efgan Nifti'),
    });
  });

  it('looks for an edited quote where the page moved, as shown by the notes found exactly', () => {
    const unchanged = select(ARTICLE, 'Secretary of State Antony Blinken');
    const edited = select(ARTICLE, 'noted that the agreement needs financing');
    const banner = `${'Breaking news banner text. '.repeat(200)}`; // far more than the fuzzy window
    const page = `${banner}${ARTICLE.replace('needs financing', 'needs funding')}`;
    const [first, second] = anchorAll({ text: page }, [unchanged, edited], {
      wholeTextSearches: 0,
    });
    expect(first).toMatchObject({ method: 'exact' });
    expect(second).toMatchObject({ method: 'fuzzy' });
    expect(anchoredText(page, second as AnchorResult)).toBe(
      'noted that the agreement needs funding',
    );
  });

  it('stops searching the whole text once its budget is spent, leaving orphans', () => {
    const edited = select(ARTICLE, 'noted that the agreement needs financing');
    const page = `${'Breaking news banner text. '.repeat(200)}${ARTICLE.replace('financing', 'funding')}`;
    expect(anchorAll({ text: page }, [edited], { wholeTextSearches: 0 })).toEqual([
      { orphan: true },
    ]);
    expect(anchorAll({ text: page }, [edited])).toEqual([
      expect.objectContaining({ method: 'fuzzy' }),
    ]);
    // A budget of one: the first note uses it (and is found), the second is left an orphan.
    const other = select(ARTICLE, 'Prime Minister Pashinyan told reporters');
    const both = page.replace('told reporters', 'told journalists');
    expect(anchorAll({ text: both }, [edited, other], { wholeTextSearches: 1 })).toEqual([
      expect.objectContaining({ method: 'fuzzy' }),
      { orphan: true },
    ]);
  });

  it('anchors a thousand annotations against one text, in input order', () => {
    const words = [...ARTICLE.matchAll(/\S+ \S+ \S+/g)].map((m) => m.index);
    const long = Array.from({ length: 40 }, (_, i) => `Section ${i}. ${ARTICLE}`).join(' ');
    const selectors: PassageSelectors[] = [];
    for (let i = 0; i < 1000; i++) {
      const copy = i % 40;
      const base = long.indexOf(`Section ${copy}.`) + `Section ${copy}. `.length;
      const start = base + (words[i % words.length] as number);
      const pick = describeOffsets(long, start, start + 20);
      if (pick) selectors.push(pick);
    }
    const shifted = `Intro. ${long}`;
    const results = anchorAll({ text: shifted }, selectors);
    expect(results).toHaveLength(selectors.length);
    results.forEach((result, i) => {
      expect(result).toMatchObject({ start: (selectors[i]?.position.start ?? 0) + 7 });
    });
  });
});
