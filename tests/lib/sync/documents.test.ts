/**
 * Whose note is whose, what goes to a team, and the author stamp a team database requires.
 */
import { describe, expect, it } from 'vitest';
import {
  accessPatternsFor,
  hostPatternOf,
  parseSyncConfig,
  personalDatabase,
} from '../../../lib/sync/config';
import { editRefusal, goesToTeam, isOwnNote, stampAuthor } from '../../../lib/sync/documents';

const doc = (tags: string[], author?: string) => ({
  _id: 'note:example.org%2Fa:1',
  type: 'note',
  ...(author === undefined ? {} : { author }),
  note: { tags },
});

describe('note documents', () => {
  it("treats a note without an author, or with the reader's name, as the reader's", () => {
    expect(isOwnNote(doc([]), 'alice')).toBe(true);
    expect(isOwnNote(doc([], 'alice'), 'alice')).toBe(true);
    expect(isOwnNote(doc([], 'bob'), 'alice')).toBe(false);
    expect(editRefusal(doc([], 'bob'), 'alice')).toBe(
      "This note is bob's, shared by your team: only bob can change it.",
    );
    expect(editRefusal(doc([]), 'alice')).toBeNull();
  });

  it('sends a team the notes of its tag, or all, and never a teammate’s or a tombstone', () => {
    expect(goesToTeam(doc(['energy']), 'energy', 'alice')).toBe(true);
    expect(goesToTeam(doc(['other']), 'energy', 'alice')).toBe(false);
    expect(goesToTeam(doc(['other']), null, 'alice')).toBe(true);
    expect(goesToTeam(doc(['energy'], 'bob'), 'energy', 'alice')).toBe(false);
    expect(goesToTeam({ _id: 'note:x:1', _deleted: true }, null, 'alice')).toBe(false);
    expect(goesToTeam({ _id: 'library:x', type: 'note' }, null, 'alice')).toBe(false);
  });

  it('stamps the author on the reader’s notes only', () => {
    expect(stampAuthor(doc(['a']), 'alice')).toMatchObject({
      author: 'alice',
      note: { tags: ['a'] },
    });
    expect(stampAuthor(doc([], 'bob'), 'alice')).toBeNull();
  });
});

describe('sync settings', () => {
  it('names the personal database as CouchDB’s per-user option does', () => {
    expect(personalDatabase('alice')).toBe('userdb-616c696365');
  });

  it('accepts good settings and refuses a server address with a password in it', () => {
    const good = {
      server: 'https://couch.example.org',
      user: 'alice',
      password: 'x',
      database: 'userdb-61',
      teams: [{ database: 'dossier-team-a', tag: null }],
    };
    expect(parseSyncConfig(good)).toEqual(good);
    expect(parseSyncConfig({ ...good, server: 'https://a:b@couch.example.org' })).toBeNull();
    expect(parseSyncConfig({ ...good, server: 'ftp://couch.example.org' })).toBeNull();
    expect(parseSyncConfig({ ...good, teams: [{ database: 'Bad', tag: null }] })).toBeNull();
    expect(parseSyncConfig(undefined)).toBeNull();
  });

  it('asks host access for the server’s host only', () => {
    expect(hostPatternOf('http://127.0.0.1:5984/')).toBe('http://127.0.0.1/*');
    expect(accessPatternsFor('https://couch.example.org')).toEqual([
      ['https://couch.example.org/*'],
    ]);
    // On a listed site, the site's own grant (Chrome's content-script hosts) counts too.
    expect(accessPatternsFor('http://sync.csis.org')).toEqual([
      ['http://sync.csis.org/*'],
      ['*://csis.org/*', '*://*.csis.org/*'],
    ]);
  });
});
