/**
 * The whole side panel, loaded by the entry (main.tsx) once the library's first rows are on
 * screen: the panel itself (PouchDB for the notes, the search, the person's view), the notices
 * of sync conflicts above it, and the sync settings and the trash under both tabs.
 */
import { render } from 'preact';
import type { EarlyChoice } from '@/components/library/FirstRows';
import { SidePanel } from '@/components/library/SidePanel';
import { SyncSettings } from '@/components/sync/SyncSettings';
import { ConflictNotices, TrashFold } from '@/components/sync/Trash';
import type { LibrarySummary } from '@/lib/library/reader';
import { browserLibraryApi } from '@/lib/platform/library-api';
import { browserPopupApi } from '@/lib/platform/popup-api';
import { browserSyncApi, browserTrashApi } from '@/lib/platform/sync-api';

/** Renders the panel into `root`, over whatever the entry showed there. */
export function mountPanel(
  root: HTMLElement,
  options: {
    initialTab: 'page' | 'library';
    first: LibrarySummary | null;
    chosen: EarlyChoice;
  },
): void {
  const trash = browserTrashApi();
  render(
    <>
      {/* What sync conflicts put in the trash, above everything while there is any (issue 14). */}
      <ConflictNotices api={trash} />
      <SidePanel
        api={browserLibraryApi()}
        pageApi={browserPopupApi()}
        initialTab={options.chosen.tab ?? options.initialTab}
        initialSummary={options.first}
        initialPerson={options.chosen.person ?? null}
      />
      {/* Sync (issue 14) under both tabs, folded until opened. */}
      <details class="sync-fold">
        <summary>Sync settings</summary>
        <SyncSettings api={browserSyncApi()} />
      </details>
      <TrashFold api={trash} />
    </>,
    root,
  );
}
