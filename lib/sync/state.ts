/**
 * The sync state the reader sees (issue 14), and the pure rules that move it: what a
 * replication event or error means (off, syncing, up to date, offline and retrying, refused,
 * server error), and how each is said in words. No PouchDB and no browser here, so every rule is
 * tested in Node; lib/sync/replicator.ts feeds it the events.
 */

import type { SyncState } from '../protocol';

export type { SyncState };

/** What can happen to a replication. */
export type SyncEvent =
  | { type: 'stop' }
  | { type: 'start' }
  | { type: 'active' }
  | { type: 'complete'; at: number; denied?: number }
  | { type: 'failed'; error: unknown };

/** The kind of failure an error from a replication (or a fetch) is. */
export function classifyError(error: unknown): {
  kind: 'offline' | 'refused' | 'server-error';
  status: number | null;
  message: string;
} {
  const e = (error ?? {}) as {
    status?: unknown;
    name?: unknown;
    reason?: unknown;
    message?: unknown;
    type?: unknown;
  };
  const status = typeof e.status === 'number' && e.status > 0 ? e.status : null;
  const reason =
    typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : '';
  // A cycle given up because the server stopped answering (lib/sync/replicator.ts `stalled`).
  if (status === null && e.name === 'timeout') {
    return {
      kind: 'offline',
      status: null,
      message: reason || 'The server stopped answering.',
    };
  }
  // An answer that is not JSON: something other than a CouchDB server (a login page, a proxy's
  // error page) answers at that address. Browsers' `response.json()` throws a SyntaxError;
  // node-fetch (PouchDB in Node) a FetchError of type 'invalid-json'; replication may wrap
  // either, keeping the message.
  if (
    status === null &&
    (e.name === 'SyntaxError' || e.type === 'invalid-json' || /\bJSON\b/i.test(reason))
  ) {
    return {
      kind: 'server-error',
      status: null,
      message:
        "The server's answer could not be read (it is not a CouchDB answer): check the server address.",
    };
  }
  if (status === 401 || status === 403) {
    return {
      kind: 'refused',
      status,
      message:
        status === 401
          ? 'The server refused the user name or password.'
          : `The server refused access to the database${reason ? `: ${reason}` : '.'}`,
    };
  }
  if (status === 413) {
    return {
      kind: 'server-error',
      status,
      message: 'The server refused a note as too large (413); raise its max_http_request_size.',
    };
  }
  if (status !== null && status >= 400) {
    return {
      kind: 'server-error',
      status,
      message: `The server answered ${status}${reason ? `: ${reason}` : ''}.`,
    };
  }
  return { kind: 'offline', status: null, message: 'The server cannot be reached.' };
}

/** The state after an event. */
export function nextState(state: SyncState, event: SyncEvent): SyncState {
  const lastSync = state.kind === 'off' ? null : state.lastSync;
  switch (event.type) {
    case 'stop':
      return { kind: 'off' };
    case 'start':
    case 'active':
      return { kind: 'syncing', lastSync };
    case 'complete':
      return event.denied
        ? { kind: 'up-to-date', lastSync: event.at, denied: event.denied }
        : { kind: 'up-to-date', lastSync: event.at };
    case 'failed': {
      const failure = classifyError(event.error);
      if (failure.kind === 'server-error') {
        return { kind: 'server-error', lastSync, status: failure.status, message: failure.message };
      }
      return { kind: failure.kind, lastSync, message: failure.message };
    }
  }
}

/** True when sync should try again by itself (not after a refusal: the password must change). */
export function retries(state: SyncState): boolean {
  return state.kind === 'offline' || state.kind === 'server-error';
}

const LABELS: Record<SyncState['kind'], string> = {
  off: 'Sync is off.',
  syncing: 'Syncing…',
  'up-to-date': 'Up to date.',
  offline: 'Offline: retrying.',
  refused: 'Refused: wrong user name or password.',
  'server-error': 'Server error.',
};

/** The state in words for the settings' status line, with the last sync time. */
export function describeState(state: SyncState, formatTime: (ms: number) => string): string {
  const parts = [LABELS[state.kind]];
  if (state.kind === 'refused' && !state.message.includes('password')) parts[0] = 'Refused.';
  if ('message' in state) parts.push(state.message);
  if (state.kind === 'up-to-date' && state.denied) {
    parts.push(`${state.denied} change(s) were refused by the server (notes of others).`);
  }
  if (state.kind !== 'off' && state.lastSync !== null) {
    parts.push(`Last sync: ${formatTime(state.lastSync)}.`);
  }
  return parts.join(' ');
}
