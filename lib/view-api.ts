/**
 * What the views (the popup, and the side panel) need from the browser, as interfaces: the
 * components depend on these, the real implementations live in lib/platform, and component
 * tests pass plain objects instead of a mocked browser.
 */
import type { NotesApi } from './notes/api';
import type { TransferDeps } from './notes/transfer';
import type { AnalysisSummary, PageInfo, Reply, SiteStatus } from './protocol';
import type { Settings } from './settings';

/** The tab the popup is about. */
export interface TargetTab {
  id: number;
  url: string | null;
  title: string;
}

/** The popup's view of the browser. */
export interface PopupApi {
  /** The tab the popup describes, or null when there is none it can read. */
  targetTab(): Promise<TargetTab | null>;
  pageInfo(tabId: number): Promise<Reply<PageInfo>>;
  siteStatus(url: string): Promise<Reply<SiteStatus>>;
  analyzeTab(tabId: number): Promise<Reply<unknown>>;
  /** Asks the user for the origin (must run inside a click), then enables it. */
  alwaysRunOn(origin: string, tabId: number): Promise<Reply<SiteStatus>>;
  /** Officials and quotations the content script found. */
  analysis(tabId: number): Promise<Reply<AnalysisSummary>>;
  reveal(
    tabId: number,
    kind: 'official' | 'quote',
    index: number,
  ): Promise<Reply<{ found: boolean }>>;
  loadSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  notes(tabId: number | null): NotesApi;
  transfer(): TransferDeps;
}
