import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startPageSession } from '../../../lib/content/session';
import { setPageUrl } from '../../helpers/dom';

const SAMPLE = readFileSync(
  path.resolve(import.meta.dirname, '../../../sample/article.html'),
  'utf8',
);

function loadPage(html: string, url: string) {
  setPageUrl(url);
  document.documentElement.innerHTML = html.replace(/^<!doctype html>/i, '');
}

describe('the page session', () => {
  it('answers the popup with the article title and word count', async () => {
    loadPage(SAMPLE, 'https://www.caspianpolicy.org/research/x?utm_source=newsletter');
    const ctx = new ContentScriptContext('content');
    startPageSession(ctx);
    const reply = await fakeBrowser.runtime.sendMessage({ type: 'page/info', payload: {} });
    expect(reply).toMatchObject({
      ok: true,
      value: {
        title: 'Trans-Caspian Gas Talks Gain Momentum as Washington Steps Up Its Role',
        isArticle: true,
        byline: expect.stringContaining('Elena Marsh'),
      },
    });
    const { value } = reply as { value: { wordCount: number; url: string } };
    expect(value.wordCount).toBeGreaterThan(900);
    expect(value.url).toMatch(/^https:\/\/www\.caspianpolicy\.org\/research\/energy-and-economy/);
    ctx.abort();
  });

  it('says a page that is not an article is not one', async () => {
    loadPage(
      '<html><head><title>Login</title></head><body><form><input></form></body></html>',
      'https://www.csis.org/login',
    );
    const ctx = new ContentScriptContext('content');
    startPageSession(ctx);
    const reply = await fakeBrowser.runtime.sendMessage({ type: 'page/info', payload: {} });
    expect(reply).toMatchObject({ ok: true, value: { isArticle: false, wordCount: 0 } });
    ctx.abort();
  });

  it('hands over to a second injection and leaves nothing behind when invalidated', async () => {
    loadPage(SAMPLE, 'https://www.caspianpolicy.org/research/x');
    const first = new ContentScriptContext('content');
    startPageSession(first);
    const second = new ContentScriptContext('content');
    startPageSession(second);
    expect(first.isValid).toBe(false);
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    second.abort();
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
    await expect(
      fakeBrowser.runtime.sendMessage({ type: 'page/info', payload: {} }),
    ).rejects.toThrow();
  });
});
