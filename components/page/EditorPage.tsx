/**
 * The inside of the note editor frame (`editor.html`): {@link NoteForm}, wired to the toolbar
 * on the page through the port it was handed (see `editor-bridge.ts`). The reader's text and
 * tags leave this document only in the `save` message, to the content script, which stores
 * them; the page never holds them while they are typed. The tags offered for autocomplete are
 * loaded here, in the extension's origin, so no tag of another page or site is put in the
 * page's DOM.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type FromFrame, type Handover, listenToToolbar } from './editor-bridge';
import { type EditorField, NoteForm } from './NoteForm';

/** Props of {@link EditorPage}. */
export interface EditorPageProps {
  handover: Handover;
  /** The reader's tags, most used first (the frame asks the background; see the entrypoint). */
  loadTags: () => Promise<string[]>;
}

/** The editor frame's content: the form, its size and focus reported to the toolbar. */
export function EditorPage({ handover, loadTags }: EditorPageProps) {
  const { port } = handover;
  const id = useId();
  const [field, setField] = useState<EditorField>(handover.field);
  const [focusKey, setFocusKey] = useState(0);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const fieldRef = useRef(field);
  fieldRef.current = field;
  const send = (message: FromFrame) => port.postMessage(message);

  useEffect(() => {
    listenToToolbar(port, (message) => {
      if (message.kind !== 'focus') return;
      // Also when the field is the same: the page has just focused this frame, and a field
      // focused before that (without the reader's gesture) may not have kept it.
      setField(message.field);
      setFocusKey((k) => k + 1);
    });
    // Shown (NoteForm tried to focus its field as it mounted): the page may focus the frame.
    send({ kind: 'ready' });
    let live = true;
    loadTags().then(
      (tags) => live && setSuggestions(tags),
      // Autocomplete is a help: without it the field still takes any tag.
      () => undefined,
    );
    const el = box.current;
    // When the page focuses this frame, the field takes focus at once, before any key the
    // browser delivers after that focus (a field focused earlier, before the frame had focus,
    // may not have kept it).
    const onWindowFocus = () => {
      const root = el?.getRootNode() as ShadowRoot | Document | undefined;
      const active = root?.activeElement;
      if (!el || (active && el.contains(active))) return;
      el.querySelector<HTMLElement>(fieldRef.current === 'tags' ? 'input' : 'textarea')?.focus();
    };
    window.addEventListener('focus', onWindowFocus);
    const observer = new ResizeObserver(() => {
      if (el) send({ kind: 'height', px: el.getBoundingClientRect().height });
    });
    if (el) observer.observe(el);
    return () => {
      live = false;
      window.removeEventListener('focus', onWindowFocus);
      observer.disconnect();
    };
    // Once: the port and the loader do not change for the life of the frame.
  }, []);

  return (
    <div ref={box}>
      <NoteForm
        id={id}
        field={field}
        focusKey={focusKey}
        tagSuggestions={suggestions}
        onSave={(note, tags) => send({ kind: 'save', note, tags })}
        onDismiss={() => send({ kind: 'dismiss' })}
      />
    </div>
  );
}
