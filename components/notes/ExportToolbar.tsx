/**
 * The popup's export, import and backup buttons, under the names DESIGN.md fixes ("Export this
 * page", "Export tag…", "Export everything", "Import…", "Back up"). The actions themselves
 * (Markdown, W3C JSON, files, downloads) belong to the lead's wiring; this only asks the
 * questions a button cannot: which tag, which file.
 */
import { useId, useRef, useState } from 'preact/hooks';
import type { TagCount } from '../../lib/annotation';

/** What the toolbar's buttons do; implemented outside the notes UI. */
export interface ExportActions {
  exportPage(): void;
  exportTag(tag: string): void;
  exportAll(): void;
  importFile(file: File): void;
  backUp(): void;
}

/** Props of `ExportToolbar`. */
export interface ExportToolbarProps {
  actions: ExportActions;
  /** Every tag in use, for "Export tag…". */
  tags: readonly TagCount[];
  /** Shows a failure of an action (one that throws) in the panel's alert. */
  onError: (message: string) => void;
}

/** Five buttons; "Export tag…" opens a tag chooser, "Import…" a file chooser for .json. */
export function ExportToolbar({ actions, tags, onError }: ExportToolbarProps) {
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [choosing, setChoosing] = useState(false);
  const [tag, setTag] = useState('');
  const chosen = tag || tags[0]?.tag || '';

  const run = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      onError(`${what} did not work: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <fieldset class="notes-toolbar">
      <legend class="notes-visually-hidden">Export and import</legend>
      <div class="notes-actions">
        <button type="button" onClick={() => run('Export', () => actions.exportPage())}>
          Export this page
        </button>
        <button type="button" aria-expanded={choosing} onClick={() => setChoosing(!choosing)}>
          Export tag…
        </button>
        <button type="button" onClick={() => run('Export', () => actions.exportAll())}>
          Export everything
        </button>
        <button type="button" onClick={() => file.current?.click()}>
          Import…
        </button>
        <button type="button" onClick={() => run('Backup', () => actions.backUp())}>
          Back up
        </button>
      </div>
      <input
        ref={file}
        type="file"
        accept=".json,application/json"
        class="notes-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const input = event.currentTarget;
          const chosenFile = input.files?.[0];
          input.value = '';
          if (chosenFile) run('Import', () => actions.importFile(chosenFile));
        }}
      />
      {choosing && (
        <form
          class="notes-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (!chosen) return;
            setChoosing(false);
            run('Export', () => actions.exportTag(chosen));
          }}
        >
          {tags.length === 0 ? (
            <p class="notes-muted">No tags yet: add tags to notes to export them by tag.</p>
          ) : (
            <>
              <label for={id}>Tag to export</label>
              <select
                id={id}
                class="notes-select"
                value={chosen}
                onChange={(event) => setTag(event.currentTarget.value)}
              >
                {tags.map((t) => (
                  <option key={t.tag} value={t.tag}>
                    {t.tag} ({t.count})
                  </option>
                ))}
              </select>
              <button type="submit">Export</button>
            </>
          )}
          <button type="button" class="notes-link-button" onClick={() => setChoosing(false)}>
            Cancel
          </button>
        </form>
      )}
    </fieldset>
  );
}
