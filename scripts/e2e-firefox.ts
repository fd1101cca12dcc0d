/**
 * `npm run test:e2e:firefox`: builds the Firefox package, then drives it in Debian's Firefox ESR
 * over WebDriver BiDi (tests/e2e-firefox). Like Chromium, the browser comes from Debian's
 * packages, never a download: when it is missing and the machine lets us (root, or sudo without
 * a password), `apt-get install firefox-esr` is run; otherwise one line says how.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bin, run } from './run';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Installs Debian's firefox-esr where that needs no question; true when Firefox is there. */
function ensureFirefox(): boolean {
  if (existsSync(FIREFOX)) return true;
  if (process.env.FIREFOX_PATH) return false; // a path chosen by hand is not ours to install
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) return false;
  console.log('Installing Firefox ESR from Debian’s packages…');
  const apt = (args: string[]) =>
    run(sudo ? 'sudo' : 'apt-get', sudo ? ['apt-get', ...args] : args, {
      DEBIAN_FRONTEND: 'noninteractive',
    });
  if (apt(['install', '-y', '-qq', 'firefox-esr']) !== 0) {
    apt(['update', '-qq']);
    apt(['install', '-y', '-qq', 'firefox-esr']);
  }
  return existsSync(FIREFOX);
}

if (!ensureFirefox()) {
  console.error(
    `Firefox ESR is missing (${FIREFOX}): install it with "sudo apt-get install -y firefox-esr".`,
  );
  process.exit(1);
}
const build = run(bin('wxt'), ['build', '-b', 'firefox']);
if (build !== 0) process.exit(build);
process.exit(
  run(bin('vitest'), ['run', '--config', 'vitest.e2e-firefox.config.ts', ...process.argv.slice(2)]),
);
