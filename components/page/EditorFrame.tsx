/**
 * The selection toolbar's note editor on a web page, shown as a frame of the extension's own
 * origin (`editor.html`) inside Dossier's closed shadow root (issue 19). A page's capture-phase
 * key and input listeners on `window` or `document` run before anything of Dossier's for every
 * key typed into the page's document, closed shadow roots included; a key typed into this
 * frame belongs to another document, out of the page's reach. The frame and the toolbar talk
 * over a `MessageChannel` handed over as `editor-bridge.ts` describes.
 *
 * Focus moves into the frame once its field is focused, and the frame's `title` names it for
 * assistive technology; the frame sizes itself to the editor.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type FromFrame, handOverPort, newSecret } from './editor-bridge';
import type { NoteFormProps } from './NoteForm';

/** Props of {@link EditorFrame}: the editor's, plus the editor page's address. */
export interface EditorFrameProps extends NoteFormProps {
  /** `runtime.getURL(EDITOR_PAGE)`: where the editor page is loaded from. */
  src: string;
  /**
   * The extension's origin, where the editor's document runs and the only one the port is
   * sent to (in Chrome, `src` is a per-session dynamic address with another host).
   */
  origin: string;
}

/** The frame's height before the editor has measured itself (about its usual size). */
const FIRST_HEIGHT = 190;

/** The note editor in an extension frame; `tagSuggestions` are left to the frame to load. */
export function EditorFrame({ id, field, src, origin, onSave, onDismiss }: EditorFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const port = useRef<MessagePort | null>(null);
  const [height, setHeight] = useState(FIRST_HEIGHT);
  const secret = useMemo(newSecret, []);
  // The latest callbacks, for messages that arrive after a re-render.
  const handlers = useRef({ onSave, onDismiss });
  handlers.current = { onSave, onDismiss };
  const firstField = useRef(field);
  const currentField = useRef(field);
  currentField.current = field;

  useEffect(() => () => port.current?.close(), []);
  useEffect(() => {
    port.current?.postMessage({ kind: 'focus', field });
  }, [field]);

  const onMessage = (message: FromFrame) => {
    switch (message.kind) {
      case 'ready':
        // The editor is shown: the page's focus goes to the frame, so the keys typed next
        // reach it, and the frame is told to focus its field now that it may.
        frame.current?.focus();
        port.current?.postMessage({ kind: 'focus', field: currentField.current });
        return;
      case 'height':
        setHeight(Math.ceil(message.px));
        return;
      case 'save':
        handlers.current.onSave(message.note, message.tags);
        return;
      case 'dismiss':
        handlers.current.onDismiss();
        return;
    }
  };

  const onLoad = () => {
    const target = frame.current?.contentWindow;
    // Only the first document gets the port: if anything navigated the frame since, the
    // message is aimed at the extension's origin and is dropped anywhere else.
    if (!target || port.current) return;
    port.current = handOverPort(target, origin, secret, firstField.current, onMessage);
  };

  return (
    <iframe
      ref={frame}
      id={id}
      class="editor-frame"
      title="Dossier note editor"
      name={secret}
      src={src}
      style={{ height: `${height}px` }}
      onLoad={onLoad}
    />
  );
}
