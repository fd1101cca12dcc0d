/** Generated notes for the benchmark: many pages, many notes, deterministic. */
import type { Annotation } from '../../lib/annotation';
import { COLOURS } from '../../lib/annotation';

/** `count` notes spread over `pages` pages; the first `onFirstPage` belong to `firstUrl`. */
export function generatedNotes(
  count: number,
  pages: number,
  { firstUrl = 'https://www.csis.org/analysis/page-0', onFirstPage = 0 } = {},
): Annotation[] {
  const out: Annotation[] = [];
  for (let i = 0; i < count; i++) {
    const p = i < onFirstPage ? 0 : 1 + (i % (pages - 1));
    const url = p === 0 ? firstUrl : `https://www.csis.org/analysis/page-${p}`;
    const hex = i.toString(16).padStart(12, '0');
    const time = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    out.push({
      id: `00000000-0000-4000-8000-${hex}`,
      page: { url, title: `Policy page ${p}: energy, water & security`, site: 'CSIS' },
      quote: {
        type: 'TextQuoteSelector',
        exact: `Clause ${String(i).padStart(5, '0')} sets out how the parties share the water`,
        prefix: 'in dry years. ',
        suffix: ' of the upper basin',
      },
      position: { type: 'TextPositionSelector', start: i * 90, end: i * 90 + 60 },
      note: i % 3 === 0 ? `Note ${i}: check *this* against the 2019 text > earlier draft` : '',
      tags: i % 2 === 0 ? ['water', `topic ${i % 7}`] : ['energy'],
      colour: COLOURS[i % COLOURS.length] as Annotation['colour'],
      created: time,
      updated: time,
    });
  }
  return out;
}
