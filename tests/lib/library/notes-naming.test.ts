/**
 * "Notes naming <person>" must be notes that name them, not notes containing their
 * surname inside another word.
 */
import { describe, expect, it } from 'vitest';
import { buildLibrary, personView } from '../../../lib/library/model';
import { makeAnnotation } from '../store/fixtures';
import { libPage } from './fixtures';

describe('notes naming a person', () => {
  it('does not list a note about oil prices under Condoleezza Rice', () => {
    const lib = buildLibrary([libPage([['Condoleezza Rice', ['Secretary of State']]])]);
    const rice = lib.people[0];
    const note = makeAnnotation({
      page: {
        url: 'https://other.example/oil',
        title: 'Oil',
        site: 'Other',
        author: null,
        published: null,
      },
      note: 'Oil prices rose 4% after the OPEC meeting.',
    });
    const view = personView(lib, rice?.id as string, [note]);
    expect(view?.notesNaming.map((n) => n.id)).toEqual([]);
  });
});
