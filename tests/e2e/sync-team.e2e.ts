/**
 * What the reader sees of a team and of a second user (issue 14), in real Chromium with the
 * production build, two browser profiles and the CouchDB-protocol test server on 127.0.0.1:
 * a teammate's note is painted apart (`dossier-note-team`) and listed with its author's name and
 * no Edit or Delete; a note that loses the team's tag leaves the teammate's page and list, and
 * comes back when it gains it; a different user signing in on a profile is asked before the
 * previous user's notes go to their account, and by default they do not; "Restore this
 * version" makes the note that version on both devices; a merge of two people in one device's
 * library shows in the other's side panel.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../lib/annotation';
import { personalDatabase } from '../../lib/sync/config';
import { applyCouchSetup, teamDatabase } from '../../scripts/couch/setup';
import { freshName, startTestCouch, type TestCouch } from '../helpers/couch';
import { libraryArticle } from './fixtures/library-pages';
import { type PageServer, SAMPLE_HTML, SAMPLE_URL, startPageServer } from './harness';
import { mergeWith, openPerson, people } from './library-panel';
import { clickDossier, painted, selectPhrase } from './page-helpers';
import {
  answerSwitch,
  create,
  type Device,
  launchDevice,
  notesOf,
  signIn,
  syncRegion,
  upToDate,
} from './sync-devices';

const alice = freshName('alice');
const bob = freshName('bob');
const carol = freshName('carol');
const team = freshName('team');

let couch: TestCouch;
let pages: PageServer;
let a: Device;
let b: Device;
/** Alice's shared note, made on the sample article in A. */
let shared: Annotation;

/** The note ids in a database on the server, read as its administrator. */
async function idsOnServer(database: string): Promise<string[]> {
  const auth = Buffer.from(`${couch.admin.name}:${couch.admin.password}`).toString('base64');
  const response = await fetch(`${couch.url}/${database}/_all_docs`, {
    headers: { authorization: `Basic ${auth}` },
  });
  const body = (await response.json()) as { rows: { id: string }[] };
  return body.rows.map((r) => r.id).filter((id) => id.startsWith('note:'));
}

/** A tab of a device showing the sample article. */
async function openArticle(device: Device): Promise<Page> {
  const page = await device.dossier.context.newPage();
  await page.goto(SAMPLE_URL);
  return page;
}

beforeAll(async () => {
  couch = await startTestCouch();
  await applyCouchSetup(couch.url, couch.admin, {
    readers: [
      { name: alice, password: 'alice-pw' },
      { name: bob, password: 'bob-pw' },
      { name: carol, password: 'carol-pw' },
    ],
    teams: [{ name: team, members: [alice, bob] }],
  });
  pages = await startPageServer();
  pages.set('www.caspianpolicy.org/research/sample', SAMPLE_HTML);
  a = await launchDevice(couch, pages);
  b = await launchDevice(couch, pages);
}, 120_000);

afterAll(async () => {
  await a?.dossier.close();
  await b?.dossier.close();
  await pages?.close();
  await couch?.close();
});

describe("a team's notes, as the reader sees them", () => {
  it("paints a teammate's note in the team colour and lists it with their name, without Edit or Delete", async () => {
    const database = teamDatabase(team);
    await signIn(a, alice, 'alice-pw', [{ database, tag: 'team' }]);
    await upToDate(a);
    await signIn(b, bob, 'bob-pw', [{ database, tag: null }]);
    await upToDate(b);

    // Alice highlights a passage on the article and tags it for the team.
    const tabA = await openArticle(a);
    await selectPhrase(tabA, 'press conference');
    await clickDossier(tabA, 'button', 'Highlight');
    await expect.poll(() => painted(tabA, 'dossier-note-yellow')).toEqual(['press conference']);
    const search = await a.send<Annotation[]>('notes/search', { query: 'press conference' });
    if (!search.ok || !search.value[0]) throw new Error('the highlight was not stored');
    const tagged = await a.send<Annotation>('notes/update', {
      id: search.value[0].id,
      patch: { tags: ['team'], note: 'Ask the ministry' },
    });
    if (!tagged.ok) throw new Error(tagged.error);
    shared = tagged.value;
    // Her own note is hers: her colour, not the team's.
    expect(await painted(tabA, 'dossier-note-team')).toEqual([]);

    const tabB = await openArticle(b);
    await expect
      .poll(() => painted(tabB, 'dossier-note-team'), { timeout: 60_000 })
      .toEqual(['press conference']);
    expect(await painted(tabB, 'dossier-note-yellow')).toEqual([]);

    const popup = await b.dossier.openPopup(tabB);
    const list = popup.getByRole('list', { name: 'Notes on this page' });
    const row = list.getByRole('listitem').filter({ hasText: 'Ask the ministry' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getByText(`by ${alice}`).count()).toBe(1);
    expect(await row.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await row.getByRole('button', { name: 'Delete' }).count()).toBe(0);
    await popup.close();
    await tabA.close();
    await tabB.close();
  }, 150_000);

  it("takes a note off the teammate's page when it loses the team's tag, and back when it gains it", async () => {
    const url = shared.page.url;
    const tabB = await openArticle(b);
    await expect
      .poll(() => painted(tabB, 'dossier-note-team'), { timeout: 30_000 })
      .toEqual(['press conference']);

    expect((await a.send('notes/update', { id: shared.id, patch: { tags: [] } })).ok).toBe(true);
    await expect
      .poll(async () => (await notesOf(b, url)).map((n) => n.id), { timeout: 60_000 })
      .not.toContain(shared.id);
    await expect.poll(() => painted(tabB, 'dossier-note-team'), { timeout: 15_000 }).toEqual([]);
    expect(await idsOnServer(teamDatabase(team))).not.toContain(
      `note:${encodeURIComponent(url)}:${shared.id}`,
    );
    // Still Alice's own note in A.
    expect((await notesOf(a, url)).map((n) => n.id)).toContain(shared.id);

    expect(
      (await a.send('notes/update', { id: shared.id, patch: { tags: ['team'], note: 'Back' } })).ok,
    ).toBe(true);
    await expect
      .poll(async () => (await notesOf(b, url)).find((n) => n.id === shared.id)?.note, {
        timeout: 60_000,
      })
      .toBe('Back');
    await expect
      .poll(() => painted(tabB, 'dossier-note-team'), { timeout: 15_000 })
      .toEqual(['press conference']);
    await tabB.close();
  }, 150_000);
});

describe('a different user signing in on the same profile', () => {
  it("asks before sending the previous user's notes, and by default keeps them local", async () => {
    // B has synced as Bob: his own note and Alice's shared one.
    const bobs = await create(b, 'only for bob');
    await b.send('sync/now', {});
    await expect
      .poll(async () => idsOnServer(personalDatabase(bob)), { timeout: 30_000 })
      .toContain(`note:${encodeURIComponent(bobs.page.url)}:${bobs.id}`);

    await signIn(b, carol, 'carol-pw');
    const region = await syncRegion(b);
    const question = region.getByRole('group', { name: 'Notes synced as another user' });
    await expect
      .poll(() => question.textContent(), { timeout: 30_000 })
      .toContain(`synced as ${bob}. Send them to ${carol}'s account too, or keep them local only?`);
    // Nothing has gone to Carol while the question waits.
    expect(await idsOnServer(personalDatabase(carol))).toEqual([]);
    await question.getByRole('button', { name: 'Keep them local only' }).click();
    await upToDate(b);
    await b.send('sync/now', {});
    expect(await idsOnServer(personalDatabase(carol))).toEqual([]);
    // Bob's notes are still in this profile.
    expect((await notesOf(b)).map((n) => n.id)).toContain(bobs.id);

    // What Carol writes now is hers, and goes to her account.
    const carols = await create(b, 'written by carol');
    await expect
      .poll(async () => idsOnServer(personalDatabase(carol)), { timeout: 30_000 })
      .toEqual([`note:${encodeURIComponent(carols.page.url)}:${carols.id}`]);
  }, 150_000);
});

describe('a conflict between two devices, as the reader sees it', () => {
  it('names the page and the note in a notice, and restores the other version from it', async () => {
    // B becomes Alice's second device (Carol's notes stay local to Carol).
    await signIn(b, alice, 'alice-pw');
    await answerSwitch(b, 'Keep them local only');
    await upToDate(b);
    const note = await create(a, 'argued over');
    await expect
      .poll(async () => (await notesOf(b)).map((n) => n.id), { timeout: 60_000 })
      .toContain(note.id);

    await couch.stop();
    expect(
      (await a.send('notes/update', { id: note.id, patch: { note: 'A reads it so' } })).ok,
    ).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(
      (await b.send('notes/update', { id: note.id, patch: { note: 'B reads it otherwise' } })).ok,
    ).toBe(true);
    await couch.restart();
    for (const device of [a, b]) await device.send('sync/now', {});

    // Both side panels say what happened, naming the page and the note, whichever device
    // settled the conflict first (the other one only receives the result).
    const noticeOn = (device: typeof a) =>
      device.panel
        .getByRole('region', { name: 'Sync notices' })
        .getByRole('listitem')
        .filter({ hasText: '“argued over” on Paper' });
    for (const device of [b, a]) {
      await expect
        .poll(() => noticeOn(device).count(), { timeout: 90_000, interval: 1_000 })
        .toBe(1);
      expect(await noticeOn(device).textContent()).toContain('edited on two devices at once');
    }
    const notice = noticeOn(a);
    await expect
      .poll(async () => (await notesOf(a)).find((n) => n.id === note.id)?.note, { timeout: 30_000 })
      .toBe('B reads it otherwise');

    // Restoring makes the note that version: one note reading A's text, B's text in the trash
    // (so the choice can be undone), and the notice gone.
    await notice.getByRole('button', { name: 'Restore this version' }).click();
    const arguedOver = async (device: Device) =>
      (await notesOf(device)).filter((n) => n.quote.exact === 'argued over').map((n) => n.note);
    const trashed = async (device: Device) => {
      const reply = await device.send<{ entries: { annotation: Annotation }[] }>('notes/trash', {
        limit: 50,
      });
      if (!reply.ok) throw new Error(reply.error);
      return reply.value.entries
        .map((e) => e.annotation.note)
        .filter((t) => t.includes('reads it'));
    };
    await expect.poll(() => arguedOver(a), { timeout: 30_000 }).toEqual(['A reads it so']);
    expect(await trashed(a)).toEqual(['B reads it otherwise']);
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(0);

    // The other device receives the choice as plain edits: the same note, no new conflict and
    // no notice left to act on.
    for (const device of [a, b]) await device.send('sync/now', {});
    await expect
      .poll(() => arguedOver(b), { timeout: 60_000, interval: 1_000 })
      .toEqual(['A reads it so']);
    await expect.poll(() => trashed(b), { timeout: 30_000 }).toEqual(['B reads it otherwise']);
    await expect.poll(() => noticeOn(b).count(), { timeout: 30_000, interval: 1_000 }).toBe(0);
    expect(await arguedOver(a)).toEqual(['A reads it so']);
  }, 240_000);
});

describe("the reader's library choices, on two devices", () => {
  it("shows a merge made in one device's side panel in the other's", async () => {
    // Both devices are Alice's (the test above) and have read the same two articles, which
    // name "Jake Sullivan" and "Jacob Sullivan": two people until the reader merges them.
    const urls = [1, 2].map((i) => `http://www.caspianpolicy.org/research/library-${i}`);
    for (const [i, url] of urls.entries()) pages.set(url.slice(7), libraryArticle(i + 1));
    const panels: Page[] = [];
    for (const device of [a, b]) {
      for (const url of urls) await (await device.dossier.context.newPage()).goto(url);
      const panel = await device.dossier.context.newPage();
      await panel.goto(
        `chrome-extension://${device.dossier.extensionId}/sidepanel.html?view=library`,
      );
      await expect
        .poll(async () => (await people(panel)).filter((r) => /^Ja(ke|cob) Sullivan/.test(r)), {
          timeout: 30_000,
        })
        .toHaveLength(2);
      panels.push(panel);
    }
    const [panelA, panelB] = panels as [Page, Page];
    await openPerson(panelA, 'Jake Sullivan');
    await mergeWith(panelA, 'Jacob', /^Jacob Sullivan/);
    await expect
      .poll(() => panelA.locator('.person > p.muted').first().textContent())
      .toMatch(/^2 pages/);

    for (const device of [a, b]) await device.send('sync/now', {});
    const sullivans = async (panel: Page) =>
      (await people(panel)).filter((r) => /^Ja(ke|cob) Sullivan/.test(r));
    // One person, named alike on both devices: the same pages give the same name (the fuller,
    // as each name is on one page once), whichever device merged and whenever it arrived.
    await expect
      .poll(() => sullivans(panelB), { timeout: 60_000, interval: 1_000 })
      .toEqual([expect.stringMatching(/^Jacob Sullivan.*2 pages/s)]);
    await panelA.getByRole('button', { name: '← All people' }).click();
    await expect.poll(() => sullivans(panelA)).toEqual(await sullivans(panelB));
  }, 150_000);
});
