/**
 * The welcome page: the first thing a new Firefox user sees. Firefox (Manifest V3) leaves host
 * access to the user, so Dossier says plainly which sites it wants and why, and asks for all of
 * them with one button. In Chrome the listed sites come with the install and this page only
 * opens if that access is missing. Nothing here fails silently: every outcome is a sentence.
 */
import { useEffect, useState } from 'preact/hooks';
import { POLICY_SITES } from '../lib/sites';

/** What the page needs from the browser (a plain object in tests). */
export interface WelcomeApi {
  hasAccess(): Promise<boolean>;
  /** Asks the browser; must be called from the click itself. */
  requestAccess(): Promise<boolean>;
}

type Access = 'checking' | 'granted' | 'missing' | 'declined' | { error: string };

/** The onboarding page, given the browser behind `api`. */
export function Welcome({ api }: { api: WelcomeApi }) {
  const [access, setAccess] = useState<Access>('checking');

  useEffect(() => {
    api.hasAccess().then(
      (granted) => setAccess(granted ? 'granted' : 'missing'),
      (e: unknown) => setAccess({ error: String(e) }),
    );
  }, [api]);

  const allow = () => {
    // No await before the request: the browser only asks inside the click's own task.
    api.requestAccess().then(
      (granted) => setAccess(granted ? 'granted' : 'declined'),
      (e: unknown) => setAccess({ error: e instanceof Error ? e.message : String(e) }),
    );
  };

  return (
    <main class="welcome">
      <h1>Dossier</h1>
      <p>
        Dossier reads articles on the policy centres listed below, by itself, to highlight the
        officials named in them and the quotations with who said them, and to put your notes back
        where you made them. What it reads and what you write stay in this browser.
      </p>
      <p>
        Anywhere else it reads nothing unless you ask: open Dossier from the toolbar and choose
        “Analyze this page” or “Always run on this site”.
      </p>
      <section aria-label="Access to policy sites" class="access">
        {access === 'checking' && <p class="muted">Checking what Dossier may read…</p>}
        {access === 'granted' && (
          <p role="status">
            Dossier may run on these sites. You can withdraw this at any time in the browser’s
            add-on settings.
          </p>
        )}
        {(access === 'missing' || access === 'declined') && (
          <>
            {access === 'missing' ? (
              <p>The browser has not yet allowed Dossier to read these sites.</p>
            ) : (
              <p role="alert" class="error">
                Not allowed. Dossier will not run by itself on these sites; “Analyze this page” in
                its toolbar menu still works, and the menu offers this again.
              </p>
            )}
            <button type="button" class="primary" onClick={allow}>
              Allow on policy sites
            </button>
          </>
        )}
        {typeof access === 'object' && (
          <p role="alert" class="error">
            The browser refused the request: {access.error}
          </p>
        )}
      </section>
      <h2>The {POLICY_SITES.length} sites (each with its subdomains, over http and https)</h2>
      <ul class="sites">
        {POLICY_SITES.map((site) => (
          <li key={site}>{site}</li>
        ))}
      </ul>
    </main>
  );
}
