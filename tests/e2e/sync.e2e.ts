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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCouchSetup, teamDatabase } from '../../scripts/couch/setup';
import { freshName, startTestCouch, type TestCouch } from '../helpers/couch';
import { type PageServer, startPageServer } from './harness';
import {
  answerSwitch,
  create,
  type Device,
  launchDevice,
  notesOf,
  signIn,
  stateOf,
} from './sync-devices';

const alice = freshName('alice');
const bob = freshName('bob');
const team = freshName('team');

let couch: TestCouch;
let pages: PageServer;
let a: Device;
let b: Device;

const launch = () => launchDevice(couch, pages);

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
    // B synced as Alice before: her notes stay in B, off Bob's account.
    await answerSwitch(b, 'Keep them local only');
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
