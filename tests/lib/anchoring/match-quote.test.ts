/** Specification of quote matching on plain strings: scoring, and when a match is refused. */
import { describe, expect, it } from 'vitest';
import {
  evidenceScore,
  MIN_EVIDENCE,
  MIN_FUZZY_EVIDENCE,
  matchAtPosition,
  matchExact,
  matchFuzzy,
  prefixSimilarity,
  suffixSimilarity,
} from '../../../lib/anchoring/match-quote';

const TEXT =
  'In Baku on Monday, President Aliyev met the delegation. Later, Prime Minister Pashinyan ' +
  'told reporters that the agreement was close. The agreement, he said, would open the border.';

function contextOf(text: string, quote: string, occurrence = 0) {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  const end = start + quote.length;
  return {
    start,
    end,
    context: {
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
      hint: start,
    },
  };
}

describe('context similarity', () => {
  it('is 1 when the recorded prefix and suffix are still next to the quote', () => {
    const { start, end, context } = contextOf(TEXT, 'Prime Minister Pashinyan');
    expect(prefixSimilarity(TEXT, start, context.prefix)).toBe(1);
    expect(suffixSimilarity(TEXT, end, context.suffix)).toBe(1);
  });

  it('loses one 32nd per edited character of a 32-character prefix', () => {
    const { start, context } = contextOf(TEXT, 'Prime Minister Pashinyan');
    const edited = `${TEXT.slice(0, start - 10)}X${TEXT.slice(start - 9)}`;
    expect(prefixSimilarity(edited, start, context.prefix)).toBeCloseTo(1 - 1 / 32);
  });

  it('is low next to unrelated text', () => {
    const { context } = contextOf(TEXT, 'Prime Minister Pashinyan');
    const other = TEXT.indexOf('the border');
    expect(prefixSimilarity(TEXT, other, context.prefix)).toBeLessThan(0.5);
  });

  it('treats an empty prefix as "the quote began the text"', () => {
    expect(prefixSimilarity(TEXT, 0, '')).toBe(1);
    expect(prefixSimilarity(TEXT, 10, '')).toBe(0);
  });
});

describe('evidenceScore', () => {
  it('weights the quote and its better-kept side by length, the other side at a quarter', () => {
    const { start, end, context } = contextOf(TEXT, 'Pashinyan');
    expect(evidenceScore(TEXT, start, end, 'Pashinyan', 0, context)).toBe(1);
    // 9 quote characters with 3 errors, both sides intact: (6 + 32 + 8) / (9 + 32 + 8).
    expect(evidenceScore(TEXT, start, end, 'Pashinyan', 3, context)).toBeCloseTo(46 / 49);
    // Suffix rewritten entirely: the intact prefix still carries the match.
    const rewritten = `${TEXT.slice(0, end)} XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`;
    const score = evidenceScore(rewritten, start, end, 'Pashinyan', 0, context);
    expect(score).toBeGreaterThanOrEqual(MIN_EVIDENCE);
    expect(score).toBeLessThan(1);
  });
});

describe('matchAtPosition', () => {
  it('accepts the quote where the hint says, when its context agrees', () => {
    const { start, context } = contextOf(TEXT, 'the agreement');
    expect(matchAtPosition(TEXT, 'the agreement', start, context)).toMatchObject({
      start,
      score: 1,
    });
  });

  it('refuses a hint that now points at other words', () => {
    const { start, context } = contextOf(TEXT, 'the agreement');
    expect(matchAtPosition(TEXT, 'the agreement', start + 1, context)).toBeNull();
  });

  it('refuses a short repeated phrase that slid under the old offset with other context', () => {
    const { context } = contextOf(TEXT, 'greement', 1);
    const other = TEXT.indexOf('greement');
    expect(matchAtPosition(TEXT, 'greement', other, context)).toBeNull();
  });
});

describe('matchExact', () => {
  it('picks the occurrence of a repeated phrase whose prefix and suffix match', () => {
    const second = contextOf(TEXT, 'greement', 1);
    const match = matchExact(TEXT, 'greement', { ...second.context, hint: 0 });
    expect(match?.start).toBe(second.start);
  });

  it('picks the occurrence nearest the hint when contexts cannot tell them apart', () => {
    const text = 'x repeated y. x repeated y. x repeated y.';
    const match = matchExact(text, 'repeated', { prefix: 'x ', suffix: ' y', hint: 15 });
    expect(match?.start).toBe(16);
  });

  it('refuses a short quote whose whole context has changed', () => {
    const { context } = contextOf(TEXT, 'Pashinyan');
    const rewritten =
      'A different article entirely, which mentions Pashinyan only in passing today.';
    expect(matchExact(rewritten, 'Pashinyan', context)).toBeNull();
  });

  it('accepts a long quote found verbatim even if its context changed', () => {
    const quote = 'told reporters that the agreement was close';
    const { context } = contextOf(TEXT, quote);
    const rewritten = `Completely new opening words here; he ${quote}; and new closing words too.`;
    expect(matchExact(rewritten, quote, context)?.start).toBe(rewritten.indexOf(quote));
  });
});

describe('matchFuzzy', () => {
  it('finds a quote with one word changed', () => {
    const quote = 'Prime Minister Pashinyan told reporters that the agreement was close';
    const { context } = contextOf(TEXT, quote);
    const edited = TEXT.replace('told reporters', 'informed reporters');
    const match = matchFuzzy(edited, quote, context);
    expect(match).not.toBeNull();
    expect(edited.slice(match?.start, match?.end)).toBe(
      'Prime Minister Pashinyan informed reporters that the agreement was close',
    );
    expect(match?.score).toBeGreaterThanOrEqual(MIN_FUZZY_EVIDENCE);
  });

  it('refuses a quote changed beyond one edit in four characters', () => {
    const quote = 'told reporters that the agreement was close';
    const { context } = contextOf(TEXT, quote);
    const edited = TEXT.replace(quote, 'said to the press the accord was near');
    expect(matchFuzzy(edited, quote, context)).toBeNull();
  });

  it('refuses a short lookalike elsewhere when the sentence it came from is gone', () => {
    const { context } = contextOf(TEXT, 'Pashinyan');
    const edited =
      'In Baku on Monday, President Aliyev met the delegation. The agreement, said Pashinian ' +
      'aides, would open the border.';
    expect(matchFuzzy(edited, 'Pashinyan', context)).toBeNull();
  });

  it('searches only the window it is given, reporting offsets in the whole text', () => {
    const quote = 'the agreement was close';
    const { context } = contextOf(TEXT, quote);
    const edited = TEXT.replace('was close', 'was closer');
    const from = edited.indexOf('told');
    const match = matchFuzzy(edited, quote, context, from, from + 80);
    expect(match?.start).toBe(edited.indexOf(quote.slice(0, 10)));
    expect(matchFuzzy(edited, quote, context, 0, from)).toBeNull();
  });
});
