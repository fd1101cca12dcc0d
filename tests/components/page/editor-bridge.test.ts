import { describe, expect, it, vi } from 'vitest';
import {
  EDITOR_HANDOVER,
  handOverPort,
  newSecret,
  receivePort,
} from '../../../components/page/editor-bridge';

/** A message as the frame's window receives it. */
function arrive(win: Window, data: unknown, { source = win.parent, port = true } = {}) {
  const channel = new MessageChannel();
  const event = new MessageEvent('message', {
    data,
    source: source as MessageEventSource,
    ports: port ? [channel.port2] : [],
  });
  win.dispatchEvent(event);
  return channel;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the editor frame’s hand-over', () => {
  it('makes secrets no page can guess: 128 random bits, never the same', () => {
    const secrets = new Set(Array.from({ length: 100 }, newSecret));
    expect(secrets.size).toBe(100);
    for (const s of secrets) expect(s).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes the port of the first hand-over with its secret, ignoring the rest', async () => {
    const secret = newSecret();
    const received = receivePort(window, secret);
    const settled = vi.fn();
    void received.then(settled);
    // A page guessing, a message without a port, another shape, an empty secret: ignored.
    arrive(window, { type: EDITOR_HANDOVER, secret: newSecret(), field: 'note' });
    arrive(window, { type: EDITOR_HANDOVER, secret, field: 'note' }, { port: false });
    arrive(window, { type: 'other', secret, field: 'note' });
    arrive(window, { type: EDITOR_HANDOVER, secret, field: 'everything' });
    await tick();
    expect(settled).not.toHaveBeenCalled();
    arrive(window, { type: EDITOR_HANDOVER, secret, field: 'tags' });
    const handover = await received;
    expect(handover.field).toBe('tags');
    expect(handover.port).toBeDefined();
  });

  it('never accepts anything when it was given no secret', async () => {
    const settled = vi.fn();
    void receivePort(window, '').then(settled);
    arrive(window, { type: EDITOR_HANDOVER, secret: '', field: 'note' });
    await tick();
    expect(settled).not.toHaveBeenCalled();
  });

  it('sends the hand-over only to the extension’s origin, and passes on valid messages only', async () => {
    const target = { postMessage: vi.fn() };
    const heard = vi.fn();
    const kept = handOverPort(
      target as unknown as Window,
      'chrome-extension://abc',
      's3cret',
      'note',
      heard,
    );
    const [message, origin, transfer] = target.postMessage.mock.calls[0] as [
      unknown,
      string,
      MessagePort[],
    ];
    expect(message).toEqual({ type: EDITOR_HANDOVER, secret: 's3cret', field: 'note' });
    expect(origin).toBe('chrome-extension://abc');
    const frameEnd = transfer[0] as MessagePort;
    frameEnd.postMessage({ kind: 'save', note: 'kept', tags: ['a'] });
    frameEnd.postMessage({ kind: 'save', note: 42 });
    frameEnd.postMessage({ kind: 'run', code: 'alert(1)' });
    frameEnd.postMessage({ kind: 'dismiss' });
    await vi.waitFor(() => expect(heard).toHaveBeenCalledTimes(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(heard.mock.calls).toEqual([
      [{ kind: 'save', note: 'kept', tags: ['a'] }],
      [{ kind: 'dismiss' }],
    ]);
    kept.close();
    frameEnd.close();
  });
});
