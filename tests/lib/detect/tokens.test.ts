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

describe('tokenize word shapes', () => {
  it.each([
    ['dotted initials', 'H.W. Bush', ['H.W.', 'Bush']],
    ['initials followed by a letter are words', 'U.S.A', ['U', 'S', 'A']],
    ['an abbreviation keeps its period', 'Mr. Eck and DR. Ha', ['Mr.', 'Eck', 'and', 'DR.', 'Ha']],
    [
      'apostrophes and hyphens inside a word',
      'O’Brien met Jae‐myung and x-ray',
      ['O’Brien', 'met', 'Jae‐myung', 'and', 'x-ray'],
    ],
    ['a trailing hyphen is not part of the word', 'pre- and post-war', ['pre', 'and', 'post-war']],
    ['digits continue a word but never start one', 'G7 and 3M', ['G7', 'and', 'M']],
    ['letters outside the BMP', '𝐀bc and naïve café', ['𝐀bc', 'and', 'naïve', 'café']],
  ])('reads %s', (_, text, expected) => {
    expect(tokenize(text).tokens.map((t) => text.slice(t.start, t.end))).toEqual(expected);
  });

  it('flags capitals, all-capitals and initials', () => {
    const flags = tokenize('NATO and Nato met J. Roe').tokens.map((t) => [
      t.word,
      t.cap,
      t.upper,
      t.initial,
    ]);
    expect(flags).toEqual([
      ['NATO', true, true, false],
      ['and', false, false, false],
      ['Nato', true, false, false],
      ['met', false, false, false],
      ['J.', true, false, true],
      ['Roe', true, false, false],
    ]);
  });
});
