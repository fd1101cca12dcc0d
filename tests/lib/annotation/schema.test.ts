/**
 * The one annotation schema (issue 11): a note a tab may save is a note a backup may restore,
 * with the same limits and the same page rule, because both are checked by lib/annotation/schema.
 */
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { annotationSchema, newAnnotationSchema } from '../../../lib/annotation/schema';
import { parseBackup, toBackup } from '../../../lib/export/backup';
import { parseMessage } from '../../../lib/protocol';

const note = (overrides: Partial<Annotation> = {}): Annotation => ({
  id: '3f2b8c1e-9d4a-4b7e-8f00-5a6b7c8d9e0f',
  page: { url: 'https://www.example.org/report', title: 'A report', site: 'example.org' },
  quote: { type: 'TextQuoteSelector', exact: 'the passage', prefix: 'before ', suffix: ' after' },
  position: { type: 'TextPositionSelector', start: 7, end: 18 },
  note: 'My thought',
  tags: ['energy'],
  colour: 'green',
  created: '2026-03-01T10:00:00.000Z',
  updated: '2026-03-01T10:00:00.000Z',
  ...overrides,
});

/** What a tab sends for `a`. */
const sent = (a: Annotation) => {
  const { created: _c, updated: _u, ...rest } = a;
  return { type: 'notes/create', payload: { annotation: rest } };
};

const restored = (a: Annotation) =>
  parseBackup(JSON.parse(toBackup([a], [], { now: new Date('2026-03-02T00:00:00Z') })));

describe('one annotation schema for messages and files', () => {
  it('restores from a backup a PDF note on a local file, as a tab may save it', () => {
    const pdfNote = note({
      page: { url: 'file:///home/reader/report.pdf', title: 'Report', site: '' },
      pdf: { fingerprint: 'abc123', page: 14 },
    });
    expect(parseMessage(sent(pdfNote), ['notes/create']).ok).toBe(true);
    const result = restored(pdfNote);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.annotations[0]?.pdf).toEqual({ fingerprint: 'abc123', page: 14 });
  });

  it('refuses a file: or javascript: web page in both, at page.url', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)']) {
      const bad = note({ page: { url, title: 'x', site: 'x' } });
      const message = parseMessage(sent(bad), ['notes/create']);
      expect(message).toMatchObject({ ok: false, error: expect.stringContaining('page.url') });
      const result = restored(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors[0]?.message).toContain('page.url must be a web address');
      }
    }
  });

  it('accepts the same quote context in both: another tool’s 200 characters of prefix', () => {
    const long = note({
      quote: { type: 'TextQuoteSelector', exact: 'x', prefix: 'p'.repeat(200), suffix: '' },
    });
    expect(parseMessage(sent(long), ['notes/create']).ok).toBe(true);
    expect(restored(long).ok).toBe(true);
  });

  it('derives the new-note shape: no times, an optional id', () => {
    const { created: _c, updated: _u, id: _i, ...bare } = note();
    expect(v.safeParse(newAnnotationSchema, bare).success).toBe(true);
    expect(v.safeParse(newAnnotationSchema, { ...bare, created: note().created }).success).toBe(
      false,
    );
    expect(v.safeParse(annotationSchema, bare).success).toBe(false);
  });

  it('refuses a blank tag everywhere', () => {
    const blank = note({ tags: ['  '] });
    expect(parseMessage(sent(blank), ['notes/create']).ok).toBe(false);
    expect(restored(blank).ok).toBe(false);
  });
});
