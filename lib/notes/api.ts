/**
 * What the popup and the in-page UI can do with the reader's notes, as one interface. The real
 * implementation sends protocol messages to the background (which owns the store); component
 * tests pass a plain object. Every call resolves to a `Reply`, never throws.
 */
import type { Annotation, NotePatch, TagCount } from '../annotation';
import type { NotesChange, Reply } from '../protocol';

/** The notes operations the UI may call. */
export interface NotesApi {
  /** Notes of one page (normalised URL), in page order. */
  list(url: string): Promise<Reply<Annotation[]>>;
  update(id: string, patch: NotePatch): Promise<Reply<Annotation>>;
  remove(id: string): Promise<Reply<{ id: string; url: string }>>;
  undo(id: string): Promise<Reply<Annotation>>;
  /** Search across all pages, or one page when `url` is given. */
  search(query: string, url?: string): Promise<Reply<Annotation[]>>;
  tags(): Promise<Reply<TagCount[]>>;
  renameTag(from: string, to: string): Promise<Reply<{ changed: number }>>;
  mergeTags(sources: string[], into: string): Promise<Reply<{ changed: number }>>;
  /** Scrolls the tab to a note and flashes it. */
  reveal(id: string): Promise<Reply<{ found: boolean }>>;
  /** Which notes of the page could not be anchored (asked of the tab). */
  orphans(): Promise<Reply<string[]>>;
  /** Calls `onChange` for every change to the notes of `url` ('*' for all); returns unsubscribe. */
  subscribe(url: string, onChange: (change: NotesChange) => void): () => void;
}
