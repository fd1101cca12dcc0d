/**
 * Autosave for a draft: saves a short pause after the last change, at once when asked (blur,
 * "Done", the popup closing) and when the editor goes away, one save at a time and never the
 * same value twice. The reader never presses "Save" and never loses a keystroke to a save that
 * was still in flight.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Reply } from '../../lib/protocol';

/** What the reader sees next to the editor. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string };

/** How to save and compare drafts. */
export interface AutosaveOptions<T> {
  /** Writes `value`; `previous` is the last value known saved, so only changes need be sent. */
  save: (value: T, previous: T) => Promise<Reply<unknown>>;
  equals: (a: T, b: T) => boolean;
  /** Pause after the last change before saving, in ms. */
  delay?: number;
}

/**
 * Saves `value` whenever it differs from what was last saved (the value at mount counts as
 * saved). Returns the state to show and `flush`, which saves now (`value` when given, for a
 * change made in the same event, before the next render) and resolves to false if it failed.
 */
export function useAutosave<T>(
  value: T,
  { save, equals, delay = 400 }: AutosaveOptions<T>,
): { state: SaveState; flush: (value?: T) => Promise<boolean> } {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef(value);
  latest.current = value;
  const saved = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<boolean>>(Promise.resolve(true));
  const mounted = useRef(true);
  const options = useRef({ save, equals });
  options.current = { save, equals };

  const show = useCallback((next: SaveState) => {
    if (mounted.current) setState(next);
  }, []);

  const saveNow = useCallback(async (): Promise<boolean> => {
    const draft = latest.current;
    const previous = saved.current;
    if (options.current.equals(draft, previous)) return true;
    show({ kind: 'saving' });
    let reply: Reply<unknown>;
    try {
      reply = await options.current.save(draft, previous);
    } catch (error) {
      reply = { ok: false, error: String(error) };
    }
    if (!reply.ok) {
      show({ kind: 'error', message: reply.error });
      return false;
    }
    saved.current = draft;
    if (options.current.equals(latest.current, draft)) show({ kind: 'saved' });
    return true;
  }, [show]);

  const flush = useCallback(
    (next?: T): Promise<boolean> => {
      if (next !== undefined) latest.current = next;
      if (timer.current !== null) {
        clearTimeout(timer.current);
        timer.current = null;
      }
      chain.current = chain.current.then(saveNow);
      return chain.current;
    },
    [saveNow],
  );

  useEffect(() => {
    if (options.current.equals(value, saved.current)) return;
    show({ kind: 'saving' });
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void flush();
    }, delay);
  }, [value, delay, flush, show]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // The editor is closing (or the popup is): what was typed is saved, not dropped.
      void flush();
    };
  }, [flush]);

  return { state, flush };
}
