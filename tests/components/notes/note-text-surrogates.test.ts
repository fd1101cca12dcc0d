/** quote truncation on odd input. */
import { describe, expect, it } from 'vitest';
import { truncateQuote } from '../../../components/notes/note-text';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('truncateQuote', () => {
  it('never cuts an emoji (a surrogate pair) in half', () => {
    // A passage without spaces (CJK text, a string of emoji): cut at exactly `max` code units.
    const quote = `${'中'.repeat(179)}${'😀'.repeat(10)}`;
    const short = truncateQuote(quote);
    expect(short.endsWith('…')).toBe(true);
    expect(loneSurrogate.test(short)).toBe(false);
  });
});
