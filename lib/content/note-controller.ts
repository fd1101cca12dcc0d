/**
 * The reader's way from a selection to a saved note, shared by web pages
 * (lib/content/notes-layer.ts) and the PDF viewer (lib/pdf/viewer.ts): the selection toolbar
 * opens on a mouse selection, its Highlight and Note save through the background with the
 * note's own id (so a save resent after the service worker restarted is stored once), the
 * reader's last colour is kept, a failure is said in words, and a saved note goes back to its
 * view at once to be placed and painted.
 *
 * What differs between the two is behind `NoteTarget`: what a "place" is (a live Range on a
 * page, document offsets in a report), how the selection becomes one, and how a place becomes
 * the note's selectors. Both views then behave the same by construction.
 */
import { type ComponentChild, h } from 'preact';
import type { NoteFormProps } from '../../components/page/NoteForm';
import { SelectionToolbar, type ToolbarMode } from '../../components/page/SelectionToolbar';
import type { Annotation, AnnotationOrigin, Colour, NewAnnotation } from '../annotation';
import { newNoteId } from '../annotation/id';
import { sendToBackground } from '../platform/messaging';
import type { UiHost } from './ui-host';

/** A picked place and where it is on screen (the toolbar opens under it). */
export interface Picked<P> {
  place: P;
  rect: DOMRect;
}

/** What a note is made of before its text, tags and colour: its page and selectors. */
export type NoteSubject = Omit<NewAnnotation, 'id' | 'note' | 'tags' | 'colour' | 'origin'>;

/** What the controller needs from its view. */
export interface NoteTarget<P> {
  /** The reader's current selection as a place, or null when there is nothing to annotate. */
  selection(): Picked<P> | null;
  /** The note's page and selectors for `place` (null: it cannot be described, nothing saved). */
  describe(place: P): NoteSubject | null;
  /** A note was saved: place and paint it now (the change broadcast may come later). */
  saved(annotation: Annotation): void;
  /** Says a failure in plain words, so that nothing is lost silently. */
  report(message: string): void;
}

/** Options of {@link startNoteController}. */
export interface NoteControllerOptions<P> {
  doc: Document;
  /** Where the toolbar is shown (Dossier's shadow-root host). */
  host: UiHost;
  target: NoteTarget<P>;
  /** The note editor to show in the toolbar (web pages: an extension frame). */
  renderEditor?: (props: NoteFormProps) => ComponentChild;
  /** Tags to suggest in the toolbar's own editor (when there is no `renderEditor`). */
  tagSuggestions?: () => Promise<string[]>;
  /** Mouse-ups to leave alone besides those in `host` (e.g. over Dossier's other panels). */
  ignore?: (event: MouseEvent) => boolean;
}

/** A running controller. */
export interface NoteController<P> {
  /** Acts on the current selection as the keyboard shortcuts do; false when there is none. */
  act(action: 'highlight' | 'note'): boolean;
  /** Saves `place` as a note (a quotation card's "Save as note" gives `origin`). */
  save(
    place: P,
    note: string,
    tags: string[],
    colour?: Colour,
    origin?: AnnotationOrigin,
  ): Promise<void>;
  /** Closes the toolbar. */
  close(): void;
  /** Removes the listeners (the host belongs to the caller). */
  destroy(): void;
}

/** Starts the selection toolbar and note saving over `doc`. */
export function startNoteController<P>(options: NoteControllerOptions<P>): NoteController<P> {
  const { doc, host, target } = options;
  const listeners = new AbortController();
  let destroyed = false;
  let lastColour: Colour = 'yellow';
  let suggestions: string[] = [];

  const save = async (
    place: P,
    note: string,
    tags: string[],
    colour: Colour = lastColour,
    origin?: AnnotationOrigin,
  ) => {
    lastColour = colour;
    const subject = target.describe(place);
    if (!subject) return;
    // Its own id, so that a save resent after the service worker restarted is stored once.
    const annotation: NewAnnotation = {
      id: newNoteId(),
      ...subject,
      note,
      tags,
      colour,
      ...(origin ? { origin } : {}),
    };
    const reply = await sendToBackground('notes/create', { annotation }, { retry: true });
    if (destroyed) return;
    if (!reply.ok) target.report(`Your note was not saved: ${reply.error}`);
    else target.saved(reply.value);
  };

  const open = (picked: Picked<P>, mode: ToolbarMode = 'buttons') => {
    const { place, rect } = picked;
    // Focus goes back where it was when the toolbar closes (it may have moved into the editor).
    const before = doc.activeElement;
    const close = () => {
      host.show(null);
      if (before instanceof HTMLElement && before !== doc.body && before.isConnected) {
        before.focus({ preventScroll: true });
      }
    };
    host.show(
      h(SelectionToolbar, {
        anchor: { x: rect.left + rect.width / 2, y: rect.bottom, top: rect.top },
        tagSuggestions: suggestions,
        ...(options.renderEditor ? { renderEditor: options.renderEditor } : {}),
        initialColour: lastColour,
        mode,
        onHighlight: (colour: Colour) => {
          close();
          void save(place, '', [], colour);
        },
        onNote: (note: string, tags: string[], colour: Colour) => {
          close();
          void save(place, note, tags, colour);
        },
        onDismiss: close,
      }),
    );
    void options.tagSuggestions?.().then(
      (tags) => {
        suggestions = tags;
      },
      () => {},
    );
  };

  const signal = listeners.signal;
  // Only the reader's own gestures count: a page script's made-up `mouseup` opens nothing.
  doc.addEventListener(
    'mouseup',
    (event) => {
      if (!event.isTrusted || host.contains(event) || options.ignore?.(event)) return;
      // Let the browser finish updating the selection first.
      setTimeout(() => {
        if (destroyed) return;
        const picked = target.selection();
        if (picked) open(picked);
        else host.show(null);
      }, 0);
    },
    { signal },
  );
  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.isTrusted && event.key === 'Escape') host.show(null);
    },
    { signal },
  );

  return {
    act(action) {
      const picked = target.selection();
      if (!picked) return false;
      if (action === 'highlight') void save(picked.place, '', [], lastColour);
      else open(picked, 'note');
      return true;
    },
    save,
    close: () => host.show(null),
    destroy() {
      destroyed = true;
      listeners.abort();
    },
  };
}
