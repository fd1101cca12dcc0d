/** Test data for the store tests: annotations that differ only where a test says so. */

import { afterEach } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { type DossierDB, type OpenOptions, openDossierDb } from '../../../lib/store';

let counter = 0;

/** A valid annotation on the sample article; override any field. */
export function makeAnnotation(overrides: Partial<Annotation> = {}): Annotation {
  counter += 1;
  return {
    id: `note-${counter}`,
    page: {
      url: 'https://www.caspianpolicy.org/research/energy/caspian-seed',
      title: 'Caspian SEED: an energy corridor',
      site: 'Caspian Policy Center',
      author: null,
      published: '2024-05-01',
    },
    quote: {
      type: 'TextQuoteSelector',
      exact: `quoted words ${counter}`,
      prefix: 'before ',
      suffix: ' after',
    },
    position: { type: 'TextPositionSelector', start: counter * 10, end: counter * 10 + 5 },
    note: `note ${counter}`,
    tags: [],
    colour: 'yellow',
    created: '2026-01-01T10:00:00.000Z',
    updated: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** The same page under another URL, for tests that need two pages. */
export const OTHER_PAGE = {
  url: 'https://www.example.org/analysis/south-caucasus',
  title: 'South Caucasus after the peace talks',
  site: 'Example Institute',
};

/** The n-th of many pages, for tests that spread notes over pages (each page is one record). */
export function pageNumber(n: number): Annotation['page'] {
  return { url: `https://www.example.org/analysis/page-${n}`, title: `Page ${n}`, site: 'Example' };
}

/** How many calls of a spied `getAll` read the whole store (no key range). */
export function fullScans(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter(([query]) => !(query instanceof IDBKeyRange)).length;
}

/**
 * Opens the store for one test, and closes every connection it opened after the test, so that
 * the next test's fresh database is never blocked by this one.
 */
export function connections(): (options?: OpenOptions) => Promise<DossierDB> {
  const open: DossierDB[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  return async (options) => {
    const db = await openDossierDb(options);
    open.push(db);
    return db;
  };
}
