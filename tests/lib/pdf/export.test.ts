import { describe, expect, it } from 'vitest';
import { parseBackup, toBackup } from '../../../lib/export/backup';
import { pageToMarkdown } from '../../../lib/export/markdown';
import { makeAnnotation } from '../export/fixtures';

const REPORT = {
  url: 'https://www.csis.org/files/energy-corridors.pdf',
  title: 'Energy corridors',
  site: 'csis.org',
};
const NOW = new Date('2026-12-04T12:00:00Z');

describe('notes made on a PDF', () => {
  it('export to Markdown with their page number and a link to that page', () => {
    const note = makeAnnotation({
      page: REPORT,
      note: 'Check against the 2023 figures.',
      pdf: { fingerprint: 'a1b2c3', page: 14 },
    });
    const md = pageToMarkdown(REPORT, [note], { now: NOW });
    expect(md).toContain(`[p. 14](<${REPORT.url}#page=14>)`);
    expect(md).not.toContain('Go to passage');
  });

  it('keep their fingerprint and page through a backup and back', () => {
    const note = makeAnnotation({ page: REPORT, pdf: { fingerprint: 'a1b2c3', page: 3 } });
    const parsed = parseBackup(JSON.parse(toBackup([note], [], { now: NOW })));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.annotations[0]?.pdf).toEqual({ fingerprint: 'a1b2c3', page: 3 });
  });

  it('refuse a backup whose PDF page is not a page number', () => {
    const note = makeAnnotation({ page: REPORT, pdf: { fingerprint: 'a1b2c3', page: 0 } });
    expect(parseBackup(JSON.parse(toBackup([note], [], { now: NOW }))).ok).toBe(false);
  });
});
