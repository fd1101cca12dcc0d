/** Who may ask the background for what (lib/platform/access.ts), for every kind of sender. */
import { describe, expect, it } from 'vitest';
import { callerOf, mayTouch, refusal } from '../../../lib/platform/access';

const self = { id: 'dossier-id', origin: 'chrome-extension://dossier-id' };
const popup = { id: 'dossier-id', url: 'chrome-extension://dossier-id/popup.html' };
const content = (url: string) => ({ id: 'dossier-id', url, tab: { id: 4 } as never });

describe('sender checks', () => {
  it('knows the popup, a content script and a stranger apart', () => {
    expect(callerOf(popup, self)).toEqual({ kind: 'extension' });
    expect(callerOf(content('https://www.brookings.edu/a'), self)).toEqual({
      kind: 'content',
      site: 'brookings.edu',
      tabId: 4,
    });
    expect(callerOf({ ...popup, id: 'other-extension' }, self).kind).toBe('unknown');
    expect(callerOf(content('file:///etc/passwd'), self).kind).toBe('unknown');
    expect(callerOf({ id: 'dossier-id', url: 'https://a.org/' }, self).kind).toBe('unknown');
  });

  it('gives a content script its own site only, and privileged calls to extension pages only', () => {
    const page = callerOf(content('https://www.brookings.edu/articles/x'), self);
    expect(refusal('notes/create', page)).toBeNull();
    for (const type of ['notes/all', 'notes/search', 'tags/rename', 'notes/import-file'] as const) {
      expect(refusal(type, page)).toMatch(/only answers/);
      expect(refusal(type, { kind: 'extension' })).toBeNull();
    }
    // A same-site canonical address is the same page's note.
    expect(mayTouch(page, 'https://brookings.edu/articles/x')).toBe(true);
    expect(mayTouch(page, 'https://www.csis.org/analysis/y')).toBe(false);
    expect(mayTouch(page, 'javascript:alert(1)')).toBe(false);
    expect(mayTouch({ kind: 'unknown' }, 'https://www.brookings.edu/')).toBe(false);
  });

  it('keeps the sync settings (server, password) from every content script', () => {
    const page = callerOf(content('https://www.brookings.edu/articles/x'), self);
    for (const type of ['sync/status', 'sync/configure', 'sync/off', 'sync/now'] as const) {
      expect(refusal(type, page)).toMatch(/only answers/);
      expect(refusal(type, { kind: 'extension' })).toBeNull();
    }
  });
});
