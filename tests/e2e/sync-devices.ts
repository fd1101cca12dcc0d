/**
 * Browser profiles as sync devices, for the sync end-to-end files (sync.e2e.ts, sync-team.e2e.ts):
 * one Chromium profile with the production build, its side panel open to send messages from and
 * to fill in the sync settings as the reader would. The test server is reached as
 * `http://sync.csis.org`, a host the resolver maps to it and inside Dossier's listed sites, so
 * that its host access is already granted and the browser does not stop to ask.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Annotation } from '../../lib/annotation';
import type { TestCouch } from '../helpers/couch';
import { type DossierBrowser, launchDossier, type PageServer } from './harness';

export const SYNC_HOST = 'sync.csis.org';
export const SERVER = `http://${SYNC_HOST}`;
/** The page most sync tests put their notes on (never opened: notes are made by message). */
export const PAGE = 'https://www.example.org/paper';

export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

/** One browser profile: its browser and an extension page to send messages from. */
export interface Device {
  dossier: DossierBrowser;
  panel: Page;
  send<T>(type: string, payload: unknown): Promise<Reply<T>>;
}

/** Starts a profile whose resolver sends the sync host to the test server. */
export async function launchDevice(couch: TestCouch, pages: PageServer): Promise<Device> {
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

/** The sync region of a device's side panel, opened if it is folded away. */
export async function syncRegion(device: Device) {
  const { panel } = device;
  if (!(await panel.getByRole('region', { name: 'Sync', exact: true }).isVisible())) {
    await panel.getByText('Sync settings').click();
  }
  return panel.getByRole('region', { name: 'Sync', exact: true });
}

/** Fills in the sync settings as the reader would, and saves them. */
export async function signIn(
  device: Device,
  user: string,
  password: string,
  teams: { database: string; tag: string | null }[] = [],
) {
  const region = await syncRegion(device);
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
export const stateOf = (device: Device) =>
  device.panel.getByRole('region', { name: 'Sync', exact: true }).getByRole('status');

/** Waits until a device's settings say it is up to date. */
export async function upToDate(device: Device): Promise<void> {
  await expect
    .poll(() => stateOf(device).textContent(), { timeout: 30_000 })
    .toContain('Up to date');
}

/** A new note on `url` quoting `exact` at `start`. */
export const newNote = (
  exact: string,
  tags: string[] = [],
  page: { url: string; title: string; site: string } = {
    url: PAGE,
    title: 'Paper',
    site: 'Example',
  },
  start = 0,
) => ({
  page,
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start, end: start + exact.length },
  note: `note on ${exact}`,
  tags,
  colour: 'yellow',
});

/** The notes a device lists for a page. */
export async function notesOf(device: Device, url = PAGE): Promise<Annotation[]> {
  const reply = await device.send<Annotation[]>('notes/list', { url });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Makes a note on a device, as a tab would. */
export async function create(
  device: Device,
  exact: string,
  tags: string[] = [],
  page?: { url: string; title: string; site: string },
): Promise<Annotation> {
  const reply = await device.send<Annotation>('notes/create', {
    annotation: newNote(exact, tags, page),
  });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/**
 * Answers the question the settings ask when another user synced this profile before
 * (lib/sync/switch.ts), once it is shown.
 */
export async function answerSwitch(
  device: Device,
  answer: 'Keep them local only' | RegExp,
): Promise<void> {
  const region = await syncRegion(device);
  const question = region.getByRole('group', { name: 'Notes synced as another user' });
  await question.getByRole('button', { name: answer }).click({ timeout: 30_000 });
}
