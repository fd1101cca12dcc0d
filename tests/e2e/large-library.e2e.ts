/**
 * A large library (20,000 long notes, a backup past 64 MiB; DOSSIER_LARGE_COUNT=100000 for the
 * most one import allows) in real Chromium (issue 19): the
 * import of a backup larger than one message, "Back up" and "Export everything" all work
 * through the popup, although the data is far past Chrome's 64 MiB limit for one message. The
 * times are printed for the closing note; nothing here asserts a time.
 */
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../lib/annotation';
import { toBackup } from '../../lib/export/backup';
import { SAMPLE_URL, useDossier } from './harness';

const env = useDossier();
/** Notes in the library: 20,000 of 3,600 characters make a backup past 64 MiB. */
const COUNT = Number(process.env.DOSSIER_LARGE_COUNT ?? 20_000);

function note(i: number): Annotation {
  const t = new Date(Date.UTC(2025, 0, 1, 0, 0, i % 86_400)).toISOString();
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    page: {
      url: `https://www.example.org/library/page-${i % 2_000}`,
      title: `Page ${i % 2_000}`,
      site: 'Example',
    },
    quote: { type: 'TextQuoteSelector', exact: `passage number ${i}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: i, end: i + 10 },
    note: `Note ${i}: ${'a reader’s long thought about this passage. '.repeat(80)}`,
    tags: [`tag-${i % 50}`],
    colour: 'yellow',
    created: t,
    updated: t,
  };
}

describe('a library larger than one message', () => {
  it('imports a backup over 64 MiB, backs it up and exports everything from the popup', async () => {
    const backup = toBackup(
      Array.from({ length: COUNT }, (_, i) => note(i)),
      [],
      { now: new Date('2026-01-01T00:00:00.000Z') },
    );
    const file = path.join(tmpdir(), `dossier-100k-${process.pid}.json`);
    writeFileSync(file, backup);
    const fileMb = statSync(file).size / (1024 * 1024);
    expect(fileMb).toBeGreaterThan(64);

    const tab = await env.dossier.context.newPage();
    await tab.goto(SAMPLE_URL);
    const popup = await env.dossier.openPopup(tab);
    await popup.getByRole('button', { name: 'Back up' }).waitFor();

    let started = Date.now();
    await popup.locator('input[type=file]').setInputFiles(file);
    await popup
      .getByText(`Imported ${COUNT.toLocaleString('en-US')} notes.`)
      .waitFor({ timeout: 240_000 });
    const importSeconds = (Date.now() - started) / 1000;
    rmSync(file);

    started = Date.now();
    const [backupDownload] = await Promise.all([
      popup.waitForEvent('download', { timeout: 240_000 }),
      popup.getByRole('button', { name: 'Back up' }).click(),
    ]);
    const saved = readFileSync((await backupDownload.path()) as string, 'utf8');
    const backupSeconds = (Date.now() - started) / 1000;
    const restored = JSON.parse(saved) as { annotations: Annotation[] };
    expect(restored.annotations).toHaveLength(COUNT);
    expect(new Set(restored.annotations.map((a) => a.id)).size).toBe(COUNT);
    expect(restored.annotations.find((a) => a.id === note(4_321).id)).toEqual(note(4_321));

    started = Date.now();
    const [exportDownload] = await Promise.all([
      popup.waitForEvent('download', { timeout: 240_000 }),
      popup.getByRole('button', { name: 'Export everything' }).click(),
    ]);
    const exported = readFileSync((await exportDownload.path()) as string);
    const exportSeconds = (Date.now() - started) / 1000;
    const name = exportDownload.suggestedFilename();
    if (name.endsWith('.zip')) {
      expect(Object.keys(unzipSync(exported)).length).toBe(Math.min(COUNT, 2_000));
    } else {
      expect(exported.toString('utf8')).toContain(`passage number ${COUNT - 1}`);
    }
    console.log(
      JSON.stringify({
        notes: COUNT,
        fileMb: Math.round(fileMb),
        backupMb: Math.round(saved.length / (1024 * 1024)),
        importSeconds,
        backupSeconds,
        exportSeconds,
        exportName: name,
      }),
    );
    await popup.close();
    await tab.close();
  }, 600_000);
});
