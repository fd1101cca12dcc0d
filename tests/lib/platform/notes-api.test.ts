import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { answeringLocally } from '../../../lib/notes/api';
import { handleMessages } from '../../../lib/platform/messaging';
import { browserNotesApi } from '../../../lib/platform/notes-api';
import { answeredByTab, TAB_MESSAGES } from '../../../lib/protocol';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  vi.restoreAllMocks();
});

describe('the notes client derived from the protocol map', () => {
  it('sends store calls to the background, which answers them from its handler table', async () => {
    stops.push(
      handleMessages({
        'notes/delete': ({ id }) => ({ id, url: 'https://example.org/a' }),
        'tags/rename': ({ from, to }) => ({ changed: from === 'eu' && to === 'europe' ? 2 : 0 }),
      }),
    );
    const api = browserNotesApi(7);
    await expect(api.call('notes/delete', { id: 'n1' })).resolves.toEqual({
      ok: true,
      value: { id: 'n1', url: 'https://example.org/a' },
    });
    await expect(api.call('tags/rename', { from: 'eu', to: 'europe' })).resolves.toEqual({
      ok: true,
      value: { changed: 2 },
    });
  });

  it('sends page calls to the tab it describes, and refuses them when it describes none', async () => {
    const toTab = vi
      .spyOn(browser.tabs, 'sendMessage')
      .mockImplementation((async () => ({ ok: true, value: ['orphan-1'] })) as never);
    const reply = await browserNotesApi(7).call('notes/orphans', {});
    expect(reply).toEqual({ ok: true, value: ['orphan-1'] });
    expect(toTab).toHaveBeenCalledWith(7, { type: 'notes/orphans', payload: {} }, { frameId: 0 });

    const none = await browserNotesApi(null).call('notes/reveal', { id: 'n1' });
    expect(none).toEqual({ ok: false, error: 'There is no page open in this tab.' });
    expect(toTab).toHaveBeenCalledTimes(1);
  });

  it('routes by the map: the tab answers only the messages it lists', () => {
    expect(answeredByTab('notes/reveal')).toBe(true);
    expect(answeredByTab('notes/update')).toBe(false);
    expect(TAB_MESSAGES).toContain('page/analysis');
  });
});

describe('answering some calls in place (the PDF viewer)', () => {
  it('answers the listed messages itself and forwards every other one', async () => {
    const forwarded: string[] = [];
    const base = {
      call: (async (type: string) => {
        forwarded.push(type);
        return { ok: true, value: { changed: 1 } };
      }) as never,
      subscribe: () => () => {},
    };
    const api = answeringLocally(base, {
      'notes/orphans': async () => ({ ok: true, value: ['here'] }),
    });
    await expect(api.call('notes/orphans', {})).resolves.toEqual({ ok: true, value: ['here'] });
    await expect(api.call('tags/merge', { sources: ['a'], into: 'b' })).resolves.toEqual({
      ok: true,
      value: { changed: 1 },
    });
    expect(forwarded).toEqual(['tags/merge']);
  });
});
