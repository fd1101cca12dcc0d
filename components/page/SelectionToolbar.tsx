/**
 * The toolbar that floats by the reader's text selection on the page: highlight in a colour at
 * once, or open a small editor for a note and tags. It is a pure view: the lead mounts it in a
 * shadow root, captures the selection's range before showing it, and turns `onHighlight` /
 * `onNote` into stored annotations. The accessible names `Highlight`, `Note` and `Tags` are a
 * contract in DESIGN.md (end-to-end tests and screen readers find the buttons by them).
 *
 * The editor (note and tags) is {@link NoteForm}, rendered in place unless the lead passes
 * `renderEditor`: on web pages it is an extension frame, so the page cannot hear the typing.
 * Keystrokes inside the toolbar stop here: the page's bubbling listeners never see them, so a
 * site's own shortcuts ("j" for next story, "/" for search) cannot fire on the buttons.
 */
import type { ComponentChild, TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { COLOURS, type Colour } from '../../lib/annotation';
import { NoteForm, type NoteFormProps } from './NoteForm';
import { type PanelAnchor, usePlacement } from './placement';

/** Which part of the toolbar is open: just the buttons, or the editor focused on note or tags. */
export type ToolbarMode = 'buttons' | 'note' | 'tags';

/** Props of {@link SelectionToolbar}. */
export interface SelectionToolbarProps {
  /** Where the selection is, in viewport coordinates (see {@link PanelAnchor}). */
  anchor: PanelAnchor;
  /**
   * Tags already used, most useful first; the tag field of the in-place editor autocompletes
   * from them (an editor frame loads its own, out of the page's reach).
   */
  tagSuggestions: string[];
  /** The colour chosen when the toolbar opens (e.g. the reader's last one); yellow otherwise. */
  initialColour?: Colour;
  /** The reader chose Highlight: save a plain highlight in `colour`. */
  onHighlight(colour: Colour): void;
  /** The reader saved the editor: `note` is trimmed and may be empty, `tags` are normalised. */
  onNote(note: string, tags: string[], colour: Colour): void;
  /** Escape or Cancel: close the toolbar without saving. */
  onDismiss(): void;
  /**
   * The part to open with: `note` or `tags` when a keyboard shortcut or the context menu asked
   * for it (the field is focused at once); `buttons` (default) when a selection was made. Not
   * focused in `buttons` mode, so a mouse selection never steals focus; the lead focuses the
   * first button when the toolbar was opened from the keyboard.
   */
  mode?: ToolbarMode;
  /**
   * Shows the editor when it is open; {@link NoteForm} in place when absent. The content script
   * passes an extension frame here, so what the reader types never goes through the page.
   */
  renderEditor?: (props: NoteFormProps) => ComponentChild;
}

const inlineEditor = (props: NoteFormProps) => <NoteForm {...props} />;

const COLOUR_NAMES: Record<Colour, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

/**
 * The floating selection toolbar: `Highlight`, `Note`, `Tags` and the colour swatches; with the
 * editor open, a `Note` text area, a tag field and `Save note` / `Cancel`. Ctrl/Cmd+Enter saves
 * the editor, Escape dismisses, Left/Right move between the buttons of the top row.
 */
export function SelectionToolbar({
  anchor,
  tagSuggestions,
  initialColour = 'yellow',
  onHighlight,
  onNote,
  onDismiss,
  mode: openWith = 'buttons',
  renderEditor,
}: SelectionToolbarProps) {
  const id = useId();
  const [colour, setColour] = useState<Colour>(initialColour);
  const [mode, setMode] = useState<ToolbarMode>(openWith);
  const panelRef = usePlacement<HTMLDivElement>(anchor);
  const editorOpen = mode !== 'buttons';
  const editorId = `${id}-editor`;

  // The lead may reopen the same toolbar in another mode (a shortcut pressed while it shows).
  useEffect(() => setMode(openWith), [openWith]);

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onDismiss();
    } else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      moveInRow(e.target as Element, e.key === 'ArrowRight' ? 1 : -1, e);
    }
  };

  // Left/Right walk the top row like a toolbar; Tab still visits every control in order.
  const moveInRow = (target: Element, step: number, e: Event) => {
    const row = target.closest('.row');
    if (!row) return;
    const buttons = Array.from(row.querySelectorAll('button'));
    const at = buttons.indexOf(target as HTMLButtonElement);
    if (at < 0) return;
    e.preventDefault();
    buttons[(at + step + buttons.length) % buttons.length]?.focus();
  };

  // Pressing a button must not collapse the page's selection, which shows what is annotated;
  // only the text fields take the mouse's focus.
  const keepSelection = (e: MouseEvent) => {
    if (!(e.target as Element).closest('textarea, input')) e.preventDefault();
  };

  return (
    // biome-ignore lint/a11y/useSemanticElements: a floating panel, not a form section; a fieldset would bring form styling and semantics.
    <div
      ref={panelRef}
      class="panel toolbar"
      role="group"
      aria-label="Dossier: annotate the selection"
      onKeyDown={onKeyDown}
      onKeyUp={(e) => e.stopPropagation()}
      onKeyPress={(e) => e.stopPropagation()}
      onMouseDown={keepSelection}
    >
      <div class="row">
        <button type="button" class="action" onClick={() => onHighlight(colour)}>
          Highlight
        </button>
        <button
          type="button"
          class="action"
          aria-expanded={mode === 'note'}
          aria-controls={editorId}
          onClick={() => setMode('note')}
        >
          Note
        </button>
        <button
          type="button"
          class="action"
          aria-expanded={mode === 'tags'}
          aria-controls={editorId}
          onClick={() => setMode('tags')}
        >
          Tags
        </button>
        <span class="divider" aria-hidden="true" />
        <fieldset class="swatches" aria-label="Colour">
          {COLOURS.map((c) => (
            <button
              key={c}
              type="button"
              class={`swatch swatch-${c}`}
              aria-label={`Colour: ${c}`}
              aria-pressed={c === colour}
              title={COLOUR_NAMES[c]}
              onClick={() => setColour(c)}
            />
          ))}
        </fieldset>
      </div>
      {editorOpen &&
        (renderEditor ?? inlineEditor)({
          id: editorId,
          field: mode === 'tags' ? 'tags' : 'note',
          tagSuggestions,
          onSave: (note, tags) => onNote(note, tags, colour),
          onDismiss,
        })}
    </div>
  );
}
