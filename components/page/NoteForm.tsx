/**
 * The note editor of the selection toolbar: a `Note` text area, the tag field and `Save note` /
 * `Cancel`. It is its own component so that it can run where the page cannot listen: on web
 * pages it is shown in an extension frame (`editor.html`, see {@link EditorFrame}), whose
 * document receives the reader's keystrokes instead of the page's (a page's capture listeners
 * on `window` see every key typed into its own DOM, a closed shadow root included). Inside
 * Dossier's own pages (the PDF viewer) it is rendered in place.
 *
 * Keystrokes inside the editor stop here: where it is rendered in a page's DOM, the page's
 * bubbling listeners never see them, so site shortcuts ("j", "/") cannot fire while typing.
 */
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { NOTE_MAX_CHARS, noteTooLongMessage } from '../../lib/annotation/limits';
import { TagInput } from './TagInput';
import { addTag } from './tags';

/** The field the editor focuses: the note's text, or its tags. */
export type EditorField = 'note' | 'tags';

/** Props of {@link NoteForm}, also what the toolbar hands to any editor it shows. */
export interface NoteFormProps {
  /** The editor element's id (the toolbar's Note and Tags buttons control it). */
  id: string;
  /** Which field has focus; changing it moves focus there. */
  field: EditorField;
  /** Changing it moves focus to `field` again (the frame is focused only after it asked). */
  focusKey?: number;
  /** Tags already used, most useful first; the tag field autocompletes from them. */
  tagSuggestions: string[];
  /** Save: `note` is trimmed and may be empty, `tags` are normalised (a half-typed one kept). */
  onSave(note: string, tags: string[]): void;
  /** Escape or Cancel: close without saving. */
  onDismiss(): void;
}

/** True on Apple platforms, where the save shortcut is spelled with ⌘. */
function usesCommandKey(): boolean {
  const nav = globalThis.navigator as Navigator | undefined;
  return /Mac|iPhone|iPad/.test(nav?.platform ?? nav?.userAgent ?? '');
}

/**
 * The editing form: Ctrl/Cmd+Enter saves, Escape dismisses (after the tag suggestions, if
 * open, have closed), a note over the shared limit stays in the field with the reason shown.
 */
export function NoteForm({
  id,
  field,
  focusKey = 0,
  tagSuggestions,
  onSave,
  onDismiss,
}: NoteFormProps) {
  const uid = useId();
  const [note, setNote] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [tooLong, setTooLong] = useState<string | null>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const tagRef = useRef<HTMLInputElement>(null);
  const noteId = `${uid}-note`;
  const hintId = `${uid}-hint`;

  // `focusKey` is a dependency on purpose: a new one asks for focus again.
  useEffect(() => {
    if (field === 'note') noteRef.current?.focus();
    else tagRef.current?.focus();
  }, [field, focusKey]);

  // A note over the shared limit is not sent (it would be refused): the editor stays open with
  // the text in it and says why, so nothing the reader typed is dropped.
  const save = () => {
    const text = note.trim();
    if (text.length > NOTE_MAX_CHARS) {
      setTooLong(noteTooLongMessage(text.length));
      return;
    }
    onSave(text, addTag(tags, draft, tagSuggestions));
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onDismiss();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
      e.preventDefault();
      save();
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and Ctrl+Enter anywhere in the editor; every control inside is a real field or button.
    <div
      class="editor"
      id={id}
      onKeyDown={onKeyDown}
      onKeyUp={(e) => e.stopPropagation()}
      onKeyPress={(e) => e.stopPropagation()}
    >
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
  );
}
