/** Asking the browser to keep Dossier's storage, without ever throwing. */
import { describe, expect, it, vi } from 'vitest';
import { requestPersistence } from '../../../lib/store';

describe('requestPersistence', () => {
  it('asks the browser to keep the notes and reports whether it agreed', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistence({ persisted: async () => false, persist })).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
    expect(await requestPersistence({ persist: async () => false })).toBe(false);
  });

  it('does not ask again when storage is already persistent', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistence({ persisted: async () => true, persist })).toBe(true);
    expect(persist).not.toHaveBeenCalled();
  });

  it('returns false, never throws, when the API is missing or fails', async () => {
    expect(await requestPersistence({})).toBe(false);
    expect(
      await requestPersistence({
        persist: async () => {
          throw new Error('denied');
        },
      }),
    ).toBe(false);
    vi.stubGlobal('navigator', {});
    expect(await requestPersistence()).toBe(false);
    vi.unstubAllGlobals();
  });
});
