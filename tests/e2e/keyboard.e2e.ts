/**
 * Dossier from the keyboard alone, in real Chromium: every action below is a key press
 * (`page.keyboard`), and what the reader would see or hear is what is checked. On the page:
 * Alt+Shift+↓/↑ walk the officials' mentions with their card, Escape closes it; the note
 * editor opened by Alt+Shift+N takes the note and saves with Ctrl+Enter. In the popup: Tab
 * reaches every note, Enter edits, the edit autosaves, Escape ends it, Delete and Undo, with
 * focus following.
 *
 * Three things are done for the reader, because a headless browser has no toolbar and does
 * not turn key presses into extension commands: the text selection (a keyboard reader makes it
 * with caret browsing), the commands Alt+Shift+H / Alt+Shift+N (delivered to the tab exactly
 * as the background delivers them on the browser's `commands.onCommand`), and opening the popup
 * (its shortcut, `_execute_action`, is checked in the built manifest instead).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR, SAMPLE_HTML, useDossier } from './harness';
import {
  dossierControl,
  findDossierControls,
  painted,
  pressToSave,
  selectPhrase,
} from './page-helpers';

const PAGE_URL = 'http://www.caspianpolicy.org/research/keyboard';
const env = useDossier({
  'www.caspianpolicy.org/research/keyboard': SAMPLE_HTML.replace(/<link rel="canonical"[^>]*>/, ''),
});

/** What has the keyboard focus, through shadow roots: its name and the note row it is in. */
function focused(page: Page): Promise<{ name: string; row: string; tag: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
      row: el?.closest('[data-note-id]')?.textContent ?? '',
      tag: el?.localName ?? '',
    };
  });
}

/** Presses Tab until the focused control matches; fails after `limit` presses. */
async function tabTo(
  page: Page,
  name: string,
  inRow = '',
  { limit = 80, back = false } = {},
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.name === name && f.row.includes(inRow)) return;
  }
  throw new Error(`Tab never reached "${name}"${inRow ? ` in the note on "${inRow}"` : ''}`);
}

/** What the background sends the tab when the browser reports Alt+Shift+H or Alt+Shift+N. */
async function command(page: Page, action: 'highlight' | 'note'): Promise<void> {
  const tabId = await env.dossier.tabIdOf(page);
  await env.dossier.worker.evaluate(
    ([id, act]) =>
      chrome.tabs.sendMessage(
        id as number,
        { type: 'selection/act', payload: { action: act } },
        { frameId: 0 },
      ),
    [tabId, action] as const,
  );
}

const selectionText = (page: Page) => page.evaluate(() => getSelection()?.toString() ?? '');

describe('from the keyboard alone', () => {
  it('has a shortcut that opens the popup', () => {
    const manifest = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.commands._execute_action.suggested_key.default).toMatch(/^Alt\+Shift\+\w$/);
  });

  it('walks the mentions with Alt+Shift+↓/↑, with their card, and Escape closes it', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(PAGE_URL);
    await expect
      .poll(async () => (await painted(page, 'dossier-official')).length, { timeout: 15_000 })
      .toBeGreaterThan(1);
    const inOrder = await page.evaluate(() =>
      [...(CSS.highlights.get('dossier-official') as Iterable<Range>)]
        .sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b))
        .map((r) => r.toString()),
    );

    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect.poll(() => selectionText(page)).toBe(inOrder[0]);
    await dossierControl(page, 'dialog', /^Official: /);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect.poll(() => selectionText(page)).not.toBe(inOrder[0]);
    const second = await selectionText(page);
    expect(inOrder.some((name) => second.includes(name))).toBe(true);
    await page.keyboard.press('Alt+Shift+ArrowUp');
    await expect.poll(() => selectionText(page)).toBe(inOrder[0]);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await findDossierControls(page, 'dialog', /.*/)).length).toBe(0);
    await page.close();
  });

  it('highlights the selection (Alt+Shift+H), and notes it (Alt+Shift+N) with keys only', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(PAGE_URL);
    await selectPhrase(page, 'State Department', { release: false });
    await command(page, 'highlight');
    await expect.poll(() => painted(page, 'dossier-note')).toContain('State Department');

    await selectPhrase(page, 'press conference', { release: false });
    await command(page, 'note');
    // Focus is in Dossier's note editor: inside its host, whose shadow root is closed to the
    // page (and to this test); the typed text reaching the saved note shows it was the editor.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.hasAttribute('data-dossier-ui')))
      .toBe(true);
    await page.keyboard.type('Typed without a mouse');
    await pressToSave(page);
    await expect.poll(() => painted(page, 'dossier-note')).toContain('press conference');
    await page.close();
  });

  it('in the popup, reaches each note, edits, deletes and undoes, focus following', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(PAGE_URL);
    await expect.poll(() => painted(page, 'dossier-note'), { timeout: 15_000 }).toHaveLength(2);
    const popup = await env.dossier.openPopup(page);
    await popup.getByText('Typed without a mouse').waitFor();

    // Each note is reached with Tab.
    await tabTo(popup, 'Edit', 'State Department');
    await tabTo(popup, 'Edit', 'press conference');

    // Edit: Enter opens the editor in the note's text; typing saves by itself; Escape ends it.
    await popup.keyboard.press('Enter');
    await expect.poll(() => focused(popup).then((f) => f.tag)).toBe('textarea');
    await popup.keyboard.press('End');
    await popup.keyboard.type(', and checked');
    await popup.getByText('Saved').waitFor({ timeout: 10_000 });
    await popup.keyboard.press('Escape');
    await expect.poll(() => focused(popup)).toMatchObject({ name: 'Edit' });
    await popup.getByText('Typed without a mouse, and checked').waitFor();

    // Delete: focus moves to Undo, and Enter brings the note back.
    await tabTo(popup, 'Delete', 'State Department', { back: true });
    await popup.keyboard.press('Enter');
    await expect.poll(() => painted(page, 'dossier-note')).toEqual(['press conference']);
    await expect.poll(() => focused(popup).then((f) => f.name)).toBe('Undo');
    await popup.keyboard.press('Enter');
    await expect.poll(() => painted(page, 'dossier-note')).toHaveLength(2);
    await expect.poll(() => focused(popup)).toMatchObject({ name: 'Edit' });
    expect((await focused(popup)).row).toContain('State Department');
    await popup.close();
    await page.close();
  });
});
