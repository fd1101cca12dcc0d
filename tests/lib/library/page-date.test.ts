/**
 * The date filter with a page whose published date is not ISO 8601 (Readability's
 * `publishedTime` is the page's meta tag as written).
 */
import { describe, expect, it } from 'vitest';
import { buildLibrary, filterPeople, pageDate } from '../../../lib/library/model';
import { libPage } from './fixtures';

describe('date filter', () => {
  it('finds a person on a page published "March 5, 2024" in March 2024', () => {
    const page = libPage([['Antony Blinken']], { published: 'March 5, 2024' });
    const lib = buildLibrary([page]);
    expect(pageDate(page)).toMatch(/^\d{4}-\d{2}-\d{2}$|^$/);
    expect(
      filterPeople(lib.people, { from: '2024-03-01', to: '2024-03-31' }).map((p) => p.name),
    ).toEqual(['Antony Blinken']);
  });
});
