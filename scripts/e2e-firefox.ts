/**
 * `npm run test:e2e:firefox`: builds the Firefox package, then drives it in Debian's Firefox ESR
 * over WebDriver BiDi (tests/e2e-firefox). Like Chromium, the browser comes from Debian's
 * packages, never a download: when it is missing and the machine lets us (root, or sudo without
 * a password), `apt-get install firefox-esr` is run; otherwise one line says how.
 */
import { bin, FIREFOX_SPEC, requireBrowser, run } from './run';

requireBrowser(FIREFOX_SPEC);
const build = run(bin('wxt'), ['build', '-b', 'firefox']);
if (build !== 0) process.exit(build);
process.exit(
  run(bin('vitest'), ['run', '--config', 'vitest.e2e-firefox.config.ts', ...process.argv.slice(2)]),
);
