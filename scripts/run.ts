/** Small helpers shared by the project's scripts: run a command, find Chromium. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Runs a command in the repository, inheriting the terminal; returns its exit status. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status ?? 1;
}

/** Stops the script with one line saying how to install Chromium, when it is missing. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    console.error(
      `Chromium is missing (${CHROMIUM}): install it with "sudo apt-get install -y chromium".`,
    );
    process.exit(1);
  }
}

/** The local binary of an npm package (typescript's tsc, vitest, wxt, biome). */
export function bin(name: string): string {
  return path.join(ROOT, 'node_modules/.bin', name);
}
