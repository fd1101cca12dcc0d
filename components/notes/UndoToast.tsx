/**
 * The status line at the bottom of the panel: "Note deleted." with Undo, or a short word about
 * what just happened ("Renamed on 4 notes."). A polite live region, so screen readers hear it
 * without losing their place, and it stays until replaced or dismissed: an Undo that vanishes
 * on a timer is an Undo some readers never reach.
 */
import type { Ref } from 'preact';

/** What the status line says, and whether it offers Undo for a deleted note. */
export interface Notice {
  text: string;
  undoId?: string;
}

/** Props of `UndoToast`. */
export interface UndoToastProps {
  notice: Notice | null;
  onUndo: (id: string) => void;
  onDismiss: () => void;
  /** The Undo button, so the panel can move focus to it when the focused note is deleted. */
  undoRef?: Ref<HTMLButtonElement>;
}

/** Always rendered (a live region must exist before it speaks); empty when there is nothing. */
export function UndoToast({ notice, onUndo, onDismiss, undoRef }: UndoToastProps) {
  return (
    <div class={notice ? 'notes-toast' : 'notes-toast notes-toast-empty'} role="status">
      {notice && (
        <>
          <span>{notice.text}</span>
          {notice.undoId !== undefined && (
            <button
              type="button"
              ref={undoRef}
              class="notes-small"
              onClick={() => notice.undoId !== undefined && onUndo(notice.undoId)}
            >
              Undo
            </button>
          )}
          <button
            type="button"
            class="notes-small notes-link-button"
            aria-label="Dismiss message"
            onClick={onDismiss}
          >
            ×
          </button>
        </>
      )}
    </div>
  );
}
