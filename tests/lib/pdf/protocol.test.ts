import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../lib/protocol';

const annotation = (pdf: unknown) => ({
  page: { url: 'https://www.csis.org/r.pdf', title: 'R', site: 'csis.org' },
  quote: { type: 'TextQuoteSelector', exact: 'the talks', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 10, end: 19 },
  note: '',
  tags: [],
  colour: 'yellow',
  ...(pdf === undefined ? {} : { pdf }),
});

describe('PDF notes in the message protocol', () => {
  it('accepts a new note with a fingerprint and a page, and one without (a web page)', () => {
    const withPdf = { annotation: annotation({ fingerprint: 'abc', page: 3 }) };
    expect(parseMessage({ type: 'notes/create', payload: withPdf }, ['notes/create']).ok).toBe(
      true,
    );
    const plain = { annotation: annotation(undefined) };
    expect(parseMessage({ type: 'notes/create', payload: plain }, ['notes/create']).ok).toBe(true);
  });

  it('refuses a page number below 1 or a fingerprint that is empty', () => {
    for (const pdf of [
      { fingerprint: 'abc', page: 0 },
      { fingerprint: '', page: 2 },
    ]) {
      const parsed = parseMessage(
        { type: 'notes/create', payload: { annotation: annotation(pdf) } },
        ['notes/create'],
      );
      expect(parsed.ok).toBe(false);
    }
  });

  it('asks for notes by fingerprint with a checked payload', () => {
    const type = 'notes/by-fingerprint';
    expect(parseMessage({ type, payload: { fingerprint: 'abc' } }, [type]).ok).toBe(true);
    expect(parseMessage({ type, payload: { fingerprint: 7 } }, [type]).ok).toBe(false);
  });
});
