/**
 * The toolbar that floats by the reader's text selection on the page: highlight in a colour at
 * once, or open a small editor for a note and tags. It is a pure view: the lead mounts it in a
 * shadow root, captures the selection's range before showing it, and turns `onHighlight` /
 * `onNote` into stored annotations. The accessible names `Highlight`, `Note` and `Tags` are a
 * contract in DESIGN.md (end-to-end tests and screen readers find the buttons by them).
 *
 * Keystrokes inside the toolbar stop here: the page never sees them, so a site's own shortcuts
 * ("j" for next story, "/" for search) cannot fire while the reader types a note.
 */
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { COLOURS, type Colour } from '../../lib/annotation';
import { NOTE_MAX_CHARS, noteTooLongMessage } from '../../lib/annotation/limits';
import { type PanelAnchor, usePlacement } from './placement';
import { TagInput } from './TagInput';
import { addTag } from './tags';

/** Which part of the toolbar is open: just the buttons, or the editor focused on note or tags. */
export type ToolbarMode = 'buttons' | 'note' | 'tags';

/** Props of {@link SelectionToolbar}. */
export interface SelectionToolbarProps {
  /** Where the selection is, in viewport coordinates (see {@link PanelAnchor}). */
  anchor: PanelAnchor;
  /** Tags already used, most useful first; the tag field autocompletes from them. */
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
}

const COLOUR_NAMES: Record<Colour, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

/** True on Apple platforms, where the save shortcut is spelled with ⌘. */
function usesCommandKey(): boolean {
  const nav = globalThis.navigator as Navigator | undefined;
  return /Mac|iPhone|iPad/.test(nav?.platform ?? nav?.userAgent ?? '');
}

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
}: SelectionToolbarProps) {
  const id = useId();
  const [colour, setColour] = useState<Colour>(initialColour);
  const [mode, setMode] = useState<ToolbarMode>(openWith);
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const panelRef = usePlacement<HTMLDivElement>(anchor);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const tagRef = useRef<HTMLInputElement>(null);
  const editorOpen = mode !== 'buttons';
  const editorId = `${id}-editor`;
  const noteId = `${id}-note`;
  const hintId = `${id}-hint`;

  // The lead may reopen the same toolbar in another mode (a shortcut pressed while it shows).
  useEffect(() => setMode(openWith), [openWith]);

  useEffect(() => {
    if (mode === 'note') noteRef.current?.focus();
    else if (mode === 'tags') tagRef.current?.focus();
  }, [mode]);

  const [tooLong, setTooLong] = useState<string | null>(null);
  // A note over the shared limit is not sent (it would be refused): the editor stays open with
  // the text in it and says why, so nothing the reader typed is dropped.
  const save = () => {
    const text = note.trim();
    if (text.length > NOTE_MAX_CHARS) {
      setTooLong(noteTooLongMessage(text.length));
      return;
    }
    onNote(text, addTag(tags, draft, tagSuggestions), colour);
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onDismiss();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && editorOpen && !e.isComposing) {
      e.preventDefault();
      save();
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
      {editorOpen && (
        <div class="editor" id={editorId}>
          <label class="field-label" for={noteId}>
            Note
          </label>
          <textarea
            ref={noteRef}
            id={noteId}
            class="note-text"
            rows={3}
            placeholder="Write a note…"
            aria-describedby={hintId}
            value={note}
            onInput={(e) => setNote(e.currentTarget.value)}
          />
          <TagInput
            tags={tags}
            draft={draft}
            suggestions={tagSuggestions}
            onTagsChange={setTags}
            onDraftChange={setDraft}
            inputRef={tagRef}
          />
          {tooLong && (
            <p class="hint" role="alert">
              {tooLong}
            </p>
          )}
          <div class="editor-actions">
            <span id={hintId} class="hint">
              {usesCommandKey() ? '⌘' : 'Ctrl'}+Enter saves
            </span>
            <button type="button" class="secondary" onClick={onDismiss}>
              Cancel
            </button>
            <button type="button" class="primary" onClick={save}>
              Save note
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
