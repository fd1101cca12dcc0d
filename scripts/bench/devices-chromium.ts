/**
 * Device to device through the browser (issue 14): the production build in two Chromium
 * profiles, each with its notes in Chromium's IndexedDB, syncing through the CouchDB-protocol
 * test server on 127.0.0.1 (reached as `sync.csis.org`, a listed site, so host access is
 * granted). The `devices` scenario measures the same in Node with an in-memory adapter; these
 * rows include everything the extension adds: its service worker, its store, its change feed.
 *
 * Rows: one note from A's request to B's store (median of 11; baseline: an HTTP round trip from
 * this process to the same server), and the first replication of 10,000 notes into an empty
 * profile (from "Save and sync" to the reply that it is up to date, which comes after the first
 * cycle; each run a fresh profile, its notes counted afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Annotation } from '../../lib/annotation';
import { exportW3C } from '../../lib/export/w3c';
import { type DossierBrowser, launchDossier } from '../browser';
import { startCouchServer, TEST_ADMIN } from '../couch/server';
import { applyCouchSetup } from '../couch/setup';
import type { Scenario } from './env';
import { generatedNotes } from './fixtures';
import { median, progress, round, versus } from './stats';

const SYNC_HOST = 'sync.csis.org';
const PAGE = 'https://www.example.org/bench/devices';

type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** A profile and an extension page to send its messages from. */
interface Device {
  dossier: DossierBrowser;
  page: Page;
  send<T>(type: string, payload: unknown): Promise<Reply<T>>;
}

/** Sends the messages of a large import, in parts as the popup does. */
async function importText(device: Device, text: string): Promise<void> {
  const reply = (await device.page.evaluate(async (file) => {
    const size = 4 * 1024 * 1024;
    const upload = crypto.randomUUID();
    let parts = 0;
    for (let start = 0; start < file.length; start += size, parts += 1) {
      await chrome.runtime.sendMessage({
        type: 'notes/import-part',
        payload: { upload, index: parts, text: file.slice(start, start + size) },
      });
    }
    return chrome.runtime.sendMessage({ type: 'notes/import-file', payload: { upload, parts } });
  }, text)) as Reply<{ ok: boolean; message: string }>;
  if (!reply.ok || !reply.value.ok) throw new Error(`Import failed: ${JSON.stringify(reply)}`);
}

/** How many notes a profile holds (read a page of the backup at a time). */
async function countNotes(device: Device): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  for (;;) {
    const reply: Reply<{ annotations: unknown[]; next: string | null }> = await device.send(
      'notes/all',
      cursor === null ? {} : { cursor },
    );
    if (!reply.ok) throw new Error(reply.error);
    count += reply.value.annotations.length;
    if (reply.value.next === null) return count;
    cursor = reply.value.next;
  }
}

export const devicesChromium: Scenario = {
  name: 'devices-chromium',
  async run({ server: pages }) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-bench-couch-'));
    const couch = await startCouchServer(dir);
    const devices: Device[] = [];
    const launch = async (): Promise<Device> => {
      const port = new URL(couch.url).port;
      const dossier = await launchDossier(pages, {
        hostRules: [`MAP ${SYNC_HOST} 127.0.0.1:${port}`],
      });
      const page = await dossier.context.newPage();
      await page.goto(`chrome-extension://${dossier.extensionId}/popup.html`);
      const device: Device = {
        dossier,
        page,
        send: (type, payload) =>
          page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [
            type,
            payload,
          ] as const) as never,
      };
      devices.push(device);
      return device;
    };
    try {
      const user = `bench${Date.now().toString(36)}`;
      await applyCouchSetup(couch.url, TEST_ADMIN, {
        readers: [{ name: user, password: 'bench' }],
        teams: [],
      });
      const signIn = async (device: Device) => {
        const reply = await device.send<{ state: { kind: string } }>('sync/configure', {
          server: `http://${SYNC_HOST}`,
          user,
          password: 'bench',
          teams: [],
        });
        if (!reply.ok || reply.value.state.kind !== 'up-to-date') {
          throw new Error(`Sync did not start: ${JSON.stringify(reply)}`);
        }
      };
      const a = await launch();
      const b = await launch();
      await signIn(a);
      await signIn(b);

      progress('device to device through Chromium, one note');
      const auth = `Basic ${Buffer.from(`${user}:bench`).toString('base64')}`;
      const oneNote: number[] = [];
      const roundTrip: number[] = [];
      for (let i = 0; i < 11; i++) {
        const t0 = performance.now();
        await fetch(couch.url, { headers: { authorization: auth } }).then((r) => r.json());
        roundTrip.push(performance.now() - t0);

        const exact = `Bench words ${i}`;
        const start = performance.now();
        const made = await a.send<Annotation>('notes/create', {
          annotation: {
            page: { url: PAGE, title: 'Bench', site: 'Example' },
            quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: exact.length },
            note: `note ${i}`,
            tags: [],
            colour: 'yellow',
          },
        });
        if (!made.ok) throw new Error(made.error);
        // B is asked in its own page, polling its store as fast as messages go.
        await b.page.evaluate(
          async ([url, id]) => {
            const until = Date.now() + 60_000;
            while (Date.now() < until) {
              const reply = await chrome.runtime.sendMessage({
                type: 'notes/list',
                payload: { url },
              });
              if (reply?.ok && reply.value.some((n: { id: string }) => n.id === id)) return;
              await new Promise((r) => setTimeout(r, 2));
            }
            throw new Error('The note did not arrive in a minute.');
          },
          [PAGE, made.value.id] as const,
        );
        oneNote.push(performance.now() - start);
      }

      progress('first replication of 10,000 notes into an empty profile, through Chromium');
      // A imports 10,000 notes and pushes them; each run then signs in a fresh, empty profile.
      const seed = generatedNotes(10_000, 500).map((note) => ({
        ...note,
        id: note.id.replace(/^0{8}/, 'd0000000'),
      }));
      await importText(a, exportW3C(seed, { now: new Date('2026-03-01T00:00:00Z') }));
      const pushed = await a.send<{ state: { kind: string } }>('sync/now', {});
      if (!pushed.ok || pushed.value.state.kind !== 'up-to-date') {
        throw new Error(`A did not push its notes: ${JSON.stringify(pushed)}`);
      }
      const expected = await countNotes(a);
      const firstTimes: number[] = [];
      for (let run = 0; run < 3; run++) {
        const fresh = await launch();
        const start = performance.now();
        await signIn(fresh);
        firstTimes.push(performance.now() - start);
        const got = await countNotes(fresh);
        if (got !== expected) throw new Error(`The new profile has ${got} of ${expected} notes.`);
        await fresh.dossier.close();
        devices.splice(devices.indexOf(fresh), 1);
      }
      return [
        versus(
          'sync through Chromium: device to device, one note (loopback; baseline HTTP round trip)',
          oneNote,
          roundTrip,
        ),
        {
          name: 'sync through Chromium: first replication of 10,000 notes into an empty profile',
          unit: 's',
          median: round(median(firstTimes) / 1000, 2),
        },
      ];
    } finally {
      for (const device of devices) await device.dossier.close().catch(() => undefined);
      await couch.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
