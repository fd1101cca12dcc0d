/**
 * A note edited in place: its text, its tags (chips plus an input with autocomplete) and its
 * colour. There is no Save button: changes autosave a moment after typing stops, on leaving
 * the editor and when the popup closes, and the state ("Saving…", "Saved", or why not) is
 * always shown next to the fields.
 */
import type { TargetedInputEvent, TargetedKeyboardEvent } from 'preact';
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import type { NotePatch } from '../../lib/annotation';
import { type Annotation, COLOURS, type Colour } from '../../lib/annotation';
import { NOTE_MAX_CHARS, noteTooLongMessage } from '../../lib/annotation/limits';
import type { Reply } from '../../lib/protocol';
import { addTags, parseTags, sameTags } from './note-text';
import { type SaveState, useAutosave } from './use-autosave';

interface Draft {
  note: string;
  tags: string[];
}

/** Props of `NoteEditor`. */
export interface NoteEditorProps {
  annotation: Annotation;
  /** Writes a change; the reply's annotation replaces the one in the list. */
  onSave: (id: string, patch: NotePatch) => Promise<Reply<Annotation>>;
  onRecolour: (id: string, colour: Colour) => void;
  /** The reader is done editing (everything is saved). */
  onDone: (id: string) => void;
  /** Id of the shared `<datalist>` of known tags. */
  tagListId: string;
  /** Pause after the last keystroke before saving, in ms. */
  saveDelay?: number;
}

const sameDraft = (a: Draft, b: Draft) => a.note === b.note && sameTags(a.tags, b.tags);

/** The editing form of one note; mounted only while that note is being edited. */
export function NoteEditor({
  annotation,
  onSave,
  onRecolour,
  onDone,
  tagListId,
  saveDelay = 400,
}: NoteEditorProps) {
  const id = annotation.id;
  const fieldId = useId();
  const [draft, setDraft] = useState<Draft>(() => ({
    note: annotation.note,
    tags: annotation.tags,
  }));
  const [pending, setPending] = useState('');
  const draftRef = useRef(draft);
  draftRef.current = draft;
  const pendingRef = useRef(pending);
  pendingRef.current = pending;
  const root = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);

  const save = useCallback(
    (value: Draft, previous: Draft) => {
      const patch: NotePatch = {};
      // Over the one limit every part of Dossier shares: not sent, kept in the field.
      if (value.note.length > NOTE_MAX_CHARS) {
        return Promise.resolve({
          ok: false as const,
          error: noteTooLongMessage(value.note.length),
        });
      }
      if (value.note !== previous.note) patch.note = value.note;
      if (!sameTags(value.tags, previous.tags)) patch.tags = value.tags;
      return onSave(id, patch);
    },
    [id, onSave],
  );
  const { state, flush } = useAutosave(draft, { save, equals: sameDraft, delay: saveDelay });

  /** Turns what is typed in the tag input into chips, and saves now if asked. */
  const commitPending = useCallback(
    (now: boolean) => {
      const typed = parseTags(pendingRef.current);
      let next = draftRef.current;
      if (typed.length > 0) {
        next = { ...next, tags: addTags(next.tags, typed) };
        draftRef.current = next;
        setDraft(next);
      }
      if (pendingRef.current) setPending('');
      return now ? flush(next) : Promise.resolve(true);
    },
    [flush],
  );

  const finish = useCallback(async () => {
    if (await commitPending(true)) onDone(id);
  }, [commitPending, onDone, id]);

  useEffect(() => {
    textarea.current?.focus();
  }, []);

  // Closing the popup may not unmount anything: save on the way out.
  useEffect(() => {
    const leave = () => void commitPending(true);
    const hidden = () => document.visibilityState === 'hidden' && leave();
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
    };
  }, [commitPending]);

  const onFocusOut = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (!next || !root.current?.contains(next)) void commitPending(true);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void finish();
    }
  };

  const onTagKeyDown = (event: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      void commitPending(false);
    } else if (event.key === 'Backspace' && pendingRef.current === '' && draft.tags.length > 0) {
      setDraft({ ...draft, tags: draft.tags.slice(0, -1) });
    }
  };

  const onTagInput = (event: TargetedInputEvent<HTMLInputElement>) => {
    const text = event.currentTarget.value;
    if (text.includes(',')) {
      // Pasted "a, b, c" or a typed comma: everything before the last comma becomes chips.
      const last = text.lastIndexOf(',');
      setDraft({
        ...draftRef.current,
        tags: addTags(draftRef.current.tags, text.slice(0, last).split(',')),
      });
      setPending(text.slice(last + 1).trimStart());
    } else {
      setPending(text);
    }
  };

  const removeTag = (tag: string) => {
    setDraft({ ...draft, tags: draft.tags.filter((t) => t !== tag) });
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the editor closes it; every control inside is a real input or button.
    <div class="notes-editor" ref={root} onFocusOut={onFocusOut} onKeyDown={onKeyDown}>
      <label class="notes-field-label" for={`${fieldId}-note`}>
        Note
      </label>
      <textarea
        id={`${fieldId}-note`}
        ref={textarea}
        class="notes-textarea"
        rows={3}
        value={draft.note}
        onInput={(event) => setDraft({ ...draftRef.current, note: event.currentTarget.value })}
      />
      <label class="notes-field-label" for={`${fieldId}-tags`}>
        Tags
      </label>
      {draft.tags.length > 0 && (
        <ul class="notes-tags notes-tags-editable" aria-label="Tags on this note">
          {draft.tags.map((tag) => (
            <li key={tag} class="notes-tag">
              <span>{tag}</span>
              <button
                type="button"
                class="notes-tag-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => removeTag(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={`${fieldId}-tags`}
        class="notes-input"
        type="text"
        list={tagListId}
        autocomplete="off"
        aria-describedby={`${fieldId}-tags-hint`}
        value={pending}
        onInput={onTagInput}
        onKeyDown={onTagKeyDown}
      />
      <p id={`${fieldId}-tags-hint`} class="notes-hint">
        Press Enter or type a comma to add a tag.
      </p>
      <fieldset class="notes-colours">
        <legend class="notes-field-label">Colour</legend>
        {COLOURS.map((colour) => (
          <button
            key={colour}
            type="button"
            class={`notes-colour notes-swatch-${colour}`}
            aria-label={`Colour: ${colour}`}
            aria-pressed={annotation.colour === colour}
            onClick={() => onRecolour(id, colour)}
          />
        ))}
      </fieldset>
      <div class="notes-editor-footer">
        <SaveStatus state={state} onRetry={() => void commitPending(true)} />
        <button type="button" onClick={() => void finish()}>
          Done
        </button>
      </div>
    </div>
  );
}

/** "Saving…" / "Saved" as a polite status; a failed save as an alert the reader will notice. */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  if (state.kind === 'error') {
    return (
      <div class="notes-save notes-error" role="alert">
        <span>Not saved: {state.message} Your text is kept here.</span>{' '}
        <button type="button" class="notes-link-button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p class="notes-save notes-muted" role="status">
      {state.kind === 'saving' ? 'Saving…' : state.kind === 'saved' ? 'Saved' : ''}
    </p>
  );
}
