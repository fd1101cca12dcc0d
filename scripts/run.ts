/** Small helpers shared by the project's scripts: run a command, find (or install) a browser. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** Where Debian's `chromium` package puts the browser. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;

/** Runs a command in the repository, inheriting the terminal; returns its exit status. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

/**
 * What `requireChromium` looks at and does, passed in so that its decisions are tested without
 * touching the machine: the environment, the user id, whether a file exists, where a command
 * is on the PATH, how to run a command (its exit status) and where to say things.
 */
export interface ChromiumWorld {
  env: Record<string, string | undefined>;
  /** The user id (`process.getuid()`), or null where there is none (Windows). */
  uid: number | null;
  exists(file: string): boolean;
  which(command: string): string | null;
  /** Runs a command, its output hidden (errors shown unless `quiet`); returns its exit status. */
  run(
    command: string,
    args: string[],
    options?: { env?: Record<string, string>; quiet?: boolean },
  ): number;
  say(line: string): void;
}

/** A browser the tests drive, as Debian packages it. */
export interface BrowserSpec {
  /** As the reader knows it ("Chromium", "Firefox ESR"). */
  name: string;
  /** The environment variable naming another binary. */
  envVar: string;
  /** Where Debian's package puts it. */
  debianPath: string;
  /** The Debian package. */
  pkg: string;
}

/** Debian's Chromium. */
export const CHROMIUM_SPEC: BrowserSpec = {
  name: 'Chromium',
  envVar: 'CHROMIUM_PATH',
  debianPath: DEBIAN_CHROMIUM,
  pkg: 'chromium',
};

/** Debian's Firefox ESR. */
export const FIREFOX_SPEC: BrowserSpec = {
  name: 'Firefox ESR',
  envVar: 'FIREFOX_PATH',
  debianPath: '/usr/bin/firefox-esr',
  pkg: 'firefox-esr',
};

/** The same commands `.ci/run` runs to install a browser, quiet and non-interactive. */
export function aptSteps(pkg: string): string[][] {
  return [
    ['apt-get', 'update', '-qq'],
    ['apt-get', 'install', '-y', '-qq', pkg],
  ];
}

/** The commands that install Debian's Chromium. */
export const APT_STEPS: readonly (readonly string[])[] = aptSteps(CHROMIUM_SPEC.pkg);

/** The one line printed when a browser is missing and cannot be installed from here. */
export function missingMessage(file: string, spec: BrowserSpec = CHROMIUM_SPEC): string {
  return `${spec.name} is missing (${file}): install it with "sudo apt-get install -y ${spec.pkg}".`;
}

/** What `ensureBrowser` found or did. */
export type ChromiumOutcome =
  | { ok: true; path: string; installed: boolean }
  | { ok: false; message: string };

/**
 * Finds a browser (its environment variable wins, then Debian's path); when it is missing and
 * may be installed from here (running as root, or `sudo -n` works without a password, and
 * apt-get exists), says so in one line and runs the same apt-get as `.ci/run`. A path named by
 * the environment variable is never replaced by an install: the reader asked for that one.
 */
export function ensureBrowser(world: ChromiumWorld, spec: BrowserSpec): ChromiumOutcome {
  const wanted = world.env[spec.envVar];
  const file = wanted ?? spec.debianPath;
  if (world.exists(file)) return { ok: true, path: file, installed: false };
  const fail = { ok: false, message: missingMessage(file, spec) } as const;
  if (wanted !== undefined || world.which('apt-get') === null) return fail;
  const asRoot = world.uid === 0;
  const viaSudo =
    !asRoot &&
    world.which('sudo') !== null &&
    world.run('sudo', ['-n', 'true'], { quiet: true }) === 0;
  if (!asRoot && !viaSudo) return fail;

  world.say(
    `${spec.name} is missing: installing Debian's ${spec.pkg} with apt-get${viaSudo ? ' (through sudo)' : ''}, about a minute…`,
  );
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  for (const [command, ...args] of aptSteps(spec.pkg)) {
    const status = viaSudo
      ? world.run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', command ?? '', ...args])
      : world.run(command ?? '', args, { env });
    if (status !== 0) return fail;
  }
  return world.exists(file) ? { ok: true, path: file, installed: true } : fail;
}

/** `ensureBrowser` for Chromium. */
export function ensureChromium(world: ChromiumWorld): ChromiumOutcome {
  return ensureBrowser(world, CHROMIUM_SPEC);
}

/** The real machine, for `ensureChromium`. */
export function realWorld(): ChromiumWorld {
  return {
    env: process.env,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    exists: existsSync,
    which(command) {
      for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const file = path.join(dir, command);
        try {
          accessSync(file, constants.X_OK);
          return file;
        } catch {
          // not in this folder
        }
      }
      return null;
    },
    run: (command, args, { env = {}, quiet = false } = {}) => {
      const result = spawnSync(command, args, {
        stdio: ['ignore', 'ignore', quiet ? 'ignore' : 'inherit'],
        env: { ...process.env, ...env },
      });
      return result.status ?? 1;
    },
    say: (line) => console.log(line),
  };
}

/**
 * Makes sure a browser is there (installing it when it can, see `ensureBrowser`), or stops the
 * script with one line saying how to install it.
 */
export function requireBrowser(spec: BrowserSpec, world: ChromiumWorld = realWorld()): void {
  const outcome = ensureBrowser(world, spec);
  if (!outcome.ok) {
    console.error(outcome.message);
    process.exit(1);
  }
}

/** `requireBrowser` for Chromium, which `npm start`, `npm test` and `npm run bench` drive. */
export function requireChromium(world: ChromiumWorld = realWorld()): void {
  requireBrowser(CHROMIUM_SPEC, world);
}

/** The local binary of an npm package (typescript's tsc, vitest, wxt, biome). */
export function bin(name: string): string {
  return path.join(ROOT, 'node_modules/.bin', name);
}
