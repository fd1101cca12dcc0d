/**
 * The library's benchmark rows, in real Chromium with the production build: a generated
 * library of 1,000 pages, 3,000 people and 20,000 quotations is written into a fresh profile's
 * store, the people summary is built once (as after an upgrade that rebuilds it), then the
 * side panel is opened (first rows of the library), searched, and a person's view opened; and
 * recording one page's analysis is timed against a store message of the same size class
 * (`notes/list` of an empty page), so the ratio is what recording adds. Recording answers
 * before the page's people are resolved (that is batched, later): the batch is timed too, per
 * page (three batches of 40 pages, the median one), and so is resolving each page at once, as
 * recording did before, in the same run. Medians.
 *
 * The first rows are timed by the panel's own marks (entrypoints/sidepanel/main.tsx), from the
 * start of navigation: the page load up to the panel's script, and the panel's own work after
 * it, are separate rows; so is what the harness sees by polling, which includes playwright's
 * round trips, and the whole panel ready (its search box enabled).
 *
 * The "before" of the first rows, measured in the same run: what the panel did before the
 * summary, reading every page's record in the panel (timed in Chromium) and resolving every
 * person from them (`buildLibrary`, timed here in Node on the same records).
 */
import MiniSearch from 'minisearch';
import { quotesOf } from '../../lib/library/identity';
import { buildLibrary } from '../../lib/library/model';
import { QuoteIndex } from '../../lib/library/quote-index';
import type { LibraryPage } from '../../lib/library/records';
import { launchDossier, type PageServer } from '../browser';
import type { Scenario } from './env';
import type { BenchRow } from './stats';

const FIRST = [
  'Anna',
  'Boris',
  'Carlos',
  'Dana',
  'Elif',
  'Farid',
  'Greta',
  'Hakan',
  'Ilham',
  'Jana',
];
const LAST_SYLLABLES = ['ba', 'ko', 'ri', 'sta', 'men', 'lo', 'vic', 'dar', 'zu', 'pel', 'ten'];
const TITLES = [
  'Foreign Minister',
  'Ambassador',
  'Senator',
  'Deputy Secretary of State',
  'President',
];
const WORDS =
  'peace corridor energy pipeline border talks security treaty sanctions trade transit gas oil region ministers agreement reform election investment'.split(
    ' ',
  );

/** A deterministic generator (mulberry32), so every run benchmarks the same library. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `pages` pages naming `people` people, with `quotes` quotations over them. */
export function generateLibrary(pages = 1_000, people = 3_000, quotes = 20_000): LibraryPage[] {
  const rnd = random(13);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)] as T;
  const names = Array.from({ length: people }, (_, i) => {
    const last = `${pick(LAST_SYLLABLES)}${pick(LAST_SYLLABLES)}${pick(LAST_SYLLABLES)}`;
    return `${FIRST[i % FIRST.length]} ${last[0]?.toUpperCase()}${last.slice(1)}${i}`;
  });
  const out: LibraryPage[] = [];
  for (let p = 0; p < pages; p++) {
    const day = new Date(Date.UTC(2020, 0, 1) + p * 86_400_000).toISOString();
    const officials = Array.from({ length: 8 }, (_, k) => {
      const name = names[(p * 3 + k * 7) % people] as string;
      return { name, titles: [pick(TITLES)], mentions: 1 + Math.floor(rnd() * 5) };
    });
    const perPage = Math.floor(quotes / pages);
    const quoteList = Array.from({ length: perPage }, (_, k) => {
      const text = Array.from({ length: 14 }, () => pick(WORDS)).join(' ');
      const start = 200 + k * 300;
      return {
        text,
        speaker: officials[k % officials.length]?.name ?? null,
        quote: {
          type: 'TextQuoteSelector' as const,
          exact: text,
          prefix: 'the minister said “',
          suffix: '” on Monday in the capital',
        },
        position: { type: 'TextPositionSelector' as const, start, end: start + text.length },
      };
    });
    out.push({
      url: `https://www.example.org/analysis/${p}`,
      title: `Analysis ${p}: ${pick(WORDS)} and ${pick(WORDS)}`,
      site: `Site ${p % 12}`,
      author: null,
      published: day.slice(0, 10),
      firstRead: day,
      lastRead: day,
      analysis: { officials, quotes: quoteList },
    });
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const round = (x: number) => Number(x.toFixed(1));

/** The queries every search row times. */
const QUERIES = ['pipelin', 'Ilham', 'corridr', 'Senator', 'Site 7'];

/**
 * Searching the quotations alone, in Node on the same library: MiniSearch over every
 * quotation (how search version 2 held them, same matching options) against `QuoteIndex`.
 * Medians over the queries, each run `runs` times, both measured here and now.
 */
function quotationSearch(library: LibraryPage[], runs = 5): { before: number; after: number } {
  const mini = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    searchOptions: {
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  const index = new QuoteIndex();
  for (const page of library) {
    const quotes = quotesOf(page);
    mini.addAll(
      quotes.map((q, k) => ({ id: `${page.url}#${k}`, text: `${q.text} ${q.speaker ?? ''}` })),
    );
    index.addPage(page.url, quotes);
  }
  const before: number[] = [];
  const after: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const q of QUERIES) {
      let t = performance.now();
      mini.search(q).slice(0, 20);
      before.push(performance.now() - t);
      t = performance.now();
      index.search(q, 20);
      after.push(performance.now() - t);
    }
  }
  return { before: median(before), after: median(after) };
}

/** Runs the library scenario in a fresh browser profile and returns its rows. */
export async function libraryRows(server: PageServer, runs = 5): Promise<BenchRow[]> {
  const dossier = await launchDossier(server);
  try {
    const base = `chrome-extension://${dossier.extensionId}/sidepanel.html`;
    const seed = await dossier.context.newPage();
    await seed.goto(`${base}?view=library`);
    await seed.getByRole('tab', { name: 'Library' }).waitFor();
    const library = generateLibrary();
    // Written straight into the v4 store the panel has just opened (functions, not strings:
    // the extension's CSP forbids evaluating strings).
    await seed.evaluate(
      (records) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('dossier');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['library-pages', 'library-settings'], 'readwrite');
            // Written behind the background's back, as an upgraded v4 store would hold them:
            // no people summary yet.
            tx.objectStore('library-settings').delete('people-summary');
            for (const r of records) tx.objectStore('library-pages').put(r);
            tx.oncomplete = () => {
              db.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      library,
    );
    // As after an upgrade that rebuilds the summary (its version changed): none yet; the
    // background builds it once.
    const summarise = await seed.evaluate(async () => {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ type: 'library/summarise', payload: {} });
      return performance.now() - t0;
    });
    // Before the summary: every record read into the panel, then everyone resolved.
    const readAll: number[] = [];
    const resolveAll: number[] = [];
    for (let r = 0; r < 3; r++) {
      readAll.push(
        await seed.evaluate(
          () =>
            new Promise<number>((resolve, reject) => {
              const t0 = performance.now();
              const open = indexedDB.open('dossier');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const db = open.result;
                const get = db.transaction('library-pages').objectStore('library-pages').getAll();
                get.onsuccess = () => {
                  db.close();
                  resolve(performance.now() - t0);
                };
                get.onerror = () => reject(get.error);
              };
            }),
        ),
      );
      const t0 = performance.now();
      buildLibrary(structuredClone(library));
      resolveAll.push(performance.now() - t0);
    }
    await seed.close();

    const firstRows: number[] = [];
    const scriptStart: number[] = [];
    const seen: number[] = [];
    const ready: number[] = [];
    const search: number[] = [];
    const firstSearch: number[] = [];
    let buildSearchMs = 0;
    const person: number[] = [];
    for (let r = 0; r < runs; r++) {
      const panel = await dossier.context.newPage();
      await panel.goto(`${base}?view=library`);
      // Milliseconds from the start of navigation to the first person row on screen, as the
      // harness sees it: it starts polling only once playwright's navigation has returned, so
      // this includes playwright's own round trips.
      const shown = await panel.waitForFunction(
        () => (document.querySelector('ul.people li') ? performance.now() : 0),
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      seen.push((await shown.jsonValue()) as number);
      // The whole panel is there when the search box is enabled.
      const usable = await panel.waitForFunction(
        () =>
          document.querySelector('input[type=search].search:not([disabled])')
            ? performance.now()
            : 0,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      );
      ready.push((await usable.jsonValue()) as number);
      // The panel's own marks (entrypoints/sidepanel/main.tsx): when its script started, and
      // when the first rows were drawn, both from the start of navigation.
      const marks = await panel.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      );
      const start = marks['dossier-panel-start'];
      const rowsAt = marks['dossier-first-rows'];
      if (start === undefined || rowsAt === undefined) {
        throw new Error('The side panel did not mark its start and its first rows.');
      }
      scriptStart.push(start);
      firstRows.push(rowsAt);
      // A search: from the input event to the grouped results drawn (the first one also
      // builds the index).
      for (const [i, query] of QUERIES.entries()) {
        // No named functions inside: tsx would wrap them in a helper the page does not have.
        const ms = await panel.evaluate(async (q) => {
          const box = document.querySelector<HTMLInputElement>('input[type=search].search');
          if (!box) throw new Error('no search box');
          box.value = '';
          box.dispatchEvent(new Event('input', { bubbles: true }));
          while (document.querySelector('.results')) {
            await new Promise((r) => requestAnimationFrame(r));
          }
          const t0 = performance.now();
          box.value = q;
          box.dispatchEvent(new Event('input', { bubbles: true }));
          while (!document.querySelector('.results h2')) {
            await new Promise((r) => requestAnimationFrame(r));
          }
          return performance.now() - t0;
        }, query);
        // The very first search of the profile builds the page index and saves it; every
        // later panel loads the saved one.
        if (r === 0 && i === 0) buildSearchMs = ms;
        else (i === 0 ? firstSearch : search).push(ms);
      }
      await panel.evaluate(() => {
        const box = document.querySelector<HTMLInputElement>('input[type=search].search');
        if (box) {
          box.value = '';
          box.dispatchEvent(new Event('input', { bubbles: true }));
        }
      });
      await panel.locator('ul.people li button').first().waitFor();
      // A person's view: from the click to their heading with the quotations drawn.
      person.push(
        await panel.evaluate(async (n) => {
          const rows = document.querySelectorAll<HTMLButtonElement>('ul.people li button');
          const t0 = performance.now();
          rows[n % rows.length]?.click();
          while (!(document.querySelector('#person-name') && document.querySelector('#quotes-h'))) {
            await new Promise((r) => requestAnimationFrame(r));
          }
          return performance.now() - t0;
        }, r),
      );
      await panel.close();
    }

    // Recording: the round trip of library/record against notes/list, from an extension page
    // that does not itself reload on every change (an open library panel would, and its
    // reading would be timed as the background's). Recording answers once the page is stored;
    // its people are resolved later in a batch (lib/library/service.ts), timed here by asking
    // for it at once (library/settle) after the pages: per page settled. And, in the same run,
    // the way it was before: each page resolved as soon as it is recorded (record, then settle).
    const page = await dossier.context.newPage();
    await page.goto(`chrome-extension://${dossier.extensionId}/popup.html`);
    // New pages naming people already in the library, each naming others (as reading more
    // about the same officials does): `batches` sets of n recorded and resolved later (one
    // settle each, timed: the median batch is the row, as one settle alone is one sample of a
    // noisy machine), then n more recorded and resolved at once.
    const n = 40;
    const batches = 3;
    const readings = Array.from({ length: (batches + 1) * n }, (_, i) => {
      const known = library[(i * 37) % library.length] as LibraryPage;
      const { title, site, published, analysis } = known;
      return { page: { title, site, published }, analysis };
    });
    const timings = await page.evaluate(
      async ({ readings, n, batches }) => {
        const record: number[] = [];
        const floor: number[] = [];
        const batch: { ms: number; settled: number }[] = [];
        const atOnce: number[] = [];
        const atOnceFloor: number[] = [];
        // (No function of its own in here: tsx would wrap it in a helper the page lacks.)
        const settle = { type: 'library/settle', payload: {} };
        // Whatever an earlier step left to settle is settled first.
        await chrome.runtime.sendMessage(settle);
        for (let b = 0; b < batches; b++) {
          for (let i = b * n; i < (b + 1) * n; i++) {
            const url = `https://www.example.org/recorded/${i}`;
            let t = performance.now();
            await chrome.runtime.sendMessage({ type: 'notes/list', payload: { url } });
            floor.push(performance.now() - t);
            t = performance.now();
            await chrome.runtime.sendMessage({
              type: 'library/record',
              payload: { ...readings[i], page: { ...readings[i]?.page, url } },
            });
            record.push(performance.now() - t);
          }
          const t = performance.now();
          const reply = (await chrome.runtime.sendMessage(settle)) as {
            value?: { settled: number };
          };
          batch.push({ ms: performance.now() - t, settled: reply.value?.settled ?? 0 });
        }
        for (let i = 0; i < n; i++) {
          const url = `https://www.example.org/recorded-at-once/${i}`;
          const reading = readings[batches * n + i];
          let t = performance.now();
          await chrome.runtime.sendMessage({ type: 'notes/list', payload: { url } });
          atOnceFloor.push(performance.now() - t);
          t = performance.now();
          await chrome.runtime.sendMessage({
            type: 'library/record',
            payload: { ...reading, page: { ...reading?.page, url } },
          });
          await chrome.runtime.sendMessage(settle);
          atOnce.push(performance.now() - t);
        }
        return { record, floor, batch, atOnce, atOnceFloor };
      },
      { readings, n, batches },
    );
    const quotations = quotationSearch(library);
    const recordMs = median(timings.record);
    const floorMs = median(timings.floor);
    const atOnceMs = median(timings.atOnce);
    const before = median(readAll) + median(resolveAll);
    const rows = median(firstRows);
    return [
      {
        name: 'library: first rows after opening the panel (1,000 pages, 3,000 people, 20,000 quotations; from the start of navigation to the rows drawn; baseline: reading every page and resolving everyone, as before the summary)',
        unit: 'ms',
        median: round(rows),
        baseline: round(before),
        ratio: Number((rows / before).toFixed(3)),
      },
      {
        name: "library: page load to the panel's script (navigation start to its entry running)",
        unit: 'ms',
        median: round(median(scriptStart)),
      },
      {
        name: "library: first rows after the panel's script starts",
        unit: 'ms',
        median: round(median(firstRows.map((at, i) => at - (scriptStart[i] as number)))),
      },
      {
        name: 'library: first row seen by the harness (playwright polling each frame after its navigation returned)',
        unit: 'ms',
        median: round(median(seen)),
      },
      {
        name: 'library: whole panel ready (search box enabled), from navigation start, seen by the harness',
        unit: 'ms',
        median: round(median(ready)),
      },
      {
        name: 'library: build the people summary from every page (once, as after an upgrade that rebuilds it)',
        unit: 'ms',
        median: round(summarise),
      },
      {
        name: 'library: first search of a new profile (indexes every page and saves the index)',
        unit: 'ms',
        median: round(buildSearchMs),
      },
      {
        name: 'library: first search of a panel (loads the saved index)',
        unit: 'ms',
        median: round(median(firstSearch)),
      },
      { name: 'library: search', unit: 'ms', median: round(median(search)) },
      {
        name: 'library: the quotations alone, searched in Node (QuoteIndex; baseline: MiniSearch over every quotation, as search version 2)',
        unit: 'ms',
        median: round(quotations.after),
        baseline: round(quotations.before),
        ratio: Number((quotations.after / quotations.before).toFixed(3)),
      },
      { name: 'library: person view', unit: 'ms', median: round(median(person)) },
      {
        name: 'library: record a page (message round trip, vs notes/list)',
        unit: 'ms',
        median: round(recordMs),
        baseline: round(floorMs),
        ratio: Number((recordMs / floorMs).toFixed(2)),
      },
      {
        name: 'library: recording adds to the background per page',
        unit: 'ms',
        median: round(Math.max(0, recordMs - floorMs)),
      },
      {
        name: `library: resolving recorded pages into people later, batched, per page (a library/settle after ${n} pages; median of ${timings.batch.length} batches: ${timings.batch.map((b) => `${round(b.ms)} ms for ${b.settled}`).join(', ')})`,
        unit: 'ms',
        median: round(
          median(timings.batch.filter((b) => b.settled > 0).map((b) => b.ms / b.settled)),
        ),
      },
      {
        name: 'library: recording and resolving each page at once, as before (library/record then library/settle, less two notes/list round trips), adds per page',
        unit: 'ms',
        median: round(Math.max(0, atOnceMs - 2 * median(timings.atOnceFloor))),
      },
    ];
  } finally {
    await dossier.close();
  }
}

/** The library scenario (`npm run bench -- library`): its own fresh browser, after the rest. */
export const library: Scenario = {
  name: 'library',
  run: (env) => libraryRows(env.server),
};
