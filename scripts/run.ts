/** Small helpers shared by the project's scripts: run a command, find (or install) Chromium. */
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

/** The same commands `.ci/run` runs to install Debian's Chromium, quiet and non-interactive. */
export const APT_STEPS: readonly (readonly string[])[] = [
  ['apt-get', 'update', '-qq'],
  ['apt-get', 'install', '-y', '-qq', 'chromium'],
];

/** The one line printed when Chromium is missing and cannot be installed from here. */
export function missingMessage(chromium: string): string {
  return `Chromium is missing (${chromium}): install it with "sudo apt-get install -y chromium".`;
}

/** What `ensureChromium` found or did. */
export type ChromiumOutcome =
  | { ok: true; path: string; installed: boolean }
  | { ok: false; message: string };

/**
 * Finds Chromium (`CHROMIUM_PATH` wins, then Debian's `/usr/bin/chromium`); when it is missing
 * and may be installed from here (running as root, or `sudo -n` works without a password, and
 * apt-get exists), says so in one line and runs the same apt-get as `.ci/run`. A path named by
 * `CHROMIUM_PATH` is never replaced by an install: the reader asked for that one.
 */
export function ensureChromium(world: ChromiumWorld): ChromiumOutcome {
  const wanted = world.env.CHROMIUM_PATH;
  const chromium = wanted ?? DEBIAN_CHROMIUM;
  if (world.exists(chromium)) return { ok: true, path: chromium, installed: false };
  const fail = { ok: false, message: missingMessage(chromium) } as const;
  if (wanted !== undefined || world.which('apt-get') === null) return fail;
  const asRoot = world.uid === 0;
  const viaSudo =
    !asRoot &&
    world.which('sudo') !== null &&
    world.run('sudo', ['-n', 'true'], { quiet: true }) === 0;
  if (!asRoot && !viaSudo) return fail;

  world.say(
    `Chromium is missing: installing Debian's chromium with apt-get${viaSudo ? ' (through sudo)' : ''}, about a minute…`,
  );
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  for (const [command, ...args] of APT_STEPS) {
    const status = viaSudo
      ? world.run('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', command ?? '', ...args])
      : world.run(command ?? '', args, { env });
    if (status !== 0) return fail;
  }
  return world.exists(chromium) ? { ok: true, path: chromium, installed: true } : fail;
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
 * Makes sure Chromium is there (installing it when it can, see `ensureChromium`), or stops the
 * script with one line saying how to install it.
 */
export function requireChromium(world: ChromiumWorld = realWorld()): void {
  const outcome = ensureChromium(world);
  if (!outcome.ok) {
    console.error(outcome.message);
    process.exit(1);
  }
}

/** The local binary of an npm package (typescript's tsc, vitest, wxt, biome). */
export function bin(name: string): string {
  return path.join(ROOT, 'node_modules/.bin', name);
}
