/**
 * End-to-end harness: the launcher of scripts/browser.ts, bound to a test file's life (one page
 * server and one Chromium per file, closed after its last test).
 */
import { afterAll, beforeAll } from 'vitest';
import {
  type DossierBrowser,
  launchDossier,
  type PageServer,
  type Route,
  SAMPLE_HTML,
  startPageServer,
} from '../../scripts/browser';

export * from '../../scripts/browser';

/** A test file's page server and browser, filled in before its first test. */
export interface DossierEnv {
  server: PageServer;
  dossier: DossierBrowser;
}

/**
 * Starts, for one test file, a page server answering `routes` (plus the sample article at
 * SAMPLE_URL) and Chromium with Dossier loaded, and closes both after the file's last test.
 */
export function useDossier(routes: Record<string, Route> = {}): DossierEnv {
  const env = {} as DossierEnv;
  beforeAll(async () => {
    env.server = await startPageServer();
    env.server.set('www.caspianpolicy.org/research/sample', SAMPLE_HTML);
    for (const [key, route] of Object.entries(routes)) env.server.set(key, route);
    env.dossier = await launchDossier(env.server);
  });
  afterAll(async () => {
    await env.dossier?.close();
    await env.server?.close();
  });
  return env;
}
