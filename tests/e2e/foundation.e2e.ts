import { describe, expect, it } from 'vitest';
import { plainArticle } from './fixtures/pages';
import { SAMPLE_URL, useDossier } from './harness';

const env = useDossier({ 'news.example.com/story': plainArticle('Water Talks Resume') });

describe('on a listed policy centre', () => {
  it('runs by itself and the popup shows the title and word count', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto(SAMPLE_URL);
    const popup = await env.dossier.openPopup(page);
    const summary = popup.getByRole('region', { name: 'This article' });
    await expect.poll(() => summary.isVisible(), { timeout: 10_000 }).toBe(true);
    const title = await summary.getByRole('heading').textContent();
    expect(title).toBe(await page.title().then((t) => t.split(' | ')[0]?.trim()));
    const words = await popup.getByTestId('word-count').textContent();
    expect(Number(words?.replace(/\D/g, ''))).toBeGreaterThan(500);
    await popup.close();
    await page.close();
  });
});

describe('on a site that is not listed', () => {
  it('does not run until the user asks, then runs once on that tab', async () => {
    const page = await env.dossier.context.newPage();
    await page.goto('http://news.example.com/story');
    const tabId = await env.dossier.tabIdOf(page);
    // No content script answers on this tab.
    const before = await env.dossier.worker.evaluate(
      (id) =>
        chrome.tabs.sendMessage(id, { type: 'page/info', payload: {} }).then(
          () => 'answered',
          (e: Error) => e.message,
        ),
      tabId,
    );
    expect(before).toMatch(/Receiving end does not exist|Could not establish connection/);

    // The user clicks Dossier's button on this tab (granting activeTab): the popup offers both.
    await env.dossier.clickAction(page);
    const popup = await env.dossier.openPopup(page);
    await popup.getByText('Dossier does not run on news.example.com yet.').waitFor();
    await expect(
      popup.getByRole('button', { name: 'Always run on this site' }).isVisible(),
    ).resolves.toBe(true);
    await popup.getByRole('button', { name: 'Analyze this page' }).click();
    const summary = popup.getByRole('region', { name: 'This article' });
    await summary.waitFor({ timeout: 10_000 });
    await expect(summary.getByRole('heading').textContent()).resolves.toBe('Water Talks Resume');
    await popup.close();

    // It ran once, on that tab: a reload leaves the site as it was.
    await page.reload();
    const again = await env.dossier.openPopup(page);
    await again.getByRole('button', { name: 'Analyze this page' }).waitFor();
    await again.close();
    await page.close();
  });
});
