/**
 * How the selection toolbar on a web page and its note editor frame (`editor.html`, an
 * extension page) talk (issue 19). The editor lives in a frame of the extension's origin so
 * that the reader's keystrokes go to a document no page script can listen to; the two sides
 * then need a channel the page can neither read nor feed.
 *
 * The toolbar makes a `MessageChannel` and hands one end to the frame with a single
 * `postMessage` aimed at the extension's origin (never `'*'`), with a secret the page cannot
 * know: the frame's `name`, set on the `<iframe>` inside Dossier's closed shadow root and
 * readable only by the frame itself (a cross-origin frame's `name` is closed to the page). The
 * frame takes the first hand-over that carries its secret and the port, and ignores every other
 * window message; from then on both sides use only the port, which no one else holds. Whatever
 * arrives on a port is checked against a schema before use.
 */
import * as v from 'valibot';
import { NOTE_MAX_CHARS, TAG_MAX_CHARS, TAGS_MAX_PER_NOTE } from '../../lib/annotation/limits';
import type { EditorField } from './NoteForm';

/** The `type` of the one window message that hands the port to the frame. */
export const EDITOR_HANDOVER = 'dossier/editor-port';

/** The extension page of the editor, as passed to `runtime.getURL`. */
export const EDITOR_PAGE = '/editor.html';

const field = v.picklist(['note', 'tags']);

/** What the toolbar tells the frame. */
export const toFrameSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('focus'), field }),
]);
/** A message from the toolbar to the editor frame. */
export type ToFrame = v.InferOutput<typeof toFrameSchema>;

/** What the frame tells the toolbar. */
export const fromFrameSchema = v.variant('kind', [
  // The editor is shown and its field focused: the toolbar moves the page's focus into it.
  v.strictObject({ kind: v.literal('ready') }),
  v.strictObject({
    kind: v.literal('save'),
    note: v.pipe(v.string(), v.maxLength(NOTE_MAX_CHARS)),
    tags: v.pipe(
      v.array(v.pipe(v.string(), v.maxLength(TAG_MAX_CHARS))),
      v.maxLength(TAGS_MAX_PER_NOTE),
    ),
  }),
  v.strictObject({ kind: v.literal('dismiss') }),
  // The editor's height in CSS pixels, so the frame fits it without a scroll bar.
  v.strictObject({
    kind: v.literal('height'),
    px: v.pipe(v.number(), v.minValue(0), v.maxValue(4000)),
  }),
]);
/** A message from the editor frame to the toolbar. */
export type FromFrame = v.InferOutput<typeof fromFrameSchema>;

/** The hand-over message (the port travels in its transfer list). */
const handoverSchema = v.strictObject({
  type: v.literal(EDITOR_HANDOVER),
  secret: v.string(),
  field,
});

/** A secret no page can guess: 128 random bits, hex. */
export function newSecret(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Toolbar side: hands a new channel to the frame's window (`target`, whose document must be of
 * `origin`, else the browser drops the message) and returns the end the toolbar keeps, which
 * passes every valid message from the frame to `onMessage` and drops the rest.
 */
export function handOverPort(
  target: Window,
  origin: string,
  secret: string,
  initial: EditorField,
  onMessage: (message: FromFrame) => void,
): MessagePort {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    const parsed = v.safeParse(fromFrameSchema, event.data);
    if (parsed.success) onMessage(parsed.output);
  };
  target.postMessage({ type: EDITOR_HANDOVER, secret, field: initial }, origin, [channel.port2]);
  return channel.port1;
}

/** What the frame receives with its port. */
export interface Handover {
  port: MessagePort;
  field: EditorField;
}

/**
 * Frame side: resolves with the port of the first hand-over from the parent window that
 * carries `secret`; every other message (a page posting to the frame, a wrong secret) is
 * ignored. Stops listening once the port has arrived.
 */
export function receivePort(win: Window, secret: string): Promise<Handover> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (!secret || event.source !== win.parent) return;
      const parsed = v.safeParse(handoverSchema, event.data);
      const port = event.ports[0];
      if (!parsed.success || parsed.output.secret !== secret || !port) return;
      win.removeEventListener('message', onMessage);
      resolve({ port, field: parsed.output.field });
    };
    win.addEventListener('message', onMessage);
  });
}

/** Frame side: reads the messages the toolbar sends on `port` (invalid ones are dropped). */
export function listenToToolbar(port: MessagePort, onMessage: (message: ToFrame) => void): void {
  port.onmessage = (event) => {
    const parsed = v.safeParse(toFrameSchema, event.data);
    if (parsed.success) onMessage(parsed.output);
  };
}
