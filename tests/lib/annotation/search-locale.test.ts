/** search folding. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { compileQuery } from '../../../lib/annotation/rules';
import { makeNote } from '../../components/notes/fake-notes-api';

afterEach(() => {
  vi.restoreAllMocks();
});

function matches(query: string, note: Annotation): boolean {
  const match = compileQuery(query);
  return match ? match(note) : true;
}

describe('search in a browser whose language is Turkish or Azerbaijani', () => {
  it('"iran" finds a quote written "IRAN" whatever the browser language', () => {
    // A browser's String#toLocaleLowerCase() without arguments uses the browser's language;
    // for tr / az, "I" lowers to dotless "ı".
    const real = String.prototype.toLocaleLowerCase;
    vi.spyOn(String.prototype, 'toLocaleLowerCase').mockImplementation(function (
      this: string,
      locales?: Intl.LocalesArgument,
    ) {
      return real.call(this, locales ?? 'az');
    });
    const note = makeNote({ exact: 'IRAN AND THE CASPIAN', note: '' });
    expect(matches('iran', note)).toBe(true);
  });
});

describe('search sanity', () => {
  it('accents, case, tags', () => {
    const note = makeNote({ exact: 'Énergie à Bakou', tags: ['EU policy'] });
    expect(matches('energie bakou', note)).toBe(true);
    expect(matches('#eu', note)).toBe(true);
    expect(matches('#policy', note)).toBe(false);
    expect(matches('😀', makeNote({ exact: 'smile 😀 here' }))).toBe(true);
    expect(matches('שלום', makeNote({ exact: 'אמר שלום לכולם' }))).toBe(true);
  });
});
