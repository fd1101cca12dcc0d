/// <reference types="chrome" />
/**
 * The reader's notes in Firefox ESR: a note made with the selection toolbar (real mouse drag,
 * then the toolbar from the keyboard, so an open or closed shadow root makes no difference), a
 * second tab receiving it live, the note painted again after a reload, the popup listing it, a
 * Markdown export downloaded from the popup, and a W3C import (with a bad file changing nothing).
 */

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { Annotation } from '../../lib/annotation';
import { exportW3C } from '../../lib/export/w3c';
import { handOffFilesLeft } from '../../scripts/in-page';
import { downloaded, SAMPLE_HTML, useFirefoxDossier } from './harness';
import {
  clickText,
  highlightSelection,
  noteSelection,
  painted,
  selectPhrase,
  until,
} from './page-helpers';

const env = useFirefoxDossier();

/**
 * Serves the sample at a fresh address, with a canonical link of its own (the sample's points
 * every copy at one page identity), so that each test starts with no notes.
 */
function freshSample(name: string): string {
  env.server.set(
    `www.caspianpolicy.org/research/${name}`,
    SAMPLE_HTML.replace(
      /<link rel="canonical"[^>]*>/,
      `<link rel="canonical" href="/research/${name}">`,
    ),
  );
  return `http://www.caspianpolicy.org/research/${name}`;
}

/** Waits until `phrase` is among the page's painted notes. */
const notePainted = (page: Page, phrase: string, name = 'dossier-note') =>
  until(
    () => painted(page, name),
    (found) => found.includes(phrase),
    { what: `"${phrase}" painted as ${name}` },
  );

/** The popup's text, once `text` appears in it. */
async function popupShows(popup: Page, text: string): Promise<string> {
  await popup.waitForFunction((t) => document.body.textContent?.includes(t), {}, text);
  return (await popup.evaluate(() => document.body.textContent)) ?? '';
}

describe('Firefox: notes', () => {
  it('makes a note with the selection toolbar; a second tab gets it live; a reload keeps it', async () => {
    const url = freshSample('ff-note');
    const tabA = await env.dossier.open(url);
    const tabB = await env.dossier.open(url);
    await tabA.bringToFront();
    const textBefore = await tabA.evaluate(() => document.body.textContent);

    await selectPhrase(tabA, 'press conference');
    await noteSelection(tabA, 'Check the date <b>of</b> this');
    await notePainted(tabA, 'press conference');
    await notePainted(tabB, 'press conference');
    expect(await tabA.evaluate(() => document.body.textContent)).toBe(textBefore);

    await tabA.reload({ waitUntil: 'load' });
    await notePainted(tabA, 'press conference');

    // One click on Highlight (the toolbar's first button) in the second tab.
    await tabB.bringToFront();
    await selectPhrase(tabB, 'State Department');
    await highlightSelection(tabB);
    await notePainted(tabB, 'State Department');
    await notePainted(tabA, 'State Department');

    const popup = await env.dossier.openPopup(tabA);
    const shown = await popupShows(popup, 'Check the date <b>of</b> this');
    expect(shown).toContain('press conference');
    expect(shown).toContain('State Department');
    // The note is text, never markup.
    expect(await popup.$('main b')).toBeNull();
    for (const p of [popup, tabA, tabB]) await p.close();
  });

  it('downloads this page’s notes from the popup as Obsidian-ready Markdown', async () => {
    const url = freshSample('ff-export');
    const tab = await env.dossier.open(url);
    await selectPhrase(tab, 'press conference');
    await noteSelection(tab, 'Check **the** date');
    await notePainted(tab, 'press conference');
    const popup = await env.dossier.openPopup(tab);
    await popupShows(popup, 'Check **the** date');
    await clickText(popup, 'button', 'Export this page');
    const file = readFileSync(
      await downloaded(
        env.dossier.downloadDir,
        'Trans-Caspian Gas Talks Gain Momentum as Washington Steps Up Its Role.md',
      ),
      'utf8',
    );
    const front = parseYaml(file.split('---')[1] ?? '') as Record<string, unknown>;
    expect(front.title).toBe(
      'Trans-Caspian Gas Talks Gain Momentum as Washington Steps Up Its Role',
    );
    expect(front.url).toBe(url);
    expect(file).toContain('> press conference');
    expect(file).toContain('Check \\*\\*the\\*\\* date');
    expect(file).toMatch(/\^dossier-[0-9a-f]{8}/);
    expect(file).toContain('#:~:text=');
    expect(file).toContain('## Officials on this page');
    await popup.close();
    await tab.close();
  });

  it('imports a W3C file from the popup onto the page; a file with one bad entry changes nothing', async () => {
    const url = freshSample('ff-import');
    const tab = await env.dossier.open(url);
    const popup = await env.dossier.openPopup(tab);
    await popupShows(popup, 'Import…');
    const annotation = (id: string, exact: string, note: string): Annotation => ({
      id,
      page: { url, title: 'Sample', site: 'Caspian Policy Center' },
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: exact.length },
      note,
      tags: ['imported'],
      colour: 'green',
      created: '2026-03-01T10:00:00.000Z',
      updated: '2026-03-01T10:00:00.000Z',
    });
    const now = new Date('2026-03-02T00:00:00Z');
    // Every message the popup sends from here on, by type: the file must go by the hand-off
    // database, named in one `notes/import-file`, never copied in `notes/import-part`s.
    await popup.evaluate(() => {
      const g = globalThis as unknown as {
        browser?: typeof chrome;
        chrome: typeof chrome;
        __sent: string[];
      };
      const runtime = (g.browser ?? g.chrome).runtime;
      const send = runtime.sendMessage.bind(runtime) as (message: unknown) => Promise<unknown>;
      g.__sent = [];
      (runtime as unknown as { sendMessage: unknown }).sendMessage = (message: {
        type?: string;
      }) => {
        g.__sent.push(String(message?.type));
        return send(message);
      };
    });
    const upload = async (name: string, text: string) => {
      const file = path.join(env.dossier.downloadDir, name);
      writeFileSync(file, text);
      const input = (await popup.$('input[type=file]')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
    };

    await upload(
      'good.jsonld',
      exportW3C(
        [annotation('00000000-0000-4000-8000-00000000f001', 'press conference', 'From Hypothesis')],
        { now },
      ),
    );
    await popupShows(popup, 'Imported 1 note.');
    await notePainted(tab, 'press conference', 'dossier-note');
    // A larger file: the store learns which of its notes are stored from one read of the key
    // range (lib/store/pouch.ts, from 32 documents a write) in Firefox's IndexedDB too.
    await upload(
      'many.jsonld',
      exportW3C(
        Array.from({ length: 40 }, (_, i) => ({
          ...annotation(
            `00000000-0000-4000-8000-0000000f1${String(i).padStart(3, '0')}`,
            'press conference',
            `Imported ${i}`,
          ),
          page: { url: `${url}-more-${i % 4}`, title: 'More', site: 'Caspian Policy Center' },
        })),
        { now },
      ),
    );
    await popupShows(popup, 'Imported 40 notes.');

    const bad = JSON.parse(
      exportW3C(
        [
          annotation('00000000-0000-4000-8000-00000000f002', 'State Department', 'second'),
          annotation('00000000-0000-4000-8000-00000000f003', 'White House', 'third'),
        ],
        { now },
      ),
    );
    delete bad.first.items[1].target;
    await upload('bad.jsonld', JSON.stringify(bad));
    const alert = await popup.waitForFunction(
      () => document.querySelector('[role=alert]')?.textContent ?? '',
      { timeout: 15_000 },
    );
    expect(await alert.jsonValue()).toMatch(/^Nothing was imported\. .*Entry 2/);
    expect(await painted(tab, 'dossier-note')).toEqual(['press conference']);
    // In Firefox too the popup opened the hand-off database (lib/store/hand-off.ts: an
    // extension page and the background share it), and neither file is left there: a missing
    // store fails the count.
    const leftBehind = await popup.evaluate(handOffFilesLeft);
    expect(leftBehind).toBe(0);
    const sent = await popup.evaluate(() => (globalThis as unknown as { __sent: string[] }).__sent);
    expect(sent.filter((type) => type.startsWith('notes/import'))).toEqual([
      'notes/import-file',
      'notes/import-file',
      'notes/import-file',
    ]);
    await popup.close();
    await tab.close();
  });
});
