/**
 * `npm start`: builds Dossier, serves the bundled sample article on 127.0.0.1 under a real
 * policy-centre hostname (www.caspianpolicy.org) and opens Chromium with Dossier loaded on it.
 * With no display (a server, CI) it runs headless instead, writes screenshots of the page and
 * of the popup to demo-output/, and says so.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchDossier, startPageServer } from './browser';
import { bin, ROOT, requireChromium, run } from './run';

requireChromium();
if (run(bin('wxt'), ['build']) !== 0) process.exit(1);

const html = readFileSync(path.join(ROOT, 'sample/article.html'), 'utf8');
const canonical = html.match(/<link[^>]+rel="canonical"[^>]+href="([^"]+)"/)?.[1];
const pagePath = canonical ? new URL(canonical).pathname : '/research/sample';
const pageUrl = `http://www.caspianpolicy.org${pagePath}`;

const server = await startPageServer();
server.set(`www.caspianpolicy.org${pagePath}`, html);
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const dossier = await launchDossier(server, { headless: !hasDisplay });
const page = await dossier.context.newPage();
await page.goto(pageUrl);

if (hasDisplay) {
  console.log(
    `Dossier is running in Chromium on ${pageUrl}. Close the browser (or press Ctrl+C) to stop.`,
  );
  await new Promise<void>((resolve) => {
    dossier.context.on('close', () => resolve());
    process.on('SIGINT', () => resolve());
  });
} else {
  const out = path.join(ROOT, 'demo-output');
  mkdirSync(out, { recursive: true });
  const popup = await dossier.openPopup(page);
  await popup.setViewportSize({ width: 420, height: 560 });
  await popup.getByRole('region', { name: /This article|This page/ }).waitFor({ timeout: 15_000 });
  await page.bringToFront();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, 'page.png') });
  await popup.screenshot({ path: path.join(out, 'popup.png') });
  console.log(`No display found, so Dossier ran headless on ${pageUrl}.`);
  console.log(
    `Screenshots: ${path.relative(process.cwd(), path.join(out, 'page.png'))} and ${path.relative(process.cwd(), path.join(out, 'popup.png'))}`,
  );
}
await dossier.close();
await server.close();
