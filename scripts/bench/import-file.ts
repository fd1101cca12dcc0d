/**
 * The pieces of the import row (scripts/bench/notes-at-scale.ts): an import timed as the reader
 * makes it, from choosing the file in the popup's Import… to the popup saying it is imported,
 * and the two floors measured just before it, in a fresh profile of their own (see
 * notes-at-scale.ts): the notes put bare into an object store, and the notes as PouchDB's
 * IndexedDB adapter stores them (its document layout, its `docs` store with the unique `seq`
 * index, the one index the notes database keeps (lib/store/ranges.ts), one read of the chunk's
 * stored ids first as Dossier makes the adapter read them (lib/store/pouch.ts
 * `batchExistingReads`), as many per strict transaction as the store puts in one), which no
 * change of Dossier's own code can go under.
 *
 * PouchDB's other browser adapter, pouchdb-adapter-idb (a `document-store` of revision trees
 * plus a `by-sequence` store of bodies), was measured against this one in the same profile
 * (10,000 notes, 2,000 per `bulkDocs`, issue 14) and was slower, and so was its
 * layout's floor: two puts per note and a unique index on the bodies' store, against one put.
 */
import type { Page } from 'playwright-core';
import type { Annotation } from '../../lib/annotation';
import { WRITE_CHUNK } from '../../lib/store/writes';
import type { DossierBrowser } from '../browser';

/** Milliseconds to put `notes` into a bare object store (no index), in one transaction. */
export function bareFloor(page: Page, notes: Annotation[]): Promise<number> {
  // Functions, not strings: the popup's CSP forbids evaluating strings.
  return page.evaluate(
    (records) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('bench-floor', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('notes', { keyPath: 'id' });
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const t0 = performance.now();
          const tx = open.result.transaction('notes', 'readwrite');
          for (const record of records) tx.objectStore('notes').put(record);
          tx.onerror = () => reject(tx.error);
          tx.oncomplete = () => {
            open.result.close();
            indexedDB.deleteDatabase('bench-floor');
            resolve(performance.now() - t0);
          };
        };
      }),
    notes,
  );
}

/**
 * Milliseconds to store `notes` as pouchdb-adapter-indexeddb does, without PouchDB: each note's
 * document (`{ id, rev, rev_tree, revs: { rev: { data } }, data, seq, deleted, attachments }`,
 * the body shared by `revs` and `data` as the adapter shares it) put into a `docs` store with
 * the adapter's unique `seq` index (the notes database has no other: lib/store/ranges.ts),
 * after one read of the stored ids in the chunk's range (`batchExistingReads`; the store is
 * empty, so no document is read), as many documents per strict transaction as the store writes
 * in one (`WRITE_CHUNK`; these notes are far under its limit of text), and the adapter's
 * metadata record in each.
 */
export function adapterFloor(page: Page, notes: Annotation[]): Promise<number> {
  return page.evaluate(
    ({ records, perTransaction }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('bench-adapter-floor', 1);
        open.onupgradeneeded = () => {
          const docs = open.result.createObjectStore('docs', { keyPath: 'id' });
          docs.createIndex('seq', 'seq', { unique: true });
          open.result.createObjectStore('meta', { keyPath: 'id' });
        };
        open.onerror = () => reject(open.error);
        open.onsuccess = async () => {
          const db = open.result;
          const t0 = performance.now();
          let seq = 0;
          for (let start = 0; start < records.length; start += perTransaction) {
            const chunk = records.slice(start, start + perTransaction);
            await new Promise<void>((done, fail) => {
              const tx = db.transaction(['docs', 'meta'], 'readwrite', { durability: 'strict' });
              const docs = tx.objectStore('docs');
              const ids = chunk.map(
                (note) => `note:${encodeURIComponent(note.page.url)}:${note.id}`,
              );
              const sorted = [...ids].sort();
              const range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
              docs.getAllKeys(range, ids.length * 4).onsuccess = () => {
                chunk.forEach((note, i) => {
                  const hash = crypto.randomUUID().replace(/-/g, '');
                  const rev = `1-${hash}`;
                  const data = { type: 'note', note };
                  docs.put({
                    id: ids[i],
                    rev,
                    rev_tree: [{ pos: 1, ids: [hash, { status: 'available' }, []] }],
                    revs: { [rev]: { data, deleted: 0 } },
                    data,
                    seq: ++seq,
                    deleted: 0,
                    attachments: {},
                  });
                });
                tx.objectStore('meta').put({ id: 'meta', seq });
              };
              tx.oncomplete = () => done();
              tx.onerror = () => fail(tx.error);
            });
          }
          const ms = performance.now() - t0;
          db.close();
          indexedDB.deleteDatabase('bench-adapter-floor');
          resolve(ms);
        };
      }),
    { records: notes, perTransaction: WRITE_CHUNK },
  );
}

/**
 * Imports the file at `path` as the reader does: the popup (open on `tabId`) is given the file
 * through its Import… chooser, and the time runs from the chooser's `change` event to the
 * popup saying "Imported …" (the background's acknowledgement of a durable, all-or-nothing
 * import). The popup is watched from a frame callback installed before its code runs, so the
 * harness injects nothing while the import is timed. Rejects when the popup says anything else.
 */
export async function importThroughPopup(
  browser: DossierBrowser,
  tabId: number,
  path: string,
): Promise<number> {
  const popup = await browser.context.newPage();
  await popup.addInitScript(`
    document.addEventListener('change', () => { globalThis.__chosen = performance.now(); }, true);
    const look = () => {
      const said = document.querySelector('[role=status], [role=alert]')?.textContent ?? '';
      if (globalThis.__chosen !== undefined && said && said !== 'Working…') {
        globalThis.__said = performance.now();
        console.debug('dossier-bench: import said ' + said);
      } else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  `);
  const said = popup.waitForEvent('console', {
    predicate: (message) => message.text().startsWith('dossier-bench: import said'),
    timeout: 300_000,
  });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('input[type=file]').setInputFiles(path);
  const message = (await said).text();
  if (!message.includes('Imported')) throw new Error(`The import failed: ${message}`);
  const ms = await popup.evaluate(() => {
    const g = globalThis as unknown as { __chosen: number; __said: number };
    return g.__said - g.__chosen;
  });
  await popup.close();
  return ms;
}
