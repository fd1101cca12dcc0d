/**
 * The sync state rules: what each replication outcome means for the reader, in words.
 */
import { describe, expect, it } from 'vitest';
import {
  classifyError,
  describeState,
  nextState,
  retries,
  type SyncState,
} from '../../../lib/sync/state';

const time = (ms: number) => `t${ms}`;

describe('sync state', () => {
  it('goes from off to syncing to up to date, keeping the last sync time', () => {
    let state: SyncState = { kind: 'off' };
    state = nextState(state, { type: 'start' });
    expect(state).toEqual({ kind: 'syncing', lastSync: null });
    state = nextState(state, { type: 'complete', at: 5 });
    expect(state).toEqual({ kind: 'up-to-date', lastSync: 5 });
    state = nextState(state, { type: 'active' });
    expect(state).toEqual({ kind: 'syncing', lastSync: 5 });
    expect(describeState(state, time)).toBe('Syncing… Last sync: t5.');
  });

  it('calls a 401 refused, says so, and does not retry with the same password', () => {
    const state = nextState(
      { kind: 'up-to-date', lastSync: 3 },
      { type: 'failed', error: { status: 401, name: 'unauthorized' } },
    );
    expect(state.kind).toBe('refused');
    expect(retries(state)).toBe(false);
    expect(describeState(state, time)).toMatch(
      /^Refused: wrong user name or password\..*Last sync: t3\.$/,
    );
  });

  it('calls a 413 a server error that names the setting to raise', () => {
    const state = nextState({ kind: 'off' }, { type: 'failed', error: { status: 413 } });
    expect(state).toMatchObject({ kind: 'server-error', status: 413 });
    expect(describeState(state, time)).toContain('max_http_request_size');
    expect(retries(state)).toBe(true);
  });

  it('calls a failed connection offline, and retries', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const state = nextState(
      { kind: 'syncing', lastSync: null },
      { type: 'failed', error: refused },
    );
    expect(state.kind).toBe('offline');
    expect(retries(state)).toBe(true);
    expect(describeState(state, time)).toBe('Offline: retrying. The server cannot be reached.');
    // A browser's failed fetch (TypeError, no status) is the same.
    expect(classifyError(new TypeError('Failed to fetch')).kind).toBe('offline');
  });

  it('calls an answer that is not JSON a server error to check the address, and retries', () => {
    // A browser's fetch, a node-fetch answer, and one wrapped by replication.
    for (const error of [
      new SyntaxError('Unexpected token \'<\', "<html>" is not valid JSON'),
      { name: 'FetchError', type: 'invalid-json', message: 'invalid json response body' },
      { name: 'Error', message: 'reason: Unexpected token, "<html>…" is not valid JSON' },
    ]) {
      const state = nextState({ kind: 'syncing', lastSync: 4 }, { type: 'failed', error });
      expect(state).toMatchObject({ kind: 'server-error', status: null, lastSync: 4 });
      expect(retries(state)).toBe(true);
      expect(describeState(state, time)).toMatch(/could not be read.*check the server address/);
    }
  });

  it('calls a cycle given up on a server that stopped answering offline, and retries', () => {
    const error = Object.assign(new Error('The server stopped answering for 60 s.'), {
      name: 'timeout',
    });
    const state = nextState({ kind: 'syncing', lastSync: null }, { type: 'failed', error });
    expect(state).toEqual({
      kind: 'offline',
      lastSync: null,
      message: 'The server stopped answering for 60 s.',
    });
    expect(retries(state)).toBe(true);
  });

  it('calls other answers server errors with their status', () => {
    expect(classifyError({ status: 500, reason: 'boom' })).toEqual({
      kind: 'server-error',
      status: 500,
      message: 'The server answered 500: boom.',
    });
    expect(classifyError({ status: 403, reason: 'no' }).kind).toBe('refused');
  });

  it('says how many changes the server refused', () => {
    const state = nextState(
      { kind: 'syncing', lastSync: null },
      { type: 'complete', at: 9, denied: 2 },
    );
    expect(describeState(state, time)).toBe(
      'Up to date. 2 change(s) were refused by the server (notes of others). Last sync: t9.',
    );
  });

  it('turns off from any state and forgets nothing else', () => {
    expect(nextState({ kind: 'refused', lastSync: 1, message: 'x' }, { type: 'stop' })).toEqual({
      kind: 'off',
    });
    expect(describeState({ kind: 'off' }, time)).toBe('Sync is off.');
  });
});
