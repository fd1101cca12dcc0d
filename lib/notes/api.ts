/**
 * What the popup, the side panel, the PDF viewer and the in-page UI can do with the reader's
 * notes, derived from the protocol map: every `notes/…` and `tags/…` message is a call, with the
 * map's request and reply types, so a new notes message needs no change here. The real client
 * (lib/platform/notes-api.ts) sends each call to whoever answers it; component tests pass an
 * object that answers from memory. Every call resolves to a `Reply`, never throws.
 */
import type { Answers, Call, MessageType, NotesChange } from '../protocol';

/** Every notes and tags message of the protocol. */
export type NotesMessage = Extract<MessageType, `notes/${string}` | `tags/${string}`>;

/** The notes operations a view may call, and the live changes it may follow. */
export interface NotesApi {
  /** Sends one notes message (`api.call('notes/update', { id, patch })`). */
  call: Call<NotesMessage>;
  /** Calls `onChange` for every change to the notes of `url` ('*' for all); returns unsubscribe. */
  subscribe(url: string, onChange: (change: NotesChange) => void): () => void;
}

/**
 * `api` with some messages answered in place instead of sent: the PDF viewer lists, reveals
 * and finds the orphans of its notes itself, since it is the tab that holds them.
 */
export function answeringLocally(
  api: NotesApi,
  local: Partial<Answers<NotesMessage>>,
  subscribe: NotesApi['subscribe'] = api.subscribe,
): NotesApi {
  const answers = local as Partial<Record<NotesMessage, (payload: unknown) => Promise<unknown>>>;
  const call = ((type: NotesMessage, payload: unknown) =>
    answers[type]?.(payload) ?? api.call(type, payload as never)) as Call<NotesMessage>;
  return { call, subscribe };
}
