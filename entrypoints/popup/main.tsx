/** Mounts the popup on the real browser. */
import { render } from 'preact';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { Popup } from '@/components/Popup';
import { browserPopupApi } from '@/lib/platform/popup-api';
import './style.css';
import '@/components/notes/notes.css';

const root = document.getElementById('app');
if (root) {
  render(
    <ErrorBoundary onReload={() => location.reload()}>
      <Popup api={browserPopupApi()} />
    </ErrorBoundary>,
    root,
  );
}
