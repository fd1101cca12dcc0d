/**
 * One note in the popup list: colour, quote (a button that scrolls the page to it), the note
 * and its tags, with Edit and Delete; a teammate's note in the team colour, "by <name>", and
 * neither. Memoised, so typing in one note or in the search box does not re-render the other
 * few hundred rows. Every user-supplied string is rendered as text.
 */

import type { Annotation, Colour, NotePatch } from '../../lib/annotation';
import type { Reply } from '../../lib/protocol';
import { memo } from './memo';
import { NoteEditor } from './NoteEditor';
import { truncateQuote } from './note-text';

/** Props of `NoteItem`; the callbacks must be stable (useCallback) for the memo to help. */
export interface NoteItemProps {
  annotation: Annotation;
  editing: boolean;
  /** The note could not be anchored on this version of the page. */
  orphan?: boolean;
  tagListId: string;
  saveDelay?: number;
  onReveal: (id: string) => void;
  onEdit: (id: string) => void;
  onDone: (id: string) => void;
  onDelete: (id: string) => void;
  onRecolour: (id: string, colour: Colour) => void;
  onSave: (id: string, patch: NotePatch) => Promise<Reply<Annotation>>;
}

/** One note row, read-only until the reader presses Edit (unmemoised; tests count its renders). */
export function NoteItemRender({
  annotation,
  editing,
  orphan = false,
  tagListId,
  saveDelay,
  onReveal,
  onEdit,
  onDone,
  onDelete,
  onRecolour,
  onSave,
}: NoteItemProps) {
  const { id, colour, quote, note, tags, author } = annotation;
  const short = truncateQuote(quote.exact);
  return (
    <li
      class={`notes-item${orphan ? ' notes-item-orphan' : ''}${author !== undefined ? ' notes-item-team' : ''}`}
      data-note-id={id}
    >
      <div class="notes-item-head">
        <span
          class={`notes-swatch notes-swatch-${author !== undefined ? 'team' : colour}`}
          role="img"
          aria-label={author !== undefined ? `${author}'s note` : `${colour} highlight`}
          title={author ?? colour}
        />
        {orphan ? (
          <blockquote class="notes-quote" title={quote.exact}>
            {short || <span class="notes-muted">(no quote)</span>}
          </blockquote>
        ) : (
          <button
            type="button"
            class="notes-quote notes-quote-button"
            title={quote.exact}
            onClick={() => onReveal(id)}
          >
            <span class="notes-visually-hidden">Show on the page: </span>
            {short || '(no quote)'}
          </button>
        )}
      </div>
      {orphan && <p class="notes-orphan-label">Not found on this version of the page</p>}
      {editing ? (
        <NoteEditor
          annotation={annotation}
          onSave={onSave}
          onRecolour={onRecolour}
          onDone={onDone}
          tagListId={tagListId}
          saveDelay={saveDelay}
        />
      ) : (
        <>
          {note && <p class="notes-text">{note}</p>}
          {tags.length > 0 && (
            <ul class="notes-tags" aria-label="Tags">
              {tags.map((tag) => (
                <li key={tag} class="notes-tag">
                  {tag}
                </li>
              ))}
            </ul>
          )}
          {author !== undefined ? (
            // A teammate's note: theirs to change (the store and the server refuse it too).
            <p class="notes-author">by {author}</p>
          ) : (
            <div class="notes-item-actions">
              <button type="button" class="notes-small" onClick={() => onEdit(id)}>
                Edit
              </button>
              <button type="button" class="notes-small" onClick={() => onDelete(id)}>
                Delete
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** The row as the list uses it: skipped when its annotation and flags are unchanged. */
export const NoteItem = memo(NoteItemRender);
