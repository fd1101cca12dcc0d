/**
 * The v3 → v6 migration (notes into PouchDB) in real Chromium with the production build. A
 * profile holds a v3 database as a reader who installed that release has it (notes in page
 * records of 25, the trash in a store of its own), written there by a stand-in for the old
 * release's worker; today's Dossier then replaces it as an update does (new files in the
 * extension's folder, the extension reloaded), and every note and trash entry must be there,
 * once.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation, TrashedAnnotation } from '../../lib/annotation';
import { EXTENSION_DIR, launchDossier, type PageServer, startPageServer } from './harness';

let server: PageServer;
const made: string[] = [];

beforeAll(async () => {
  server = await startPageServer();
});

afterAll(async () => {
  await server?.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function note(i: number, url: string, extra: Partial<Annotation> = {}): Annotation {
  const t = new Date(Date.UTC(2025, 5, 1, 0, 0, i)).toISOString();
  return {
    id: crypto.randomUUID(),
    page: { url, title: `Report ${url.slice(-1)}`, site: 'CSIS' },
    quote: { type: 'TextQuoteSelector', exact: `passage ${i}`, prefix: 'a ', suffix: ' b' },
    position: { type: 'TextPositionSelector', start: i * 10, end: i * 10 + 9 },
    note: `thought ${i} — “quoted”, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢`,
    tags: i % 2 ? ['energy', 'Caspian'] : [],
    colour: 'green',
    created: t,
    updated: t,
    ...extra,
  };
}

/**
 * The old release's worker, as far as this test needs it: it lays out the v3 database (the
 * schema of tests/lib/store/fixtures.ts `createV3Fixture`) and stores `pages` and `trash`.
 */
function v3Worker(pages: unknown[], trash: unknown[]): string {
  return `globalThis.v3Ready = new Promise((resolve, reject) => {
  const open = indexedDB.open('dossier', 3);
  open.onupgradeneeded = () => {
    const db = open.result;
    const pages = db.createObjectStore('pages', { keyPath: ['url', 'part'] });
    pages.createIndex('by-note', 'ids', { multiEntry: true, unique: true });
    pages.createIndex('by-tag', 'tags', { multiEntry: true });
    db.createObjectStore('trash', { keyPath: 'annotation.id' }).createIndex('by-deleted', 'deletedAt');
  };
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const tx = db.transaction(['pages', 'trash'], 'readwrite');
    for (const record of ${JSON.stringify(pages)}) tx.objectStore('pages').put(record);
    for (const entry of ${JSON.stringify(trash)}) tx.objectStore('trash').put(entry);
    tx.oncomplete = () => { db.close(); resolve(true); };
    tx.onerror = () => reject(tx.error);
  };
});
`;
}

/** v3's page records: a page's notes, 25 to a record. */
function v3Pages(notes: readonly Annotation[]) {
  const byPage = new Map<string, Annotation[]>();
  for (const n of notes) byPage.set(n.page.url, [...(byPage.get(n.page.url) ?? []), n]);
  return [...byPage].flatMap(([url, group]) =>
    Array.from({ length: Math.ceil(group.length / 25) }, (_, part) => {
      const slice = group.slice(part * 25, part * 25 + 25);
      return {
        url,
        part,
        notes: slice,
        ids: slice.map((n) => n.id),
        tags: [...new Set(slice.flatMap((n) => n.tags))],
      };
    }),
  );
}

/** Every note and trash entry, as the popup's "Back up" reads them (page by page). */
async function everything(
  page: Page,
): Promise<{ notes: Annotation[]; trash: TrashedAnnotation[] }> {
  const out = { notes: [] as Annotation[], trash: [] as TrashedAnnotation[] };
  let cursor: string | null = null;
  do {
    const reply = (await page.evaluate(
      (c) =>
        chrome.runtime.sendMessage({ type: 'notes/all', payload: c === null ? {} : { cursor: c } }),
      cursor,
    )) as {
      ok: boolean;
      error?: string;
      value?: { annotations: Annotation[]; trash: TrashedAnnotation[]; next: string | null };
    };
    if (!reply.ok || !reply.value) throw new Error(reply.error ?? 'no answer');
    out.notes.push(...reply.value.annotations);
    out.trash.push(...reply.value.trash);
    cursor = reply.value.next;
  } while (cursor !== null);
  return out;
}

describe('upgrading from the release that kept notes in IndexedDB (schema v3)', () => {
  it('keeps every note and trash entry, once', async () => {
    const A = 'https://www.csis.org/analysis/a';
    const notes = [
      ...Array.from({ length: 55 }, (_, i) => note(i, A)),
      note(55, 'https://www.csis.org/analysis/b'),
      note(56, 'https://www.csis.org/analysis/c', { tags: [], note: '' }),
    ];
    const deleted = note(57, 'https://www.csis.org/analysis/b', { note: 'deleted' });
    // Deleted lately: the trash purge at the worker's start keeps them (30 days by default).
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const trash = [
      { annotation: deleted, deletedAt: hoursAgo(2) },
      // v3 kept the trash apart, so an id could be live and in the trash at once.
      { annotation: { ...notes[0]!, note: 'older text' }, deletedAt: hoursAgo(3) },
    ];

    // One folder for both releases (an unpacked extension's id comes from its folder), so the
    // same origin and the same databases; the old release first, with a lower version.
    const extension = mkdtempSync(path.join(tmpdir(), 'dossier-extension-'));
    const profile = mkdtempSync(path.join(tmpdir(), 'dossier-profile-'));
    made.push(extension, profile);
    cpSync(EXTENSION_DIR, extension, { recursive: true });
    const manifestPath = path.join(extension, 'manifest.json');
    const manifest = readFileSync(manifestPath, 'utf8');
    const old = JSON.parse(manifest) as {
      version: string;
      background: { service_worker: string };
      content_scripts?: unknown;
    };
    // The old worker under a name of its own: the browser keeps a worker's script between
    // starts, and a new script address makes it take today's.
    old.version = '0.0.3';
    old.background = { service_worker: 'old-background.js' };
    delete old.content_scripts;
    writeFileSync(manifestPath, JSON.stringify(old));
    writeFileSync(path.join(extension, 'old-background.js'), v3Worker(v3Pages(notes), trash));
    const first = await launchDossier(server, { profileDir: profile, extensionDir: extension });
    try {
      expect(await first.worker.evaluate(() => (globalThis as { v3Ready?: unknown }).v3Ready)).toBe(
        true,
      );
    } finally {
      await first.close();
    }

    // Today's release, installed over it (its manifest back in the extension's folder).
    writeFileSync(manifestPath, manifest);
    const dossier = await launchDossier(server, { profileDir: profile, extensionDir: extension });
    try {
      expect(await dossier.worker.evaluate(() => 'v3Ready' in globalThis)).toBe(false);

      const page = await dossier.context.newPage();
      await page.goto(`chrome-extension://${dossier.extensionId}/popup.html`);
      const after = await everything(page);
      const byId = (a: Annotation, b: Annotation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      expect([...after.notes].sort(byId)).toEqual([...notes].sort(byId));
      expect(after.trash).toHaveLength(2);
      expect(after.trash).toContainEqual(trash[0]);
      const older = after.trash.find((t) => t.annotation.note === 'older text');
      expect(older).toMatchObject({
        annotation: { page: notes[0]!.page, quote: notes[0]!.quote },
        deletedAt: trash[1]!.deletedAt,
      });
      // Put aside under an id of its own: the live note keeps its id.
      expect(older?.annotation.id).not.toBe(notes[0]!.id);
      // The old stores are gone: the database is today's.
      const stores = await dossier.worker.evaluate(
        () =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open('dossier');
            open.onsuccess = () => {
              resolve([...open.result.objectStoreNames]);
              open.result.close();
            };
            open.onerror = () => reject(open.error);
          }),
      );
      expect(stores).not.toContain('pages');
      expect(stores).not.toContain('trash');
    } finally {
      await dossier.close();
    }
  });
});
