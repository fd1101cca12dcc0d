/**
 * Store errors in plain words. IndexedDB fails with DOMExceptions whose names mean nothing to a
 * reader ("QuotaExceededError", "VersionError"); every store operation turns them into a
 * `StoreError` whose message can be shown as it is, and whose `code` lets the UI decide what to
 * offer (free space, update the extension, close other windows). The store aborts the
 * transaction before it throws, so an error always means "nothing was written".
 */

/** What went wrong, for code that wants to react rather than only show the message. */
export type StoreErrorCode =
  | 'quota'
  | 'version'
  | 'upgrade'
  | 'blocked'
  | 'closed'
  | 'invalid'
  | 'unavailable'
  | 'aborted'
  | 'readonly'
  | 'unknown';

const MESSAGES: Record<StoreErrorCode, string> = {
  quota:
    "Your browser's storage for Dossier is full, so this change was not saved. Nothing was " +
    'lost: free some disk space or delete old notes and trash, then try again.',
  version:
    'Your notes were saved by a newer version of Dossier than the one running now. Update ' +
    'Dossier (or restart the browser) to open them; nothing has been changed.',
  upgrade:
    'Dossier could not update how it stores your notes, so it left them exactly as they ' +
    'were. Restart the browser and try again; if it keeps failing, make a backup first.',
  blocked:
    'Dossier is updating how it stores your notes, but another Dossier window or tab still ' +
    'has the old storage open. Close other tabs showing Dossier, or restart the browser, then ' +
    'try again.',
  closed:
    "Dossier's storage was closed (the browser may be shutting down or updating Dossier). " +
    'Nothing was saved; try again in a moment.',
  invalid:
    'Dossier could not save a note because part of it is not in a form it can store. Nothing ' +
    'was written.',
  unavailable:
    'The browser would not let Dossier open its storage (private browsing, a full disk or a ' +
    'damaged profile can cause this). Nothing was written.',
  aborted: 'The change was cancelled before it finished, so nothing was written.',
  readonly: 'This note was written by a teammate; only they can change or delete it.',
  unknown: 'Dossier could not read or save your notes because of an unexpected storage error.',
};

/** The error every store operation throws: a message a reader can act on, the cause kept. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(
    code: StoreErrorCode,
    message: string = MESSAGES[code],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
  }
}

/** DOMException names as browsers (and fake-indexeddb) report them, mapped to our codes. */
const CODES_BY_NAME: Record<string, StoreErrorCode> = {
  QuotaExceededError: 'quota',
  VersionError: 'version',
  InvalidStateError: 'closed',
  TransactionInactiveError: 'aborted',
  DataError: 'invalid',
  DataCloneError: 'invalid',
  ConstraintError: 'invalid',
  InvalidAccessError: 'invalid',
  NotFoundError: 'unknown',
  UnknownError: 'unavailable',
  SecurityError: 'unavailable',
  AbortError: 'aborted',
};

/**
 * Turns anything thrown by IndexedDB (or by our own code inside a transaction) into a
 * `StoreError`, keeping the original as `cause` for the console. A `StoreError` passes through.
 */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : '';
  const code = (typeof name === 'string' && CODES_BY_NAME[name]) || 'unknown';
  return new StoreError(code, MESSAGES[code], { cause: error });
}
