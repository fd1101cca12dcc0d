/**
 * Sender checks in real Chromium (issue 19): code running in Dossier's content-script world on
 * one site (as a compromised renderer could) may read and change only that site's notes. Every
 * call that reaches across sites is refused, and a note cannot be made on a `javascript:`,
 * `data:`, `vbscript:` or `file:` address. The same calls from an extension page still work.
 */
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../lib/annotation';
import { SAMPLE_URL, useDossier } from './harness';

const env = useDossier();

type Reply = { ok: boolean; value?: unknown; error?: string };

/** Runs `chrome.runtime.sendMessage` inside the content script's isolated world of `page`. */
async function inContentWorld(
  page: Page,
): Promise<(type: string, payload: unknown) => Promise<Reply>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
  await cdp.send('Runtime.enable');
  await expect
    .poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.name === 'Dossier'))
    .toBe(true);
  const world = contexts.find((c) => c.auxData?.type === 'isolated' && c.name === 'Dossier')!;
  return async (type, payload) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
      expression: `chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.text);
    return result.value as Reply;
  };
}

/** Sends from an extension page (the popup's privileges). */
async function asExtension(): Promise<{
  send: (type: string, payload: unknown) => Promise<Reply>;
  close: () => Promise<void>;
}> {
  const page = await env.dossier.context.newPage();
  await page.goto(`chrome-extension://${env.dossier.extensionId}/popup.html`);
  return {
    send: (type, payload) =>
      page.evaluate(
        ([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<Reply>,
        [type, payload] as const,
      ),
    close: () => page.close(),
  };
}

const newNote = (url: string, exact: string) => ({
  page: { url, title: 'T', site: 'S' },
  quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: exact.length },
  note: `secret about ${exact}`,
  tags: ['private-tag'],
  colour: 'yellow',
});

describe('sender checks', () => {
  it("refuses a content script everything beyond its own site's notes", async () => {
    const popup = await asExtension();
    const other = await popup.send('notes/create', {
      annotation: newNote('https://www.example.org/elsewhere', 'another site'),
    });
    expect(other.ok).toBe(true);
    const otherId = (other.value as Annotation).id;

    const tab = await env.dossier.context.newPage();
    await tab.goto(SAMPLE_URL);
    const send = await inContentWorld(tab);

    // Its own site: allowed (the sample's canonical address is on caspianpolicy.org).
    const own = await send('notes/create', {
      annotation: newNote('https://www.caspianpolicy.org/research/sample', 'own site'),
    });
    expect(own).toMatchObject({ ok: true });
    const ownId = (own.value as Annotation).id;
    expect(await send('notes/update', { id: ownId, patch: { note: 'edited' } })).toMatchObject({
      ok: true,
    });

    // Everything across sites, and every privileged call: refused.
    const refusedCalls: [string, unknown][] = [
      ['notes/all', {}],
      ['notes/search', { query: 'secret' }],
      ['tags/rename', { from: 'private-tag', to: 'stolen' }],
      ['tags/merge', { sources: ['private-tag'], into: 'stolen' }],
      ['notes/import-file', { text: '[]' }],
      ['site/disable', { origin: 'https://www.example.org' }],
      ['notes/list', { url: 'https://www.example.org/elsewhere' }],
      ['notes/update', { id: otherId, patch: { note: 'defaced' } }],
      ['notes/delete', { id: otherId }],
      ['tags/list', { url: 'https://www.example.org/elsewhere' }],
      ['notes/create', { annotation: newNote('https://www.example.org/elsewhere', 'forged') }],
      ['notes/create', { annotation: newNote('javascript:alert(document.domain)', 'js') }],
      ['notes/create', { annotation: newNote('data:text/html,<script>alert(1)</script>', 'd') }],
      ['notes/create', { annotation: newNote('vbscript:msgbox(1)', 'vb') }],
      ['notes/create', { annotation: newNote('file:///etc/passwd', 'file') }],
    ];
    const answers = [];
    for (const [type, payload] of refusedCalls) {
      const reply = await send(type, payload);
      answers.push({ type, ok: reply.ok });
      expect(reply.ok, `${type} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false);
    }
    // Without a page, the tag list a page gets is empty, never the reader's other tags.
    expect(await send('tags/list', {})).toEqual({ ok: true, value: [] });

    // The other site's note is untouched, and the extension page still sees everything.
    const all = await popup.send('notes/all', {});
    expect(all.ok).toBe(true);
    const notes = (all.value as { annotations: Annotation[] }).annotations;
    expect(notes.find((n) => n.id === otherId)).toMatchObject({
      note: 'secret about another site',
      tags: ['private-tag'],
    });
    expect(notes.some((n) => n.quote.exact === 'forged')).toBe(false);
    // An extension page may not make a note on a script address either.
    expect(
      await popup.send('notes/create', { annotation: newNote('javascript:alert(1)', 'js') }),
    ).toMatchObject({ ok: false });
    await tab.close();
    await popup.close();
  });
});
