/** Hand-written annotations for the export tests (no corpus pages are copied). */
import type { Annotation, PageRef } from '../../../lib/annotation';

export const CASPIAN: PageRef = {
  url: 'https://www.caspianpolicy.org/research/energy/caspian-seed-fund',
  title: 'Caspian: Seed Fund "Round 2" — What #Next?',
  site: 'Caspian Policy Center',
  author: 'Jane Doe',
  published: '2024-03-01',
};

let counter = 0;

/** A valid annotation; `over` replaces any field. Ids are deterministic per call order. */
export function makeAnnotation(over: Partial<Annotation> = {}): Annotation {
  counter += 1;
  const n = counter.toString(16).padStart(12, '0');
  return {
    id: `0c0ffee${(counter % 10).toString()}-1234-4abc-8def-${n}`,
    page: CASPIAN,
    quote: {
      type: 'TextQuoteSelector',
      exact: 'the fund will support early-stage companies',
      prefix: 'ing to the announcement, ',
      suffix: ' across the South Caucasus and Ce',
    },
    position: { type: 'TextPositionSelector', start: 100, end: 143 },
    note: '',
    tags: [],
    colour: 'yellow',
    created: '2024-03-02T10:00:00.000Z',
    updated: '2024-03-02T10:00:00.000Z',
    ...over,
  };
}

/** A fixed id: `uuid(1)` → `00000001-0000-4000-8000-000000000001`. */
export function uuid(n: number): string {
  const hex = n.toString(16);
  return `${hex.padStart(8, '0')}-0000-4000-8000-${hex.padStart(12, '0')}`;
}

export const NOW = new Date('2026-11-28T12:00:00.000Z');
