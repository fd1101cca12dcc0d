/**
 * A view's end of live sync: a port to the background subscribed to one page. When the port
 * drops (the service worker was stopped, the extension updated), it reconnects, which wakes
 * the worker, and calls `onResync` so the view refetches what it may have missed.
 */
import { type Browser, browser } from 'wxt/browser';
import { type NotesChange, SYNC_PORT, type SyncMessage, type SyncSubscribe } from '../protocol';

/** Options of a sync subscription. */
export interface SyncClientOptions {
  url: string;
  onChange(change: NotesChange): void;
  /** After a reconnect: the view should reload its notes. */
  onResync?(): void;
}

/** Subscribes to a page's changes; returns the function that ends the subscription. */
export function subscribeToChanges({ url, onChange, onResync }: SyncClientOptions): () => void {
  let stopped = false;
  let port: Browser.runtime.Port | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let delay = 50;

  const connect = (isReconnect: boolean) => {
    if (stopped) return;
    try {
      port = browser.runtime.connect({ name: SYNC_PORT });
    } catch {
      return; // The extension was reloaded or removed: this view is orphaned, nothing to do.
    }
    port.onMessage.addListener((message: unknown) => {
      delay = 50;
      const m = message as SyncMessage;
      if (m && typeof m === 'object' && 'change' in m) onChange(m.change);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      if (stopped) return;
      retry = setTimeout(() => connect(true), delay);
      delay = Math.min(delay * 2, 5_000);
    });
    port.postMessage({ subscribe: url } satisfies SyncSubscribe);
    if (isReconnect) onResync?.();
  };

  connect(false);
  return () => {
    stopped = true;
    clearTimeout(retry);
    port?.disconnect();
  };
}
