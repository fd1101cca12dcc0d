import { describe, expect, it } from 'vitest';
import { createSyncHub, type SyncPort } from '../../../lib/sync/hub';

/** A port as the hub sees it, recording what it was sent. */
function fakePort() {
  const messageListeners: ((m: unknown) => void)[] = [];
  const disconnectListeners: (() => void)[] = [];
  const received: unknown[] = [];
  const port: SyncPort & { received: unknown[]; say(m: unknown): void; drop(): void } = {
    received,
    postMessage: (m) => received.push(m),
    onMessage: { addListener: (cb) => messageListeners.push(cb) },
    onDisconnect: { addListener: (cb) => disconnectListeners.push(cb) },
    say: (m) => {
      for (const cb of messageListeners) cb(m);
    },
    drop: () => {
      for (const cb of disconnectListeners) cb();
    },
  };
  return port;
}

describe('the sync hub', () => {
  it('sends a change to every view of that page and to views of all pages, not to others', () => {
    const hub = createSyncHub();
    const [tab1, tab2, other, popupAll] = [fakePort(), fakePort(), fakePort(), fakePort()];
    for (const p of [tab1, tab2, other, popupAll]) hub.accept(p);
    tab1.say({ subscribe: 'https://a.org/x' });
    tab2.say({ subscribe: 'https://a.org/x' });
    other.say({ subscribe: 'https://b.org/y' });
    popupAll.say({ subscribe: '*' });
    hub.publish('https://a.org/x', { kind: 'delete', id: 'n1', url: 'https://a.org/x' });
    expect(tab1.received).toHaveLength(1);
    expect(tab2.received).toEqual(tab1.received);
    expect(popupAll.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
  });

  it('sends "*" changes (tag renames) to every view', () => {
    const hub = createSyncHub();
    const [a, b] = [fakePort(), fakePort()];
    hub.accept(a);
    hub.accept(b);
    a.say({ subscribe: 'https://a.org/x' });
    b.say({ subscribe: 'https://b.org/y' });
    hub.publish('*', { kind: 'reload' });
    expect([a.received.length, b.received.length]).toEqual([1, 1]);
  });

  it('forgets views that disconnect or fail, and ignores malformed subscriptions', () => {
    const hub = createSyncHub();
    const gone = fakePort();
    const broken = fakePort();
    broken.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    hub.accept(gone);
    hub.accept(broken);
    gone.say({ subscribe: 'https://a.org/x' });
    broken.say({ subscribe: 'https://a.org/x' });
    gone.say({ subscribe: 42 });
    expect(hub.size()).toBe(2);
    gone.drop();
    hub.publish('https://a.org/x', { kind: 'reload' });
    expect(hub.size()).toBe(0);
  });
});
