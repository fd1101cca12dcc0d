/** Export and import of 10,000 notes over 500 pages: the pure functions, in Node. */
import { parseImportFile } from '../../lib/export/import-file';
import { toMarkdown } from '../../lib/export/markdown';
import { exportW3C } from '../../lib/export/w3c';
import type { Scenario } from './env';
import { generatedNotes } from './fixtures';
import { median, progress, round } from './stats';

export const transfer: Scenario = {
  name: 'transfer',
  async run() {
    progress('export and import');

    const notes = generatedNotes(10_000, 500);
    const now = new Date('2026-03-01T00:00:00Z');
    const md: number[] = [];
    const w3cIn: number[] = [];
    const w3c = exportW3C(notes, { now });
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      toMarkdown(notes, { now, scope: 'all', layout: 'per-page' });
      md.push(performance.now() - t0);
      const t1 = performance.now();
      const parsed = parseImportFile(w3c);
      w3cIn.push(performance.now() - t1);
      if (!parsed.ok) throw new Error('the generated W3C file did not parse');
    }
    return [
      {
        name: 'Markdown export, 10,000 notes over 500 pages',
        unit: 'ms',
        median: round(median(md), 1),
      },
      {
        name: 'W3C import (parse and check), 10,000 notes',
        unit: 'ms',
        median: round(median(w3cIn), 1),
      },
    ];
  },
};
