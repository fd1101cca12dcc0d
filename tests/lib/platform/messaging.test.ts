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

describe('messages lost when the service worker restarts', () => {
  it('resends a message marked safe to repeat until it is answered', async () => {
    const { browser } = await import('wxt/browser');
    const { vi } = await import('vitest');
    const real = browser.runtime.sendMessage.bind(browser.runtime);
    let calls = 0;
    const spy = vi.spyOn(browser.runtime, 'sendMessage').mockImplementation((async (
      message: unknown,
    ) => {
      calls += 1;
      if (calls <= 2)
        throw new Error('Could not establish connection. Receiving end does not exist.');
      return real(message as never);
    }) as never);
    const stop = handleMessages({ 'tab/analyze': () => ({ injected: true }) as const });
    await expect(sendToBackground('tab/analyze', { tabId: 1 }, { retry: true })).resolves.toEqual({
      ok: true,
      value: { injected: true },
    });
    expect(calls).toBe(3);
    calls = 0;
    // Without `retry`, one calm sentence instead of the browser's words.
    const once = await sendToBackground('tab/analyze', { tabId: 1 });
    expect(once).toEqual({ ok: false, error: expect.stringMatching(/^Dossier was restarting/) });
    stop();
    spy.mockRestore();
  });
});
