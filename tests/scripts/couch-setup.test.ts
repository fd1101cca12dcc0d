// @vitest-environment node
/**
 * The CouchDB set-up script against the test server (or COUCH_URL): the rules it installs are
 * the server's, so these tests talk HTTP to the server as each user would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personalDatabase } from '../../lib/sync/config';
import { applyCouchSetup, parseSetupArgs, teamDatabase } from '../../scripts/couch/setup';
import { freshName, startTestCouch, type TestCouch } from '../helpers/couch';

let couch: TestCouch;
const alice = freshName('alice');
const bob = freshName('bob');
const carol = freshName('carol');
const team = freshName('team');

/** One HTTP call as a user; returns the status and the JSON body. */
async function as(user: string, password: string, method: string, where: string, body?: unknown) {
  const response = await fetch(`${couch.url}/${where}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  couch = await startTestCouch();
  await applyCouchSetup(couch.url, couch.admin, {
    readers: [
      { name: alice, password: 'pa' },
      { name: bob, password: 'pb' },
      { name: carol, password: 'pc' },
    ],
    teams: [{ name: team, members: [alice, bob] }],
  });
}, 60_000);
afterAll(() => couch?.close());

const teamDb = () => teamDatabase(team);
const note = (id: string, author: string, text: string) => ({
  _id: `note:example.org%2Fa:${id}`,
  type: 'note',
  author,
  note: { id, note: text, tags: [] },
});

describe('couch:setup', () => {
  it('gives each reader a database only they can open', async () => {
    const mine = personalDatabase(alice);
    expect((await as(alice, 'pa', 'PUT', `${mine}/x`, { type: 'note' })).status).toBe(201);
    // CouchDB answers 403 to a member of no right; express-pouchdb 401: both are a refusal.
    expect([401, 403]).toContain((await as(bob, 'pb', 'GET', `${mine}/x`)).status);
  });

  it('refuses a wrong password', async () => {
    expect((await as(alice, 'wrong', 'GET', personalDatabase(alice))).status).toBe(401);
  });

  it("refuses a teammate's edit and delete of a note, and lets its author change it", async () => {
    const made = await as(
      alice,
      'pa',
      'PUT',
      `${teamDb()}/${encodeURIComponent(note('n1', alice, '')._id)}`,
      note('n1', alice, 'first'),
    );
    expect(made.status).toBe(201);
    const id = encodeURIComponent(note('n1', alice, '')._id);
    const rev = made.body.rev;
    const edit = await as(bob, 'pb', 'PUT', `${teamDb()}/${id}`, {
      ...note('n1', bob, 'changed by bob'),
      _rev: rev,
    });
    expect(edit.status).toBe(403);
    expect(String(edit.body.reason)).toContain(alice);
    // Even keeping alice's name as the author: bob is not alice.
    const forged = await as(bob, 'pb', 'PUT', `${teamDb()}/${id}`, {
      ...note('n1', alice, 'forged'),
      _rev: rev,
    });
    expect(forged.status).toBe(403);
    expect((await as(bob, 'pb', 'DELETE', `${teamDb()}/${id}?rev=${rev}`)).status).toBe(403);
    const own = await as(alice, 'pa', 'PUT', `${teamDb()}/${id}`, {
      ...note('n1', alice, 'second'),
      _rev: rev,
    });
    expect(own.status).toBe(201);
    expect((await as(bob, 'pb', 'GET', `${teamDb()}/${id}`)).body.note).toMatchObject({
      note: 'second',
    });
  });

  it('refuses a note written in the name of another member', async () => {
    const doc = note('n2', alice, 'not by alice');
    const put = await as(bob, 'pb', 'PUT', `${teamDb()}/${encodeURIComponent(doc._id)}`, doc);
    expect(put.status).toBe(403);
  });

  it('keeps someone outside the team out of its database', async () => {
    expect([401, 403]).toContain((await as(carol, 'pc', 'GET', teamDb())).status);
  });

  it('changes nothing when run again, and keeps the notes', async () => {
    await applyCouchSetup(couch.url, couch.admin, {
      readers: [{ name: alice }],
      teams: [{ name: team, members: [alice, bob] }],
    });
    const doc = await as(
      alice,
      'pa',
      'GET',
      `${teamDb()}/${encodeURIComponent(note('n1', alice, '')._id)}`,
    );
    expect(doc.body.note).toMatchObject({ note: 'second' });
  });

  it('reads its command line and says what is missing', () => {
    expect(
      parseSetupArgs([
        '--server',
        'http://x:5984',
        '--admin',
        'a:b:c',
        '--reader',
        'al:pw',
        '--reader',
        'bo',
        '--team',
        'res=al,bo',
      ]),
    ).toEqual({
      server: 'http://x:5984',
      admin: { name: 'a', password: 'b:c' },
      plan: {
        readers: [{ name: 'al', password: 'pw' }, { name: 'bo' }],
        teams: [{ name: 'res', members: ['al', 'bo'] }],
      },
    });
    expect(() => parseSetupArgs(['--admin', 'a:b'])).toThrow(/server/);
    expect(() => teamDatabase('Bad Name')).toThrow(/lowercase/);
  });
});
