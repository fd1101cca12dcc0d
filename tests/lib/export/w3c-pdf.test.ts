/** W3C export → import of notes made in Dossier's PDF viewer (their place: `dossier:pdf`). */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { parseImportFile } from '../../../lib/export/import-file';
import { exportW3C } from '../../../lib/export/w3c';
import { makeAnnotation, NOW, uuid } from './fixtures';

describe('W3C round trip of PDF notes', () => {
  it('keeps the PDF place of a note on a web PDF', () => {
    const note: Annotation = makeAnnotation({
      id: uuid(101),
      page: { url: 'https://example.org/report.pdf', title: 'Report', site: 'Example' },
      pdf: { fingerprint: 'abc123', page: 14 },
      note: 'p. 14 matters',
    });
    const result = parseImportFile(exportW3C([note], { now: NOW }));
    expect(result).toEqual({ ok: true, kind: 'w3c', annotations: [note] });
  });

  it('can re-import the W3C export of a note on a local PDF file', () => {
    const note: Annotation = makeAnnotation({
      id: uuid(102),
      page: { url: 'file:///home/reader/report.pdf', title: 'Report', site: '' },
      pdf: { fingerprint: 'def456', page: 3 },
    });
    const result = parseImportFile(exportW3C([note], { now: NOW }));
    expect(result).toEqual({ ok: true, kind: 'w3c', annotations: [note] });
  });
});
