/**
 * Quotations found by a speaker's name as typed, whatever the page's Unicode form.
 */
import { describe, expect, it } from 'vitest';
import { QuoteIndex } from '../../../lib/library/quote-index';

describe('QuoteIndex and accented names', () => {
  it('finds a quotation whose page wrote "Sánchez" decomposed (NFD), typed as "Sánchez"', () => {
    const index = new QuoteIndex();
    index.addPage('https://a.example/1', [
      { text: 'We will not accept this', speaker: 'Pedro Sánchez'.normalize('NFD') },
    ]);
    expect(index.search('Sánchez')).toHaveLength(1);
  });

  it('finds a quotation by Abdullah Gül typed as "Gul"', () => {
    const index = new QuoteIndex();
    index.addPage('https://a.example/1', [{ text: 'We are ready', speaker: 'Abdullah Gül' }]);
    expect(index.search('Gul')).toHaveLength(1);
  });
});
