/**
 * A tag field with autocomplete from the tags the reader already uses, following the ARIA 1.2
 * combobox-with-listbox pattern: focus stays in the text field and `aria-activedescendant`
 * points at the suggestion chosen with the arrow keys, so screen readers announce it while
 * typing continues. Tags and the half-typed draft are controlled by the parent, so a note saved
 * with Ctrl/Cmd+Enter while a tag is still being typed keeps that tag.
 */
import type { TargetedInputEvent, TargetedKeyboardEvent } from 'preact';
import { useId, useState } from 'preact/hooks';
import { addTag, suggestTags } from './tags';

/** Props of {@link TagInput}; `tags` and `draft` are owned by the parent. */
export interface TagInputProps {
  tags: string[];
  draft: string;
  suggestions: string[];
  onTagsChange(tags: string[]): void;
  onDraftChange(draft: string): void;
  /** Lets the parent focus the field (the toolbar does so when the Tags button is used). */
  inputRef?: { current: HTMLInputElement | null };
}

/**
 * Chips for the tags so far, then a text field: Enter or comma turns the draft into a chip,
 * Backspace on an empty field removes the last chip, Up/Down choose a suggestion, Escape closes
 * the suggestions (a second Escape reaches the parent, which dismisses).
 */
export function TagInput({
  tags,
  draft,
  suggestions,
  onTagsChange,
  onDraftChange,
  inputRef,
}: TagInputProps) {
  const id = useId();
  const inputId = `${id}-tag-input`;
  const listId = `${id}-tag-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = suggestTags(suggestions, draft, tags);
  const showList = open && matches.length > 0;
  const activeTag = showList && active >= 0 ? matches[active] : undefined;

  const commit = (raw: string) => {
    onTagsChange(addTag(tags, raw, suggestions));
    onDraftChange('');
    setActive(-1);
    setOpen(false);
  };

  const onInput = (e: TargetedInputEvent<HTMLInputElement>) => {
    const parts = e.currentTarget.value.split(',');
    const rest = parts.pop() ?? '';
    if (parts.length > 0) {
      // A comma typed or pasted ends every tag before it.
      onTagsChange(parts.reduce((acc, part) => addTag(acc, part, suggestions), tags));
    }
    onDraftChange(rest);
    setActive(-1);
    setOpen(true);
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLInputElement>) => {
    if (e.isComposing) return;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault();
        const n = matches.length;
        if (n === 0) return;
        const down = e.key === 'ArrowDown';
        if (!showList) {
          setOpen(true);
          setActive(down ? 0 : n - 1);
        } else if (down) {
          setActive(active + 1 >= n ? 0 : active + 1);
        } else {
          setActive(active <= 0 ? n - 1 : active - 1);
        }
        return;
      }
      case 'Enter':
        // Ctrl/Cmd+Enter saves the whole note; the parent handles it and commits the draft.
        if (e.ctrlKey || e.metaKey) return;
        e.preventDefault();
        if (activeTag !== undefined) commit(activeTag);
        else if (draft.trim()) commit(draft);
        return;
      case ',':
        e.preventDefault();
        if (draft.trim()) commit(draft);
        return;
      case 'Backspace':
        if (draft === '' && tags.length > 0) {
          e.preventDefault();
          onTagsChange(tags.slice(0, -1));
        }
        return;
      case 'Escape':
        if (showList) {
          // Marked as handled so the parent does not dismiss the whole toolbar as well.
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        }
        return;
    }
  };

  return (
    <div class="tag-input">
      <label class="field-label" for={inputId}>
        Tags
      </label>
      <div class="tag-field">
        {tags.length > 0 && (
          <ul class="chips" aria-label="Tags on this note">
            {tags.map((tag) => (
              <li class="chip" key={tag}>
                <span class="chip-text">{tag}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={`Remove tag ${tag}`}
                  onClick={() => onTagsChange(tags.filter((t) => t !== tag))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-expanded={showList}
          aria-controls={listId}
          aria-activedescendant={activeTag !== undefined ? `${listId}-${active}` : undefined}
          placeholder={tags.length > 0 ? 'Add another…' : 'Add a tag…'}
          value={draft}
          onInput={onInput}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
        />
      </div>
      <div
        id={listId}
        class="suggestions"
        role="listbox"
        aria-label="Tag suggestions"
        hidden={!showList}
      >
        {showList &&
          matches.map((tag, i) => (
            // biome-ignore lint/a11y/useFocusableInteractive: combobox pattern: focus stays in the field, aria-activedescendant marks the option.
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard chooses options from the field (Up, Down, Enter).
            <div
              key={tag}
              id={`${listId}-${i}`}
              class="suggestion"
              role="option"
              aria-selected={i === active}
              // Keep focus in the field, so choosing with the mouse does not blur and close.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => commit(tag)}
            >
              {tag}
            </div>
          ))}
      </div>
    </div>
  );
}
