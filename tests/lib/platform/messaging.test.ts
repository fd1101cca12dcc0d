import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleMessages, sendToBackground } from '../../../lib/platform/messaging';

describe('typed messaging', () => {
  it('delivers a valid message to its handler and returns the value', async () => {
    const stop = handleMessages({
      'site/status': ({ url }) => ({ origin: new URL(url).origin, listed: false, enabled: false }),
    });
    await expect(
      sendToBackground('site/status', { url: 'https://a.example.org/x' }),
    ).resolves.toEqual({
      ok: true,
      value: { origin: 'https://a.example.org', listed: false, enabled: false },
    });
    stop();
  });

  it('answers an invalid payload with an error and never calls the handler', async () => {
    let called = false;
    handleMessages({
      'tab/analyze': () => {
        called = true;
        return { injected: true } as const;
      },
    });
    const reply = await fakeBrowser.runtime.sendMessage({
      type: 'tab/analyze',
      payload: { tabId: 'x' },
    });
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('tabId') });
    expect(called).toBe(false);
  });

  it('turns a handler failure into an error reply instead of throwing', async () => {
    handleMessages({
      'tab/analyze': () => {
        throw new Error('Cannot access contents of the page.');
      },
    });
    await expect(sendToBackground('tab/analyze', { tabId: 3 })).resolves.toEqual({
      ok: false,
      error: 'Cannot access contents of the page.',
    });
  });

  it('gives a clear error when nobody answers', async () => {
    const reply = await sendToBackground('tab/analyze', { tabId: 3 });
    expect(reply.ok).toBe(false);
  });
});
