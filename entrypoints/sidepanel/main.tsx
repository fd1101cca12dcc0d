/** Mounts the side panel (Chrome's side panel, Firefox's sidebar, or opened as a page). */
import { render } from 'preact';
import { SidePanel } from '@/components/library/SidePanel';
import { SyncSettings } from '@/components/sync/SyncSettings';
import { ConflictNotices, TrashFold } from '@/components/sync/Trash';
import { browserLibraryApi } from '@/lib/platform/library-api';
import { browserPopupApi } from '@/lib/platform/popup-api';
import { browserSyncApi, browserTrashApi } from '@/lib/platform/sync-api';
import '@/entrypoints/popup/style.css';
import '@/components/notes/notes.css';
import '@/components/library/library.css';

const root = document.getElementById('app');
const initial = new URLSearchParams(location.search).get('view') === 'library' ? 'library' : 'page';
if (root) {
  const trash = browserTrashApi();
  render(
    <>
      {/* What sync conflicts put in the trash, above everything while there is any (issue 14). */}
      <ConflictNotices api={trash} />
      <SidePanel api={browserLibraryApi()} pageApi={browserPopupApi()} initialTab={initial} />
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
