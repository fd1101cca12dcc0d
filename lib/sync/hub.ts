/**
 * Live sync between every open view of a page. Each content script and popup holds a port to
 * the background subscribed to one page (or '*', all pages); every change the notes service
 * announces is pushed at once to the ports of that page. Ports are faster than broadcasting to
 * every tab, need no "tabs" permission, and tell the background when a view goes away.
 */
import type { NotesChange, SyncMessage, SyncSubscribe } from '../protocol';

/** The part of a runtime Port the hub uses (so tests can pass a plain object). */
export interface SyncPort {
  postMessage(message: unknown): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
}

/** Keeps the subscribed ports and fans changes out to them. */
export interface SyncHub {
  /** Takes a newly connected port; it subscribes by sending `{ subscribe: url }`. */
  accept(port: SyncPort): void;
  /** Sends a change to the ports of `url`, and to every port for '*' (tag renames). */
  publish(url: string, change: NotesChange): void;
  /** How many views are subscribed (all pages together). */
  size(): number;
}

/** Creates an empty hub. */
export function createSyncHub(): SyncHub {
  const byUrl = new Map<string, Set<SyncPort>>();
  const subscribed = new Map<SyncPort, string>();

  const remove = (port: SyncPort) => {
    const url = subscribed.get(port);
    if (url === undefined) return;
    byUrl.get(url)?.delete(port);
    if (byUrl.get(url)?.size === 0) byUrl.delete(url);
    subscribed.delete(port);
  };

  const send = (port: SyncPort, message: SyncMessage) => {
    try {
      port.postMessage(message);
    } catch {
      remove(port); // A view that went away without saying so.
    }
  };

  return {
    accept(port) {
      port.onMessage.addListener((message) => {
        const url = (message as Partial<SyncSubscribe> | null)?.subscribe;
        if (typeof url !== 'string' || url.length > 8192) return;
        remove(port);
        subscribed.set(port, url);
        const set = byUrl.get(url) ?? new Set<SyncPort>();
        set.add(port);
        byUrl.set(url, set);
      });
      port.onDisconnect.addListener(() => remove(port));
    },
    publish(url, change) {
      const message: SyncMessage = { url, change };
      const targets = new Set<SyncPort>([
        ...(url === '*' ? subscribed.keys() : (byUrl.get(url) ?? [])),
        ...(byUrl.get('*') ?? []),
      ]);
      for (const port of targets) send(port, message);
    },
    size: () => subscribed.size,
  };
}
