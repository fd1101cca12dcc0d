import { describe, expect, it } from 'vitest';
import { encodeDirectivePart, textFragmentUrl } from '../../../lib/export/text-fragment';

const url = 'https://example.org/a';
const q = (exact: string, prefix = '', suffix = '') => ({ exact, prefix, suffix });

describe('textFragmentUrl', () => {
  it('percent-encodes the characters that carry meaning in a text directive', () => {
    expect(encodeDirectivePart('a-b, c&d (e)!')).toBe('a%2Db%2C%20c%26d%20%28e%29%21');
  });

  it('uses a short quote whole, with whole-word context on both sides', () => {
    expect(
      textFragmentUrl(
        url,
        q(
          'Prime Minister Pashinyan',
          'rs from Armenia, including ',
          ', who spoke at the forum in Baku',
        ),
      ),
    ).toBe(
      'https://example.org/a#:~:text=from%20Armenia%2C%20including-,Prime%20Minister%20Pashinyan,-%2C%20who%20spoke',
    );
  });

  it('uses the first and last words of a long or multi-line quote', () => {
    const exact = 'One two three four five six.\nSeven eight nine ten eleven twelve.';
    expect(textFragmentUrl(url, q(exact))).toBe(
      'https://example.org/a#:~:text=One%20two%20three%20four%20five,eight%20nine%20ten%20eleven%20twelve.',
    );
    const long = `${'word '.repeat(40)}end`;
    expect(textFragmentUrl(url, q(long))).toBe(
      'https://example.org/a#:~:text=word%20word%20word%20word%20word,word%20word%20word%20word%20end',
    );
  });

  it('replaces a fragment already on the URL and keeps the query', () => {
    expect(textFragmentUrl('https://example.org/a?id=1#top', q('Hello'))).toBe(
      'https://example.org/a?id=1#:~:text=Hello',
    );
  });

  it('keeps only context from the same block as the quote', () => {
    expect(textFragmentUrl(url, q('Quote', 'Heading\nLead in', 'after\nNext'))).toBe(
      'https://example.org/a#:~:text=Lead%20in-,Quote,-after',
    );
  });

  it('survives a lone surrogate and whitespace-only quotes', () => {
    expect(textFragmentUrl(url, q('bad \ud800 char'))).toBe(
      'https://example.org/a#:~:text=bad%20%EF%BF%BD%20char',
    );
    expect(textFragmentUrl(url, q('   \n  '))).toBe(url);
  });
});
