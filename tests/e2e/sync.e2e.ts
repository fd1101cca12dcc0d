/**
 * Sync between two browser profiles (issue 14), in real Chromium with the production build and
 * the CouchDB-protocol test server on 127.0.0.1 (a process of its own, so it can be killed).
 * The server is reached as `http://sync.csis.org`, a host the resolver maps to it and inside
 * Dossier's listed sites, so that its host access is already granted and the browser does not
 * stop to ask (the sync settings still ask; the browser answers at once).
 *
 * What the reader would notice: the settings say a wrong password is refused; a note made in A
 * appears in B; both edit offline and converge; the server killed and restarted loses nothing;
 * the service worker stopped mid-sync catches up, no note lost or doubled; a teammate's note
 * cannot be changed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../lib/annotation';
import { applyCouchSetup, teamDatabase } from '../../scripts/couch/setup';
import { freshName, startTestCouch, type TestCouch } from '../helpers/couch';
import { type DossierBrowser, launchDossier, type PageServer, startPageServer } from './harness';

const SYNC_HOST = 'sync.csis.org';
const SERVER = `http://${SYNC_HOST}`;
const PAGE = 'https://www.example.org/paper';
const alice = freshName('alice');
const bob = freshName('bob');
const team = freshName('team');

type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

let couch: TestCouch;
let pages: PageServer;
let a: Device;
let b: Device;

/** One browser profile: its browser and an extension page to send messages from. */
interface Device {
  dossier: DossierBrowser;
  panel: Page;
  send<T>(type: string, payload: unknown): Promise<Reply<T>>;
}

async function launch(): Promise<Device> {
  const port = new URL(couch.url).port;
  const dossier = await launchDossier(pages, { hostRules: [`MAP ${SYNC_HOST} 127.0.0.1:${port}`] });
  const panel = await dossier.context.newPage();
  await panel.goto(`chrome-extension://${dossier.extensionId}/sidepanel.html`);
  return {
    dossier,
    panel,
    send: (type, payload) =>
      panel.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [
        type,
        payload,
      ] as const) as never,
  };
}

/** Fills in the sync settings as the reader would, and saves them. */
async function signIn(
  device: Device,
  user: string,
  password: string,
  teams: { database: string; tag: string | null }[] = [],
) {
  const { panel } = device;
  const summary = panel.getByText('Sync settings');
  if (!(await panel.getByRole('region', { name: 'Sync' }).isVisible())) await summary.click();
  const region = panel.getByRole('region', { name: 'Sync' });
  await region.getByRole('textbox', { name: 'Server' }).fill(SERVER);
  await region.getByRole('textbox', { name: 'User name' }).fill(user);
  await region.getByLabel('Password').fill(password);
  while ((await region.getByRole('button', { name: /^Remove team/ }).count()) > 0) {
    await region
      .getByRole('button', { name: /^Remove team/ })
      .first()
      .click();
  }
  for (const [i, t] of teams.entries()) {
    await region.getByRole('button', { name: 'Add a team' }).click();
    await region.getByRole('textbox', { name: 'Team database' }).nth(i).fill(t.database);
    if (t.tag === null) await region.getByRole('checkbox', { name: 'All my notes' }).nth(i).check();
    else await region.getByRole('textbox', { name: 'Notes tagged' }).nth(i).fill(t.tag);
  }
  await region.getByRole('button', { name: 'Save and sync' }).click();
}

/** The sync state line of a device's settings. */
const stateOf = (device: Device) =>
  device.panel.getByRole('region', { name: 'Sync' }).getByRole('status');

const newNote = (exact: string, tags: string[] = []) => ({
  page: { url: PAGE, title: 'Paper', site: 'Example' },
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: exact.length },
  note: `note on ${exact}`,
  tags,
  colour: 'yellow',
});

async function notesOf(device: Device): Promise<Annotation[]> {
  const reply = await device.send<Annotation[]>('notes/list', { url: PAGE });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

async function create(device: Device, exact: string, tags: string[] = []): Promise<Annotation> {
  const reply = await device.send<Annotation>('notes/create', { annotation: newNote(exact, tags) });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

beforeAll(async () => {
  couch = await startTestCouch();
  await applyCouchSetup(couch.url, couch.admin, {
    readers: [
      { name: alice, password: 'alice-pw' },
      { name: bob, password: 'bob-pw' },
    ],
    teams: [{ name: team, members: [alice, bob] }],
  });
  pages = await startPageServer();
  a = await launch();
  b = await launch();
}, 120_000);

afterAll(async () => {
  await a?.dossier.close();
  await b?.dossier.close();
  await pages?.close();
  await couch?.close();
});

describe('sync between two profiles', () => {
  it('says a wrong password is refused', async () => {
    await signIn(b, alice, 'not her password');
    await expect.poll(() => stateOf(b).textContent(), { timeout: 30_000 }).toContain('Refused');
  });

  it('carries a note made in A to B', async () => {
    await signIn(a, alice, 'alice-pw');
    await expect.poll(() => stateOf(a).textContent(), { timeout: 30_000 }).toContain('Up to date');
    await signIn(b, alice, 'alice-pw');
    await expect.poll(() => stateOf(b).textContent(), { timeout: 30_000 }).toContain('Up to date');
    const made = await create(a, 'first words');
    await expect
      .poll(async () => (await notesOf(b)).map((n) => n.id), { timeout: 30_000 })
      .toContain(made.id);
  });

  it('loses nothing when the server is killed and restarted', async () => {
    await couch.stop();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await create(a, `while down ${i}`)).id);
    await expect.poll(() => stateOf(a).textContent(), { timeout: 30_000 }).toContain('Offline');
    await couch.restart();
    // Nobody presses anything: the retry (or the alarm) brings both back.
    await expect
      .poll(async () => (await notesOf(b)).map((n) => n.id), { timeout: 90_000, interval: 500 })
      .toEqual(expect.arrayContaining(made));
  }, 150_000);

  it('keeps both offline edits and converges on the same note in both profiles', async () => {
    const note = await create(a, 'edited on both');
    await expect
      .poll(async () => (await notesOf(b)).map((n) => n.id), { timeout: 30_000 })
      .toContain(note.id);
    await couch.stop();
    expect(
      (
        await a.send('notes/update', {
          id: note.id,
          patch: { note: 'A says this', tags: ['from-a'] },
        })
      ).ok,
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(
      (
        await b.send('notes/update', {
          id: note.id,
          patch: { note: 'B says this later', tags: ['from-b'] },
        })
      ).ok,
    ).toBe(true);
    await couch.restart();
    for (const device of [a, b]) await device.send('sync/now', {});
    const seen = async (device: Device) => (await notesOf(device)).find((n) => n.id === note.id);
    await expect
      .poll(async () => [(await seen(a))?.note, (await seen(b))?.note], {
        timeout: 90_000,
        interval: 500,
      })
      .toEqual(['B says this later', 'B says this later']);
    // The tags of both edits are kept (the store's conflict rule).
    await expect
      .poll(async () => [...((await seen(a))?.tags ?? [])].sort(), { timeout: 30_000 })
      .toEqual(['from-a', 'from-b']);
  }, 150_000);

  it('catches up, with nothing lost or doubled, after the service worker is stopped mid-sync', async () => {
    const before = (await notesOf(a)).length;
    const cdp = await a.dossier.context.browser()!.newBrowserCDPSession();
    const made: string[] = [];
    for (let i = 0; i < 150; i++) made.push((await create(a, `burst ${i}`)).id);
    // Stop A's worker while it pushes; the open settings page wakes it again (worker start).
    for (let stop = 0; stop < 3; stop++) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { type: string; targetId: string; url: string }[];
      };
      for (const t of targetInfos.filter(
        (t) => t.type === 'service_worker' && t.url.includes(a.dossier.extensionId),
      )) {
        await cdp.send('Target.closeTarget', { targetId: t.targetId }).catch(() => undefined);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    await cdp.detach();
    await expect
      .poll(async () => (await notesOf(b)).length, { timeout: 120_000, interval: 1_000 })
      .toBe(before + 150);
    const ids = (await notesOf(b)).map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(made));
  }, 200_000);

  it("shows a teammate's note and cannot change it", async () => {
    const database = teamDatabase(team);
    await signIn(a, alice, 'alice-pw', [{ database, tag: 'team' }]);
    const shared = await create(a, 'for the team', ['team']);
    await a.send('sync/now', {});
    await signIn(b, bob, 'bob-pw', [{ database, tag: null }]);
    await expect
      .poll(async () => (await notesOf(b)).map((n) => n.id), { timeout: 60_000 })
      .toContain(shared.id);
    const edit = await b.send('notes/update', { id: shared.id, patch: { note: 'bob was here' } });
    expect(edit.ok).toBe(false);
    await b.send('sync/now', {});
    await a.send('sync/now', {});
    expect((await notesOf(a)).find((n) => n.id === shared.id)?.note).toBe('note on for the team');
  }, 150_000);
});
