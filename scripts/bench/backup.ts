/**
 * A library of 100,000 notes backed up and exported from the popup, in real Chromium (issue
 * 19, item 2: whole-library actions must page, since one message carries at most 64 MiB in
 * Chrome). The notes go in through the popup's Import (the file in parts, as a reader's file
 * goes); then `Back up` and `Export everything` are clicked, and each row is the time from the
 * click to the downloaded file on disk. Every backup file is read back and must hold all
 * 100,000 notes, each once, or the scenario fails. The baseline, in the same profile just
 * before: the browser's own floor for the same work, the same number of records of the same
 * size read back from a bare IndexedDB object store (`getAll`) and turned into one JSON text.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import type { Annotation } from '../../lib/annotation';
import { toBackup } from '../../lib/export/backup';
import { launchDossier, SAMPLE_HTML } from '../browser';
import type { Scenario } from './env';
import { generatedNotes } from './fixtures';
import { type BenchRow, progress, round, versus } from './stats';

/** Notes in the library: the most one import allows, as the issue asks. */
const COUNT = Number(process.env.DOSSIER_BACKUP_COUNT ?? 100_000);
/** Runs of each timed action (each one writes the whole library to a file). */
const RUNS = 3;
/** How long one whole-library action may take on a loaded machine before the run gives up. */
const ACTION_TIMEOUT = 600_000;

/** Clicks `button` in the popup and resolves with the saved download and the time it took. */
async function timedDownload(popup: Page, button: string): Promise<[Download, number]> {
  const started = performance.now();
  const [download] = await Promise.all([
    popup.waitForEvent('download', { timeout: ACTION_TIMEOUT }),
    popup.getByRole('button', { name: button }).click(),
  ]);
  await download.path();
  return [download, performance.now() - started];
}

/** The floor: `count` records like `template` into a bare store, then getAll and one JSON text. */
function floorIn(popup: Page, template: Annotation, count: number): Promise<number> {
  // Functions, not strings: the popup's CSP forbids evaluating strings.
  return popup.evaluate(
    ([note, n]) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('bench-backup-floor', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('notes', { keyPath: 'id' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const put = db.transaction('notes', 'readwrite');
          for (let i = 0; i < n; i++) {
            put.objectStore('notes').put({ ...note, id: `floor-${i}`, note: `${note.note} ${i}` });
          }
          put.onerror = () => reject(put.error);
          put.oncomplete = () => {
            const t0 = performance.now();
            const get = db.transaction('notes').objectStore('notes').getAll();
            get.onerror = () => reject(get.error);
            get.onsuccess = () => {
              const text = JSON.stringify({ annotations: get.result });
              const ms = performance.now() - t0;
              db.close();
              indexedDB.deleteDatabase('bench-backup-floor');
              resolve(text.length > 0 ? ms : -1);
            };
          };
        };
      }),
    [template, count] as const,
  );
}

export const backup: Scenario = {
  name: 'backup',
  async run({ server }) {
    const notes = generatedNotes(COUNT, 2_000);
    const ids = new Set(notes.map((n) => n.id));
    const file = path.join(tmpdir(), `dossier-bench-backup-${process.pid}.json`);
    writeFileSync(file, toBackup(notes, [], { now: new Date('2026-03-01T00:00:00Z') }));

    // A browser of its own: the library must hold exactly these notes, whatever ran before.
    server.set('www.csis.org/bench/backup', SAMPLE_HTML);
    const dossier = await launchDossier(server);
    const rows: BenchRow[] = [];
    try {
      const tab = await dossier.context.newPage();
      await tab.goto('http://www.csis.org/bench/backup');
      const popup = await dossier.openPopup(tab);
      await popup.getByRole('button', { name: 'Back up' }).waitFor();

      progress(`import of ${COUNT.toLocaleString('en-US')} notes`);
      const importStarted = performance.now();
      await popup.locator('input[type=file]').setInputFiles(file);
      await popup
        .getByText(`Imported ${COUNT.toLocaleString('en-US')} notes.`)
        .waitFor({ timeout: ACTION_TIMEOUT });
      const importMs = performance.now() - importStarted;
      rmSync(file);

      const floorMs: number[] = [];
      const backupMs: number[] = [];
      const exportMs: number[] = [];
      let backupMb = 0;
      let exportName = '';
      for (let r = 0; r < RUNS; r++) {
        progress(`backup and export of ${COUNT.toLocaleString('en-US')} notes, run ${r + 1}`);
        floorMs.push(await floorIn(popup, notes[0] as Annotation, COUNT));
        const [saved, ms] = await timedDownload(popup, 'Back up');
        backupMs.push(ms);
        // The file must be complete: every note, each once, none made up.
        const text = readFileSync((await saved.path()) as string, 'utf8');
        backupMb = text.length / (1024 * 1024);
        const restored = (JSON.parse(text) as { annotations: Annotation[] }).annotations;
        const seen = new Set(restored.map((a) => a.id));
        if (
          restored.length !== COUNT ||
          seen.size !== COUNT ||
          [...ids].some((id) => !seen.has(id))
        )
          throw new Error(
            `The backup holds ${restored.length} notes (${seen.size} different) of ${COUNT}.`,
          );
        const [exported, exportTime] = await timedDownload(popup, 'Export everything');
        exportMs.push(exportTime);
        exportName = exported.suggestedFilename();
      }
      const label = COUNT.toLocaleString('en-US');
      rows.push(
        {
          name: `import of a ${label}-note backup from the popup (${round(backupMb, 1)} MB)`,
          unit: 'ms',
          median: round(importMs, 0),
        },
        versus(
          `Back up ${label} notes, click to complete file (baseline: getAll + JSON of as many records)`,
          backupMs,
          floorMs,
        ),
        versus(
          `Export everything, ${label} notes, click to ${path.extname(exportName)} file (same baseline)`,
          exportMs,
          floorMs,
        ),
        { name: `notes in each ${label}-note backup file`, unit: 'notes', median: COUNT },
      );
      await popup.close();
      await tab.close();
    } finally {
      await dossier.close();
      rmSync(file, { force: true });
    }
    return rows;
  },
};
