/**
 * The reader's notes at scale, in the browser: importing a W3C file of 10,000 notes from the
 * popup (against bare IndexedDB puts and the PouchDB adapter's floor, measured in a fresh profile
 * of their own in the same run), opening the popup with those 10,000 notes stored (against the
 * same popup with only its page's notes stored, in a browser of its own beside it), and editing
 * a note on a page with 1,000 notes (against a note alone on its page).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Annotation } from '../../lib/annotation';
import { exportW3C } from '../../lib/export/w3c';
import { launchDossier } from '../browser';
import type { Scenario } from './env';
import { generatedNotes } from './fixtures';
import { adapterFloor, bareFloor, importThroughPopup } from './import-file';
import { longPage } from './long-page';
import { openPopupTimed } from './popup-open';
import { type BenchRow, median, progress, round, versus } from './stats';

export const notesAtScale: Scenario = {
  name: 'notes',
  async run({ server, dossier }) {
    const rows: BenchRow[] = [];
    progress('import of 10,000 notes');
    // Importing a W3C file of 10,000 notes over 500 pages as the reader does (import-file.ts):
    // from choosing the file in the popup's Import… to the popup saying the notes are imported
    // (the file handed to the background, read, checked, written all or nothing, acknowledged
    // once durable). Each run starts from an empty store (a fresh browser profile; the last
    // run is the browser the popup rows use, so it also seeds them). Baselines, in a browser of
    // their own just before (a fresh profile, as the import's is): the same records put into a
    // bare object store (the browser's floor), and the notes as PouchDB's IndexedDB adapter lays
    // them out, with the one unique index the notes database keeps (lib/store/ranges.ts): the
    // floor of any import into that layout.
    server.set('www.csis.org/bench/popup', longPage(3_000));
    const seedNotes = generatedNotes(10_000, 500, {
      firstUrl: 'http://www.csis.org/bench/popup',
      onFirstPage: 20,
    });
    const seedFile = path.join(mkdtempSync(path.join(tmpdir(), 'dossier-import-')), 'notes.jsonld');
    writeFileSync(seedFile, exportW3C(seedNotes, { now: new Date('2026-03-01T00:00:00Z') }));
    const importMs: number[] = [];
    const floorMs: number[] = [];
    const adapterMs: number[] = [];
    for (let r = 0; r < 3; r++) {
      // The floors leave 20,000 records deleted behind them, which the browser's IndexedDB
      // compacts afterwards: in the import's profile, that cost the import about a quarter of a
      // second (three alternating pairs, medians 3,144 and 3,387 ms), which no reader's import
      // shares.
      const floors = await launchDossier(server);
      const popupPage = await floors.context.newPage();
      await popupPage.goto(`chrome-extension://${floors.extensionId}/popup.html`);
      floorMs.push(await bareFloor(popupPage, seedNotes));
      adapterMs.push(await adapterFloor(popupPage, seedNotes));
      await floors.close();
      const browser = r < 2 ? await launchDossier(server) : dossier;
      const tab = await browser.context.newPage();
      await tab.goto('http://www.csis.org/bench/popup');
      // The popup describes this tab, so Dossier reads it first; the import starts once that is
      // done (its highlights painted, and a second for what follows), as the floors above ran
      // with nothing else going on. Started at once, it shared the two cores with the page's
      // reading, about 0.3 s of its time.
      await tab.waitForFunction(() => (CSS.highlights.get('dossier-official')?.size ?? 0) > 0);
      await tab.waitForTimeout(1_000);
      importMs.push(await importThroughPopup(browser, await browser.tabIdOf(tab), seedFile));
      await tab.close();
      if (browser !== dossier) await browser.close();
    }
    rows.push(
      versus(
        'W3C import of 10,000 notes, file chosen in the popup to "Imported" shown (baseline: bare IndexedDB puts)',
        importMs,
        floorMs,
      ),
    );
    rows.push(
      versus(
        "the same 10,000 notes put as PouchDB's IndexedDB adapter stores them, with the notes database's one unique index (baseline: bare IndexedDB puts)",
        adapterMs,
        floorMs,
      ),
    );

    progress('popup with 10,000 notes');
    // Opening the popup with the 10,000 notes just imported (20 of them on the page it describes).
    // The reader opens it with Dossier's button or its shortcut, which lets the popup see the
    // tab's address (activeTab): the button is clicked once on that tab, as the reader would.
    // A second tab on the same page, never clicked, times the popup when it may not see the
    // address and must learn the page's identity from the page first.
    const article = await dossier.context.newPage();
    await article.goto('http://www.csis.org/bench/popup');
    const articleTab = await dossier.tabIdOf(article);
    await dossier.clickAction(article);
    const unclicked = await dossier.context.newPage();
    await unclicked.goto('http://www.csis.org/bench/popup');
    const unclickedTab = await dossier.tabIdOf(unclicked);
    // Two clocks: from navigation start (includes the browser creating the page, which Dossier
    // does not control) and from the moment the popup's document exists (Dossier's own work:
    // loading its code, asking the tab and the background, rendering). The service worker is
    // awake (it has just stored the notes), as when the reader has been using Dossier.
    // Baseline, in a browser of its own open beside it: the same popup, on a tab of the same page
    // clicked the same way, with only that page's 20 notes stored (imported from a file of
    // those 20). Each round opens the three popups one after another, so that they share the
    // machine's load; what the row adds to its baseline is what the 10,000 notes cost.
    const few = await launchDossier(server);
    const fewFile = path.join(path.dirname(seedFile), 'page-notes.jsonld');
    writeFileSync(
      fewFile,
      exportW3C(seedNotes.slice(0, 20), { now: new Date('2026-03-01T00:00:00Z') }),
    );
    const fewArticle = await few.context.newPage();
    await fewArticle.goto('http://www.csis.org/bench/popup');
    await fewArticle.waitForFunction(() => (CSS.highlights.get('dossier-official')?.size ?? 0) > 0);
    const fewTab = await few.tabIdOf(fewArticle);
    await importThroughPopup(few, fewTab, fewFile);
    await few.clickAction(fewArticle);
    const fromNavigation: number[] = [];
    const fromDocument: number[] = [];
    const beforeDocument: number[] = [];
    const withoutAddress: number[] = [];
    const pageNotesOnly: number[] = [];
    for (let r = 0; r < 9; r++) {
      const clicked = await openPopupTimed(dossier, articleTab);
      fromNavigation.push(clicked.fromNavigation);
      fromDocument.push(clicked.fromDocument);
      beforeDocument.push(clicked.beforeDocument);
      withoutAddress.push((await openPopupTimed(dossier, unclickedTab)).fromNavigation);
      pageNotesOnly.push((await openPopupTimed(few, fewTab)).fromNavigation);
    }
    await few.close();
    rows.push(
      versus(
        "popup, navigation start to first note shown, 10,000 notes stored (baseline: only the page's 20 notes stored)",
        fromNavigation,
        pageNotesOnly,
      ),
    );
    rows.push({
      name: 'popup, document start to first note shown, 10,000 notes stored',
      unit: 'ms',
      median: round(median(fromDocument), 1),
    });
    // The part before any of Dossier's code or files is used: the browser making the page's
    // frame in the extension's process and committing the navigation (and Playwright's own
    // set-up of each new document, which a reader's popup does not have).
    rows.push({
      name: "popup, navigation start to its document's start (the browser's part, before Dossier's files)",
      unit: 'ms',
      median: round(median(beforeDocument), 1),
    });
    rows.push({
      name: "popup, navigation start to first note shown, the tab's address not visible to it",
      unit: 'ms',
      median: round(median(withoutAddress), 1),
    });
    await unclicked.close();
    await article.close();

    progress('editing on a crowded page');
    // Editing a note writes its own document (one per note, lib/store/pouch.ts), however many
    // notes its page has: a note edited on a page with 1,000 notes, as the popup or a tab asks
    // the background, against the same edit of a note alone on its page.
    const crowdedUrl = 'https://www.csis.org/analysis/crowded';
    const crowded = generatedNotes(1_000, 2, { firstUrl: crowdedUrl, onFirstPage: 1_000 }).map(
      (note) => ({ ...note, id: note.id.replace(/^0{8}/, 'c0000000') }),
    );
    const alone = generatedNotes(15, 16).map((note, i) => ({
      ...note,
      id: note.id.replace(/^0{8}/, 'a0000000'),
      page: { ...note.page, url: `https://www.csis.org/analysis/alone-${i}` },
    }));
    const saver = await dossier.context.newPage();
    await saver.goto(`chrome-extension://${dossier.extensionId}/popup.html`);
    const seeded = await saver.evaluate(
      (text) => chrome.runtime.sendMessage({ type: 'notes/import-file', payload: { text } }),
      exportW3C([...crowded, ...alone], { now: new Date('2026-03-01T00:00:00Z') }),
    );
    if (!seeded?.ok || !seeded.value?.ok)
      throw new Error(`Seeding failed: ${JSON.stringify(seeded)}`);
    const editMs = (id: string, text: string) =>
      saver.evaluate(
        async ([id, text]) => {
          const t0 = performance.now();
          const reply = await chrome.runtime.sendMessage({
            type: 'notes/update',
            payload: { id, patch: { note: text } },
          });
          if (!reply?.ok) throw new Error(JSON.stringify(reply));
          return performance.now() - t0;
        },
        [id, text] as const,
      );
    const onCrowded: number[] = [];
    const onItsOwn: number[] = [];
    for (let r = 0; r < 15; r++) {
      onItsOwn.push(await editMs((alone[r] as Annotation).id, `edited ${r}`));
      onCrowded.push(await editMs((crowded[r * 61] as Annotation).id, `edited ${r}`));
    }
    rows.push(
      versus(
        'note edited on a page with 1,000 notes, request to stored (baseline: a note alone on its page)',
        onCrowded,
        onItsOwn,
      ),
    );
    await saver.close();
    return rows;
  },
};
