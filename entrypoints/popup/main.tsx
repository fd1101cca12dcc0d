/**
 * Mounts the popup on the real browser. Its first questions (the tab, the page, the page's
 * notes) are asked here, all at once, before Preact renders anything (lib/platform/popup-start.ts).
 */
import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { Popup } from '@/components/Popup';
import { browserPopupApi } from '@/lib/platform/popup-api';
import { askFirst } from '@/lib/platform/popup-start';
import './style.css';
import '@/components/notes/notes.css';

const api = browserPopupApi(location, askFirst(location));
const root = document.getElementById('app');
if (root) {
  render(
    <ErrorBoundary onReload={() => location.reload()}>
      <Popup api={api} />
    </ErrorBoundary>,
    root,
  );
}
