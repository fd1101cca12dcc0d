/** Test data for the store tests: annotations that differ only where a test says so. */

import { openDB } from 'idb';
import { afterEach, vi } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import {
  DB_NAME,
  type DossierDB,
  noteDocId,
  type OpenOptions,
  openDossierDb,
} from '../../../lib/store';
import type { NoteBody } from '../../../lib/store/pouch';

let counter = 0;

/** A valid annotation on the sample article; override any field. */
export function makeAnnotation(overrides: Partial<Annotation> = {}): Annotation {
  counter += 1;
  return {
    id: `note-${counter}`,
    page: {
      url: 'https://www.caspianpolicy.org/research/energy/caspian-seed',
      title: 'Caspian SEED: an energy corridor',
      site: 'Caspian Policy Center',
      author: null,
      published: '2024-05-01',
    },
    quote: {
      type: 'TextQuoteSelector',
      exact: `quoted words ${counter}`,
      prefix: 'before ',
      suffix: ' after',
    },
    position: { type: 'TextPositionSelector', start: counter * 10, end: counter * 10 + 5 },
    note: `note ${counter}`,
    tags: [],
    colour: 'yellow',
    created: '2026-01-01T10:00:00.000Z',
    updated: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

/** The same page under another URL, for tests that need two pages. */
export const OTHER_PAGE = {
  url: 'https://www.example.org/analysis/south-caucasus',
  title: 'South Caucasus after the peace talks',
  site: 'Example Institute',
};

/** The n-th of many pages, for tests that spread notes over pages (each page is one record). */
export function pageNumber(n: number): Annotation['page'] {
  return { url: `https://www.example.org/analysis/page-${n}`, title: `Page ${n}`, site: 'Example' };
}

/**
 * How many calls of a spied `allDocs` read every note (no page range, no list of ids), when a
 * query should have read only a page's range.
 */
export function fullScans(spy: { mock: { calls: unknown[][] } }): number {
  return spy.mock.calls.filter(([options]) => {
    const o = (options ?? {}) as { keys?: unknown; startkey?: string };
    return o.keys === undefined && (o.startkey === undefined || o.startkey === 'note:');
  }).length;
}

/**
 * From the `n`-th note document written on, the browser refuses to write, as on a full disk:
 * it aborts the write's transaction (as Chromium does, with QuotaExceededError), and the
 * storage estimate says nothing is left. Only writes of PouchDB's `docs` store count. With
 * `once`, only that write is refused (some space came free, so a rollback can be written).
 */
export function fillTheDiskAt(n = 1, options: { once?: boolean } = {}): void {
  const realPut = IDBObjectStore.prototype.put;
  let calls = 0;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore['put']>
  ) {
    if (this.name === 'docs') calls += 1;
    if (this.name !== 'docs' || calls < n || (options.once && calls > n)) {
      return realPut.apply(this, args);
    }
    try {
      this.transaction.abort();
    } catch {
      // Already aborted by an earlier refused write.
    }
    return {} as IDBRequest<IDBValidKey>;
  });
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: { estimate: async () => ({ quota: 1_000_000, usage: 1_000_000 }) },
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'storage');
  });
}

/**
 * Opens the store for one test, and closes every connection it opened after the test, so that
 * the next test's fresh database is never blocked by this one.
 */
export function connections(): (options?: OpenOptions) => Promise<DossierDB> {
  const open: DossierDB[] = [];
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });
  return async (options) => {
    const db = await openDossierDb(options);
    open.push(db);
    return db;
  };
}

/**
 * What version 3 left (and v4 and v5 kept): notes by page in `pages`, in records of up to 25,
 * and the trash; built with raw idb calls, not our upgrade code.
 */
export async function createV3Fixture(
  notes: readonly Annotation[],
  trash: readonly unknown[] = [],
): Promise<void> {
  const v3 = await openDB(DB_NAME, 3, {
    upgrade(db) {
      const pages = db.createObjectStore('pages', { keyPath: ['url', 'part'] });
      pages.createIndex('by-note', 'ids', { multiEntry: true, unique: true });
      pages.createIndex('by-tag', 'tags', { multiEntry: true });
      db.createObjectStore('trash', { keyPath: 'annotation.id' }).createIndex(
        'by-deleted',
        'deletedAt',
      );
    },
  });
  const tx = v3.transaction(['pages', 'trash'], 'readwrite');
  const byPage = new Map<string, Annotation[]>();
  for (const n of notes) byPage.set(n.page.url, [...(byPage.get(n.page.url) ?? []), n]);
  for (const [url, group] of byPage) {
    for (let start = 0, part = 0; start < group.length; start += 25, part += 1) {
      const slice = group.slice(start, start + 25);
      await tx.objectStore('pages').put({
        url,
        part,
        notes: slice,
        ids: slice.map((n) => n.id),
        tags: [...new Set(slice.flatMap((n) => n.tags))],
      });
    }
  }
  for (const entry of trash) await tx.objectStore('trash').put(entry);
  await tx.done;
  v3.close();
}

/** Writes a second branch of a note's revision tree, as replication from a device does. */
export async function conflictingEdit(db: DossierDB, note: Annotation, body: NoteBody) {
  const docId = noteDocId(note.page.url, note.id);
  const stored = await db.notes.get(docId);
  const parent = stored._rev.split('-')[1];
  const rev = `2-${'f'.repeat(32)}`;
  await db.notes.bulkDocs(
    [
      {
        ...body,
        _id: docId,
        _rev: rev,
        _revisions: { start: 2, ids: ['f'.repeat(32), parent] },
      } as never,
    ],
    { new_edits: false },
  );
  return docId;
}
