/**
 * The quotations' search index: MiniSearch's matching rules (exact words, prefixes from 3
 * letters, one typo from 4 and two from 8, every word of the query), the best quotations first
 * and only as many as asked, pages replaced and removed, and the saved form round-trips.
 */
import { describe, expect, it } from 'vitest';
import { editDistance, QuoteIndex, wordsOf } from '../../../lib/library/quote-index';

const q = (text: string, speaker: string | null = null) => ({ text, speaker });

function sample(): QuoteIndex {
  const index = new QuoteIndex();
  index.addPage('https://a.example/1', [
    q('The pipeline will carry gas to Europe.', 'Antony Blinken'),
    q('Pipelines are expensive.', 'Jake Sullivan'),
  ]);
  index.addPage('https://a.example/2', [
    q('The corridor will open next year.', 'Jeyhun Bayramov'),
    q('Security first, then the pipeline politics.', 'Antony Blinken'),
  ]);
  return index;
}
const found = (index: QuoteIndex, query: string, limit?: number) =>
  index.search(query, limit).map((h) => `${h.url.slice(-1)}#${h.k}`);

describe('QuoteIndex', () => {
  it('finds words exactly, by their start and despite a typo, exact matches first', () => {
    const index = sample();
    // "pipeline" itself in two quotations, "pipelines" only as a longer word.
    expect(found(index, 'pipeline')).toEqual(['2#1', '1#0', '1#1']);
    expect(found(index, 'corridr')).toEqual(['2#0']);
    expect(found(index, 'corr')).toEqual(['2#0']);
    // Two letters are not a prefix worth expanding, and short words get no typo.
    expect(found(index, 'co')).toEqual([]);
    expect(found(index, 'gaz')).toEqual([]);
  });

  it('needs every word of the query, speakers included, and keeps only the best asked for', () => {
    const index = sample();
    expect(found(index, 'pipeline blinken')).toEqual(['2#1', '1#0']);
    expect(found(index, 'pipeline bayramov')).toEqual([]);
    expect(found(index, 'pipeline', 1)).toEqual(['2#1']);
  });

  it('replaces a page read again and forgets a removed one', () => {
    const index = sample();
    index.addPage('https://a.example/1', [q('Nothing about energy.')]);
    expect(found(index, 'pipeline')).toEqual(['2#1']);
    expect(found(index, 'energy')).toEqual(['1#0']);
    index.removePage('https://a.example/2');
    expect(found(index, 'pipeline')).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('comes back from its saved form, without what was removed', () => {
    const index = sample();
    index.removePage('https://a.example/1');
    const loaded = QuoteIndex.fromSaved(structuredClone(index.toSaved()));
    expect(loaded.size).toBe(2);
    expect(found(loaded, 'pipeline')).toEqual(['2#1']);
    loaded.addPage('https://a.example/3', [q('A new pipeline deal.')]);
    expect(found(loaded, 'pipeline').sort()).toEqual(['2#1', '3#0']);
  });

  it('refuses a damaged saved form', () => {
    const saved = sample().toSaved();
    saved.lists[0] = Int32Array.of(99);
    expect(() => QuoteIndex.fromSaved(saved)).toThrow(/damaged/);
  });

  it('splits words as the rest of the search does, and measures typos', () => {
    expect(wordsOf('Al-Sisi’s “plan”, 2024!')).toEqual(['al', 'sisi', 's', 'plan', '2024']);
    expect(editDistance('corridr', 'corridor', 1)).toBe(1);
    expect(editDistance('kitten', 'sitting', 2)).toBe(3);
  });
});
