import { describe, expect, it, vi } from 'vitest';
import { cardKeyHandler, stepMention, walkFrom } from '../../../lib/content/card-walk';

describe('walking the mentions in reading order', () => {
  it('goes forward and back, wrapping at either end', () => {
    expect(walkFrom(3, 0, 1)).toBe(1);
    expect(walkFrom(3, 2, 1)).toBe(0);
    expect(walkFrom(3, 0, -1)).toBe(2);
    expect(walkFrom(3, 1, -1)).toBe(0);
  });

  it('starts at the first going forward and at the last going back', () => {
    expect(walkFrom(5, -1, 1)).toBe(0);
    expect(walkFrom(5, -1, -1)).toBe(4);
    expect(walkFrom(0, -1, 1)).toBe(-1);
  });
});

describe('a card’s Previous and Next', () => {
  it('step through one official’s mentions, wrapping', () => {
    expect(stepMention(4, 3, 1)).toBe(0);
    expect(stepMention(4, 0, -1)).toBe(3);
  });

  it('skip mentions that could not be placed, and find none when none can be', () => {
    const placed = [true, false, false, true];
    expect(stepMention(4, 0, 1, (i) => placed[i] === true)).toBe(3);
    expect(stepMention(4, 3, 1, (i) => placed[i] === true)).toBe(0);
    expect(stepMention(4, 0, 1, () => false)).toBeNull();
    // The only placed mention is the one shown: Next stays on it.
    expect(stepMention(2, 0, 1, (i) => i === 0)).toBe(0);
  });
});

describe('the walking keys', () => {
  function key(init: KeyboardEventInit, trusted = true) {
    const event = new KeyboardEvent('keydown', { cancelable: true, ...init });
    if (trusted) Object.defineProperty(event, 'isTrusted', { value: true });
    return event;
  }
  function setUp(enabled = true, open = false) {
    const keys = {
      isOpen: () => open,
      close: vi.fn(),
      enabled: () => enabled,
      walk: vi.fn((_delta: 1 | -1) => true),
    };
    return { keys, onKey: cardKeyHandler(keys) };
  }

  it('walk with Alt+Shift+↓ and ↑, and keep the key from the page', () => {
    const { keys, onKey } = setUp();
    const down = key({ key: 'ArrowDown', altKey: true, shiftKey: true });
    onKey(down);
    onKey(key({ key: 'ArrowUp', altKey: true, shiftKey: true }));
    expect(keys.walk.mock.calls).toEqual([[1], [-1]]);
    expect(down.defaultPrevented).toBe(true);
  });

  it('leave the key to the page when there is nothing to walk to', () => {
    const { keys, onKey } = setUp();
    keys.walk.mockReturnValue(false);
    const down = key({ key: 'ArrowDown', altKey: true, shiftKey: true });
    onKey(down);
    expect(down.defaultPrevented).toBe(false);
  });

  it('do nothing with the highlights off, without both modifiers, or for a page script', () => {
    const off = setUp(false);
    off.onKey(key({ key: 'ArrowDown', altKey: true, shiftKey: true }));
    const { keys, onKey } = setUp();
    onKey(key({ key: 'ArrowDown', altKey: true }));
    onKey(key({ key: 'ArrowDown', altKey: true, shiftKey: true }, false));
    expect(off.keys.walk).not.toHaveBeenCalled();
    expect(keys.walk).not.toHaveBeenCalled();
  });

  it('close an open card on Escape, and only an open one', () => {
    const open = setUp(true, true);
    open.onKey(key({ key: 'Escape' }));
    expect(open.keys.close).toHaveBeenCalledTimes(1);
    const closed = setUp(true, false);
    closed.onKey(key({ key: 'Escape' }));
    expect(closed.keys.close).not.toHaveBeenCalled();
  });
});
