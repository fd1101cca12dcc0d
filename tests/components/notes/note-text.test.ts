/** The plain helpers behind the notes panel (truncation, tags) and the rules it shares. */
import { describe, expect, it } from 'vitest';
import { addTags, parseTags, truncateQuote } from '../../../components/notes/note-text';
import { byPageOrder } from '../../../lib/annotation/order';
import { compileQuery } from '../../../lib/annotation/rules';
import { makeNote } from './fake-notes-api';

describe('note text helpers', () => {
  it('orders notes by where their passage starts, then ends, then when they were made', () => {
    const a = makeNote({ start: 50, exact: 'abc' });
    const b = makeNote({ start: 10, exact: 'abcdef' });
    const c = makeNote({ start: 10, exact: 'ab' });
    const d = makeNote({ start: 10, exact: 'ab', created: '2025-01-01T00:00:00.000Z' });
    expect([a, b, c, d].sort(byPageOrder).map((n) => n.id)).toEqual([d.id, c.id, b.id, a.id]);
  });

  it('leaves a short quote alone and cuts a long one at a word with an ellipsis', () => {
    expect(truncateQuote('  Short\n quote. ')).toBe('Short quote.');
    const cut = truncateQuote('word '.repeat(100), 42);
    expect(cut).toBe(`${'word '.repeat(8).trim()}…`);
    expect(truncateQuote('x'.repeat(300), 20)).toBe(`${'x'.repeat(20)}…`);
  });

  it('reads typed tags as the store keeps them, without duplicates that differ in case', () => {
    expect(parseTags(' #energy,  EU   policy ,,Energy, #, eu policy')).toEqual([
      'energy',
      'EU policy',
    ]);
    expect(addTags(['Caspian'], ['caspian', 'transit'])).toEqual(['Caspian', 'transit']);
  });

  it('searches like the store: every word, any field, case and accents ignored, #tag prefix', () => {
    const note = makeNote({
      exact: 'Président Aliyev met the delegation',
      note: 'follow up on TAP',
      tags: ['energy security'],
      title: 'Gas Talks Resume',
    });
    const matches = (q: string) => compileQuery(q)?.(note);
    expect(compileQuery('   ')).toBeNull();
    expect(matches('president aliyev')).toBe(true);
    expect(matches('tap gas')).toBe(true);
    expect(matches('#energy')).toBe(true);
    expect(matches('#security')).toBe(false);
    expect(matches('aliyev pashinyan')).toBe(false);
  });
});
