/**
 * Asks the browser to keep Dossier's storage when disk space runs low. Without it, storage is
 * "best effort" and may be evicted, taking the reader's notes with it. Chromium grants it to
 * extensions silently; Firefox may ask or refuse. Never throws: a refusal is not an error.
 */

/** The part of `navigator.storage` used here, so tests and callers can pass their own. */
export interface PersistableStorage {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
}

/**
 * Requests persistent storage once; resolves true when storage is (or already was)
 * persistent, false when it is not, the API is missing, or the request failed.
 */
export async function requestPersistence(
  storage: PersistableStorage | undefined = globalThis.navigator?.storage,
): Promise<boolean> {
  try {
    if ((await storage?.persisted?.()) === true) return true;
    return (await storage?.persist?.()) === true;
  } catch {
    return false;
  }
}
