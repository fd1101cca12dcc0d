/**
 * What the views (the popup, and the side panel) need from the browser, as interfaces: the
 * components depend on these, the real implementations live in lib/platform, and component
 * tests pass plain objects instead of a mocked browser.
 */
import type { LibraryReader } from './library/reader';
import type { NotesApi } from './notes/api';
import type { TransferDeps } from './notes/transfer';
import type { Call, Reply, SiteStatus } from './protocol';
import type { Settings } from './settings';

/** The tab the popup is about. */
export interface TargetTab {
  id: number;
  url: string | null;
  title: string;
}

/**
 * The messages of the map (lib/protocol.ts) a view sends about the page it describes: what the
 * page is, what its analysis found, reveal an entry, whether Dossier may run on its site, and
 * "read this tab now".
 */
export type PageMessage =
  | 'page/info'
  | 'page/analysis'
  | 'page/reveal'
  | 'site/status'
  | 'tab/analyze';

/** The popup's view of the browser. */
export interface PopupApi {
  /** The tab the popup describes, or null when there is none it can read. */
  targetTab(): Promise<TargetTab | null>;
  /**
   * Settles once what the popup asked early about page `url` for its first screen has arrived
   * (its notes), so that the page is drawn once, with them; at once when nothing was asked.
   * Absent: nothing is waited for.
   */
  pageReady?(url: string): Promise<void>;
  /** Sends the page messages about tab `tabId`, each to whoever answers it. */
  page(tabId: number): Call<PageMessage>;
  /** Asks the user for the origin (must run inside a click), then enables it. */
  alwaysRunOn(origin: string, tabId: number): Promise<Reply<SiteStatus>>;
  /**
   * Asks for every listed policy site at once (must run inside a click), then starts Dossier
   * on the tab.
   */
  allowPolicySites(tabId: number): Promise<Reply<unknown>>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  notes(tabId: number | null): NotesApi;
  transfer(): TransferDeps;
  /** Opens the side panel (must run inside the click); absent where there is none. */
  openDossier?(tabId: number | null): Promise<boolean>;
}

export type { LibrarySnapshot, LibrarySummary } from './library/reader';

/** The side panel's view of the browser (lib/platform/library-api.ts is the real one). */
export interface LibraryApi extends LibraryReader {
  /** Calls `onChange` whenever the library changes; returns the function that stops it. */
  watch(onChange: () => void): () => void;
  /** The tab the "This page" tab describes, and every later switch of tab. */
  followTab(onTab: (tab: TargetTab | null) => void): () => void;
  forgetPage(url: string, notes: boolean): Promise<Reply<{ notes: number }>>;
  forgetAll(notes: boolean): Promise<Reply<{ notes: number }>>;
  pause(paused: boolean): Promise<Reply<{ paused: boolean }>>;
  merge(a: string[], b: string[]): Promise<Reply<null>>;
  split(a: string[], b: string[]): Promise<Reply<null>>;
  splitPages(form: string, pages: string[], sites: string[]): Promise<Reply<null>>;
  download(name: string, data: string, type: string): void;
  now(): Date;
}
