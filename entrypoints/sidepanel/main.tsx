/**
 * Mounts the side panel (Chrome's side panel, Firefox's sidebar, or opened as a page). The
 * library's first rows come first: this entry imports only what reads and draws them (plain
 * IndexedDB, one read of the stored people summary), shows them, and only then loads the rest
 * of the panel (panel.tsx), which takes their place. Loading the whole panel first kept the
 * rows off screen for longer than the target (`npm run bench -- library`). On "This page", or
 * when there is no current summary to read, the panel is loaded at once and reads as usual.
 */
import { render } from 'preact';
import { type EarlyChoice, FirstRows } from '@/components/library/FirstRows';
import { readFirstRows } from '@/lib/store/first-rows';
import '@/entrypoints/popup/style.css';
import '@/components/notes/notes.css';
import '@/components/library/library.css';

/** People shown first (the panel's own first read asks for as many). */
const FIRST_ROWS = 50;

// The bench times the panel's own work from here (scripts/bench/library.ts).
performance.mark('dossier-panel-start');
const root = document.getElementById('app');
const initialTab =
  new URLSearchParams(location.search).get('view') === 'library' ? 'library' : 'page';
if (root) {
  const chosen: EarlyChoice = {};
  const first = initialTab === 'library' ? readFirstRows(FIRST_ROWS) : Promise.resolve(null);
  void first
    .then(async (rows) => {
      if (rows) {
        render(
          <FirstRows
            people={rows.people}
            total={rows.total}
            onChoose={(choice) => Object.assign(chosen, choice)}
          />,
          root,
        );
        performance.mark('dossier-first-rows');
        // A task for the browser to draw the rows before the rest is parsed and run.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const { mountPanel } = await import('./panel');
      mountPanel(root, { initialTab, first: rows, chosen });
    })
    .catch((error: unknown) => {
      root.textContent = `Dossier could not open its panel: ${String(error)}`;
    });
}
