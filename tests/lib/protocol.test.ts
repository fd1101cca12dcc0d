import { describe, expect, it } from 'vitest';
import { errorMessage, parseMessage } from '../../lib/protocol';

describe('parseMessage', () => {
  const all = ['page/info', 'tab/analyze', 'site/status', 'site/enable', 'site/disable'] as const;

  it('accepts a well-formed message and returns it typed', () => {
    expect(parseMessage({ type: 'tab/analyze', payload: { tabId: 4 } }, all)).toEqual({
      ok: true,
      message: { type: 'tab/analyze', payload: { tabId: 4 } },
    });
  });

  it.each([
    [null, 'Not a Dossier message.'],
    ['page/info', 'Not a Dossier message.'],
    [{ type: 'store/nuke' }, 'Unknown message type: store/nuke'],
    [{ type: 'tab/analyze', payload: { tabId: -1 } }, 'Invalid tab/analyze message: tabId'],
    [{ type: 'tab/analyze', payload: { tabId: '3' } }, 'Invalid tab/analyze message: tabId'],
    [{ type: 'tab/analyze', payload: { tabId: 3, extra: 1 } }, 'Invalid tab/analyze message'],
    [{ type: 'site/enable', payload: { origin: 'https://a.org/path' } }, 'http(s) origin'],
    [{ type: 'site/enable', payload: { origin: 'file:///etc' } }, 'http(s) origin'],
    [{ type: 'site/status', payload: { url: 'nope' } }, 'Invalid site/status message: url'],
  ])('rejects %j with a message naming the problem', (raw, expected) => {
    const result = parseMessage(raw, all);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(expected);
  });

  it('rejects a type this listener does not handle', () => {
    const result = parseMessage({ type: 'page/info', payload: {} }, ['tab/analyze']);
    expect(result).toEqual({ ok: false, error: 'Unknown message type: page/info' });
  });
});

describe('errorMessage', () => {
  it('turns anything thrown into a sentence', () => {
    expect(errorMessage(new Error('Disk full'))).toBe('Disk full');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(undefined)).toBe('Something went wrong.');
  });
});
