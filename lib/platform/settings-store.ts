/**
 * Settings in `browser.storage.local`, shared by the popup, the background and every content
 * script; changes reach every open page through `storage.onChanged`.
 */
import { browser } from 'wxt/browser';
import { parseSettings, type Settings } from '../settings';

const KEY = 'settings';

/** Reads the settings (defaults when missing or damaged). */
export async function loadSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(KEY);
    return parseSettings(stored[KEY]);
  } catch {
    return parseSettings(undefined);
  }
}

/** Stores the settings. */
export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ [KEY]: settings });
}

/** Calls `onChange` with the new settings whenever they change; returns the unsubscribe. */
export function watchSettings(onChange: (settings: Settings) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) onChange(parseSettings(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
