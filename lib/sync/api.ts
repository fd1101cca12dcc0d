/**
 * What the sync settings need from the browser, as one small interface: the side panel passes
 * the real one (lib/platform/sync-api.ts), the component tests a fake.
 */
import type { RequestOf, ResponseOf, SyncNotice, SyncStatus } from '../protocol';

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

/** What the trash list and the conflict notices need from the browser (real or fake). */
export interface TrashApi {
  /** The newest `limit` notes in the trash, and how many there are in all. */
  trash(limit: number): Promise<ResponseOf<'notes/trash'>>;
  /** Brings a note back from the trash. */
  restore(id: string): Promise<void>;
  /** Deletes a note in the trash for good. */
  purge(id: string): Promise<void>;
  /** The conflict notices not yet dismissed, newest first. */
  notices(): Promise<SyncNotice[]>;
  /** Dismisses a notice; resolves with those left. */
  dismiss(id: string): Promise<SyncNotice[]>;
}
