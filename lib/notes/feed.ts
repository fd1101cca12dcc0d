/**
 * Live fan-out from the store's change feed: every stored change to a note, whether this
 * reader made it in a tab or replication brought it from another device or a teammate, goes
 * to the open views of its page (lib/sync/hub.ts). Driving the fan-out from the feed rather
 * than from the service's own writes is what makes a synced note appear in an open tab.
 */
import type { Annotation } from '../annotation';
import type { NotesChange } from '../protocol';
import {
  type ConflictResolution,
  type DossierDB,
  type FeedMark,
  type NotesFeedEvent,
  watchNotes,
} from '../store';

/** Beyond this many changes at once (an import, a tag rename), views reload instead. */
export const RELOAD_ABOVE = 50;

/** The messages one batch of stored changes becomes, as `[url, change]` pairs. */
export function changesOf(events: readonly NotesFeedEvent[]): [string, NotesChange][] {
  if (events.length > RELOAD_ABOVE || events.some((event) => event.kind === 'reload')) {
    return [['*', { kind: 'reload' }]];
  }
  return events.map((event) =>
    event.kind === 'upsert'
      ? [event.url, { kind: 'upsert', annotation: event.note }]
      : event.kind === 'delete'
        ? [event.url, { kind: 'delete', id: event.id, url: event.url }]
        : ['*', { kind: 'reload' }],
  );
}

/** Options of `followNotes`. */
export interface FollowOptions {
  /** A conflict between devices was settled; `notice` is a sentence for the reader. */
  onNotice?: (notice: string) => void;
  /** The same, with what was decided (what the conflict notices name: lib/sync/notices.ts). */
  onResolved?: (resolution: ConflictResolution) => void;
  /** A conflict's other version arrived in the trash (resolved here or on another device). */
  onSetAside?: (note: Annotation) => void;
  /** A note came back to life or was removed for good: its notices are settled. */
  onSettled?: (id: string) => void;
  /** A library choice was stored or removed (most often arriving from another device). */
  onChoice?: () => void;
  /** Where the feed stopped reading, for the next one to go on from (lib/store/feed.ts). */
  mark?: FeedMark;
}

/**
 * Publishes every stored change from now on. If the feed fails (the database was closed
 * under it), it follows again on a fresh connection at the next change of connection.
 * Returns a function that stops.
 */
export function followNotes(
  db: () => Promise<DossierDB>,
  publish: (url: string, change: NotesChange) => void,
  options: FollowOptions = {},
): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  const start = async (): Promise<void> => {
    const open = await db();
    if (stopped) return;
    stop = watchNotes(
      open,
      (events) => {
        for (const [url, change] of changesOf(events)) publish(url, change);
      },
      {
        onResolved: (_id, resolution) => {
          if (resolution.notice) options.onNotice?.(resolution.notice);
          options.onResolved?.(resolution);
        },
        onSetAside: (note) => options.onSetAside?.(note),
        onSettled: (id) => options.onSettled?.(id),
        onChoice: () => options.onChoice?.(),
        ...(options.mark ? { mark: options.mark } : {}),
        onError: () => {
          stop?.();
          stop = undefined;
          setTimeout(() => void start().catch(() => undefined), 1000);
        },
      },
    );
  };
  void start().catch(() => setTimeout(() => void start().catch(() => undefined), 1000));
  return () => {
    stopped = true;
    stop?.();
  };
}
