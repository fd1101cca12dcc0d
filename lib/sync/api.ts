/**
 * What the sync settings need from the browser, as one small interface: the side panel passes
 * the real one (lib/platform/sync-api.ts), the component tests a fake.
 */
import type { RequestOf, SyncStatus } from '../protocol';

/** The sync settings' view of the browser. */
export interface SyncApi {
  status(): Promise<SyncStatus>;
  /**
   * Asks for host access to the server (must run first in a click: the browser asks the reader),
   * then saves the settings and syncs. Rejects with the reason in words.
   */
  save(settings: RequestOf<'sync/configure'>): Promise<SyncStatus>;
  off(): Promise<SyncStatus>;
  now(): Promise<SyncStatus>;
}
