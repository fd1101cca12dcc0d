/** Search across the library: typo-tolerant, grouped by kind. */
import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../lib/library/model';
import { buildSearch } from '../../../lib/library/search';
import { makeAnnotation } from '../store/fixtures';
import { libPage } from './fixtures';

const library = buildLibrary([
  libPage(
    [
      ['Antony Blinken', ['Secretary of State']],
      ['Jeyhun Bayramov', ['Foreign Minister']],
    ],
    {
      title: 'Peace talks in Washington',
      quotes: [['Antony Blinken', 'The pipeline will carry gas to Europe.']],
    },
  ),
]);
const notes = [makeAnnotation({ note: 'Check the pipeline capacity figures', tags: ['energy'] })];
const search = buildSearch(library, notes);

describe('buildSearch', () => {
  it('finds a person despite a typo', () => {
    const groups = search.search('Blinkin');
    expect(groups[0]?.kind).toBe('person');
    expect(groups[0]?.hits[0]?.label).toBe('Antony Blinken');
  });

  it('groups quotations and notes that share a word, in the kinds order', () => {
    const groups = search.search('pipeline');
    expect(groups.map((g) => g.kind)).toEqual(['quote', 'note']);
    expect(groups[0]?.hits[0]?.detail).toContain('Antony Blinken');
  });

  it('finds titles and pages', () => {
    expect(search.search('foreign minister')[0]).toMatchObject({
      kind: 'title',
      hits: [{ label: 'Foreign Minister', detail: 'Jeyhun Bayramov' }],
    });
    expect(search.search('washington').map((g) => g.kind)).toEqual(['page']);
  });

  it('answers nothing for an empty query, and treats markup as text', () => {
    expect(search.search('   ')).toEqual([]);
    expect(() => search.search('<script>alert(1)</script>')).not.toThrow();
  });
});
