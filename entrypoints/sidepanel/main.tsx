/** Mounts the side panel (Chrome's side panel, Firefox's sidebar, or opened as a page). */
import { render } from 'preact';
import { SidePanel } from '@/components/library/SidePanel';
import { SyncSettings } from '@/components/sync/SyncSettings';
import { browserLibraryApi } from '@/lib/platform/library-api';
import { browserPopupApi } from '@/lib/platform/popup-api';
import { browserSyncApi } from '@/lib/platform/sync-api';
import '@/entrypoints/popup/style.css';
import '@/components/notes/notes.css';
import '@/components/library/library.css';

const root = document.getElementById('app');
const initial = new URLSearchParams(location.search).get('view') === 'library' ? 'library' : 'page';
if (root) {
  render(
    <>
      <SidePanel api={browserLibraryApi()} pageApi={browserPopupApi()} initialTab={initial} />
      {/* Sync (issue 14) under both tabs, folded until opened. */}
      <details class="sync-fold">
        <summary>Sync settings</summary>
        <SyncSettings api={browserSyncApi()} />
      </details>
    </>,
    root,
  );
}
