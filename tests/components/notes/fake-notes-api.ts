/**
 * An in-memory `NotesApi` for component tests: a small working store (list in page order,
 * update, delete to a trash with undo, search, tags, rename and merge) that broadcasts every
 * change to its subscribers the way the background does. Tests drive it like a second tab
 * (`writeFromAnotherTab`), make one call fail (`failNext`), or hold a call open (`hold`).
 */
import type { Annotation } from '../../../lib/annotation';
import { fold } from '../../../lib/annotation/rules';
import type { NotesApi, NotesMessage } from '../../../lib/notes/api';
import type { Call, NotesChange, Reply, RequestOf, ResponseOf } from '../../../lib/protocol';

type Method = NotesMessage;

let counter = 0;

/** A note on `url` with sensible defaults; override what the test is about. */
export function makeNote(
  overrides: Partial<Omit<Annotation, 'page' | 'quote' | 'position'>> & {
    exact?: string;
    start?: number;
    url?: string;
    title?: string;
  } = {},
): Annotation {
  const {
    exact = 'a passage',
    start = 0,
    url = PAGE,
    title = 'Gas Talks Resume',
    ...rest
  } = overrides;
  counter++;
  return {
    id: `note-${counter}`,
    page: { url, title, site: new URL(url).hostname },
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    note: '',
    tags: [],
    colour: 'yellow',
    created: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-01T00:00:00.000Z',
    ...rest,
  };
}

/** The page most tests are on. */
export const PAGE = 'https://www.caspianpolicy.org/research/energy/caspian-seed';

/** See the module comment. */
export class FakeNotesApi implements NotesApi {
  readonly notes = new Map<string, Annotation>();
  readonly trash = new Map<string, Annotation>();
  orphanIds: string[] = [];
  readonly revealed: string[] = [];
  /** Every call made, by message type, in order. */
  readonly calls: Method[] = [];
  private readonly failures = new Map<Method, string>();
  private readonly holds = new Map<Method, Promise<void>>();
  private readonly listeners = new Set<{ url: string; onChange: (c: NotesChange) => void }>();
  private tick = 0;

  constructor(notes: Annotation[] = []) {
    for (const note of notes) this.notes.set(note.id, note);
  }

  /** The next call of `method` resolves to `{ ok: false, error }`. */
  failNext(method: Method, error: string): void {
    this.failures.set(method, error);
  }

  /** Replies of `method` are held back until the returned function is called. */
  hold(method: Method): () => void {
    let release = () => {};
    this.holds.set(
      method,
      new Promise<void>((resolve) => {
        release = () => {
          this.holds.delete(method);
          resolve();
        };
      }),
    );
    return release;
  }

  /** How many views are subscribed. */
  get subscribers(): number {
    return this.listeners.size;
  }

  /** Another tab saved `annotation`: stored and broadcast. */
  writeFromAnotherTab(annotation: Annotation): void {
    this.notes.set(annotation.id, annotation);
    this.emit({ kind: 'upsert', annotation });
  }

  /** Another tab deleted a note. */
  deleteFromAnotherTab(id: string): void {
    const note = this.notes.get(id);
    if (!note) return;
    this.notes.delete(id);
    this.emit({ kind: 'delete', id, url: note.page.url });
  }

  /** Sends a change to the subscribers of its page (and of '*'). */
  emit(change: NotesChange): void {
    const url =
      change.kind === 'upsert'
        ? change.annotation.page.url
        : change.kind === 'delete'
          ? change.url
          : null;
    for (const listener of [...this.listeners]) {
      if (url === null || listener.url === '*' || listener.url === url) listener.onChange(change);
    }
  }

  /**
   * Runs `work` at once, as the background would, and delivers its reply only when any `hold`
   * on the method is released: a reply still in flight while other things happen.
   */
  private async answer<T>(method: Method, work: () => Reply<T>): Promise<Reply<T>> {
    this.calls.push(method);
    const error = this.failures.get(method);
    this.failures.delete(method);
    const reply: Reply<T> = error === undefined ? work() : { ok: false, error };
    await this.holds.get(method);
    return reply;
  }

  private now(): string {
    this.tick++;
    return new Date(Date.UTC(2026, 1, 1, 0, 0, this.tick)).toISOString();
  }

  /** Answers a notes message from memory, as the background would (see `answer`). */
  readonly call = ((type: NotesMessage, payload: never) => {
    const handler = this.table[type] as ((payload: never) => Reply<unknown>) | undefined;
    return this.answer(type, () =>
      handler ? handler(payload) : { ok: false, error: `The fake does not answer ${type}.` },
    );
  }) as Call<NotesMessage>;

  /** What the fake answers, message by message, like the background's handler table. */
  private readonly table: Partial<{
    [K in NotesMessage]: (payload: RequestOf<K>) => Reply<ResponseOf<K>>;
  }> = {
    'notes/list': ({ url }) => {
      const notes = [...this.notes.values()].filter((n) => n.page.url === url);
      return { ok: true, value: notes.sort((a, b) => a.position.start - b.position.start) };
    },
    'notes/update': ({ id, patch }) => {
      const note = this.notes.get(id);
      if (!note) return { ok: false, error: 'That note no longer exists.' };
      const next: Annotation = { ...note, ...patch, updated: this.now() };
      this.notes.set(id, next);
      this.emit({ kind: 'upsert', annotation: next });
      return { ok: true, value: next };
    },
    'notes/delete': ({ id }) => {
      const note = this.notes.get(id);
      if (!note) return { ok: false, error: 'That note no longer exists.' };
      this.notes.delete(id);
      this.trash.set(id, note);
      this.emit({ kind: 'delete', id, url: note.page.url });
      return { ok: true, value: { id, url: note.page.url } };
    },
    'notes/undo': ({ id }) => {
      const note = this.trash.get(id);
      if (!note) return { ok: false, error: 'There is nothing to undo.' };
      this.trash.delete(id);
      this.notes.set(id, note);
      this.emit({ kind: 'upsert', annotation: note });
      return { ok: true, value: note };
    },
    'notes/search': ({ query, url }) => {
      const words = fold(query).split(/\s+/).filter(Boolean);
      const found = [...this.notes.values()].filter(
        (n) =>
          (url === undefined || n.page.url === url) &&
          words.every((w) =>
            fold([n.note, n.quote.exact, n.page.title, ...n.tags].join('\n')).includes(w),
          ),
      );
      return { ok: true, value: found };
    },
    'tags/list': (_) => {
      const counts = new Map<string, number>();
      for (const n of this.notes.values()) {
        for (const tag of n.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      }
      const value = [...counts].map(([tag, count]) => ({ tag, count }));
      return {
        ok: true,
        value: value.sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)),
      };
    },
    'tags/rename': ({ from, to }) => {
      return { ok: true, value: { changed: this.retag([from], to) } };
    },
    'tags/merge': ({ sources, into }) => {
      return { ok: true, value: { changed: this.retag(sources, into) } };
    },
    'notes/reveal': ({ id }) => {
      this.revealed.push(id);
      return { ok: true, value: { found: !this.orphanIds.includes(id) } };
    },
    'notes/orphans': (_) => {
      return { ok: true, value: [...this.orphanIds] };
    },
  };

  private retag(sources: string[], into: string): number {
    let changed = 0;
    for (const note of [...this.notes.values()]) {
      if (!note.tags.some((t) => sources.includes(t))) continue;
      const tags = [...new Set(note.tags.map((t) => (sources.includes(t) ? into : t)))];
      const next = { ...note, tags, updated: this.now() };
      this.notes.set(note.id, next);
      this.emit({ kind: 'upsert', annotation: next });
      changed++;
    }
    return changed;
  }

  subscribe(url: string, onChange: (change: NotesChange) => void): () => void {
    const listener = { url, onChange };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
