/** The tokenizer: words with exact offsets, soft hyphens, possessives, initials, sentences. */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../lib/detect/tokens';

describe('tokenize', () => {
  it('keeps soft hyphens in offsets but not in the word', () => {
    const text = 'Vladi\u00admir left.';
    const [t] = tokenize(text).tokens;
    expect(t?.word).toBe('Vladimir');
    expect(text.slice(t?.start, t?.end)).toBe('Vladi\u00admir');
  });

  it('flags possessives and keeps them in the span', () => {
    const text = "Marrow’s plan and Koval's reply";
    const words = tokenize(text).tokens.map((t) => [t.word, t.poss, text.slice(t.start, t.end)]);
    expect(words).toContainEqual(['Marrow', true, 'Marrow’s']);
    expect(words).toContainEqual(['Koval', true, "Koval's"]);
    expect(words).toContainEqual(['plan', false, 'plan']);
  });

  it('reads initials and dotted abbreviations as one word', () => {
    const words = tokenize('George H.W. Hollin of the U.S. met Mr. Eck.').tokens.map((t) => t.word);
    expect(words).toEqual(['George', 'H.W.', 'Hollin', 'of', 'the', 'U.S.', 'met', 'Mr.', 'Eck']);
  });

  it('splits sentences, but not after "Mr." or inside "U.S. Secretary"', () => {
    const text = 'Mr. Eck met the U.S. Secretary. She left! Then Koval said no. The end';
    const { tokens, sentenceStarts } = tokenize(text);
    expect(sentenceStarts.map((s) => text.slice(s, s + 4))).toEqual([
      'Mr. ',
      'She ',
      'Then',
      'The ',
    ]);
    expect(tokens.find((t) => t.word === 'Secretary')?.sentence).toBe(0);
  });

  it('splits sentences glued across blocks and at paragraph breaks', () => {
    const text = 'He left Nairobi.Mr Eck stayed and spoke';
    const { sentenceStarts } = tokenize(text, [text.indexOf('and')]);
    expect(sentenceStarts.map((s) => text.slice(s, s + 3))).toEqual(['He ', 'Mr ', 'and']);
  });
});
