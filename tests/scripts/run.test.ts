// @vitest-environment node
/**
 * `requireChromium`'s decisions, on made-up machines: where it finds Chromium, when it installs
 * it (as root, or through a sudo that needs no password) and with which commands, and when it
 * stops with the one line it has always printed.
 */
import { describe, expect, it } from 'vitest';
import {
  APT_STEPS,
  type ChromiumWorld,
  DEBIAN_CHROMIUM,
  ensureBrowser,
  ensureChromium,
  FIREFOX_SPEC,
  missingMessage,
} from '../../scripts/run';

interface Machine {
  env?: Record<string, string>;
  uid?: number | null;
  files?: string[];
  commands?: string[];
  /** Exit status by command line ("sudo -n true"); 0 when absent. */
  status?: Record<string, number>;
  /** Whether apt-get install really puts Chromium in place. */
  installWorks?: boolean;
}

function machine(m: Machine) {
  const files = new Set(m.files ?? []);
  const ran: string[] = [];
  const said: string[] = [];
  const world: ChromiumWorld = {
    env: m.env ?? {},
    uid: m.uid === undefined ? 1000 : m.uid,
    exists: (f) => files.has(f),
    which: (c) => ((m.commands ?? ['apt-get']).includes(c) ? `/usr/bin/${c}` : null),
    run(command, args, options) {
      const line = [command, ...args].join(' ');
      ran.push(options?.env ? `${JSON.stringify(options.env)} ${line}` : line);
      const status = m.status?.[line] ?? 0;
      if (status === 0 && line.includes('install') && m.installWorks !== false) {
        files.add(line.endsWith('firefox-esr') ? FIREFOX_SPEC.debianPath : DEBIAN_CHROMIUM);
      }
      return status;
    },
    say: (line) => void said.push(line),
  };
  return { world, ran, said };
}

describe('ensureChromium', () => {
  it('uses CHROMIUM_PATH when it names a file, and runs nothing', () => {
    const { world, ran } = machine({ env: { CHROMIUM_PATH: '/opt/c' }, files: ['/opt/c'] });
    expect(ensureChromium(world)).toEqual({ ok: true, path: '/opt/c', installed: false });
    expect(ran).toEqual([]);
  });

  it("finds Debian's /usr/bin/chromium", () => {
    const { world, ran } = machine({ uid: 0, files: [DEBIAN_CHROMIUM] });
    expect(ensureChromium(world)).toEqual({ ok: true, path: DEBIAN_CHROMIUM, installed: false });
    expect(ran).toEqual([]);
  });

  it('never installs in place of a missing CHROMIUM_PATH, even as root', () => {
    const { world, ran } = machine({ uid: 0, env: { CHROMIUM_PATH: '/nowhere/chromium' } });
    expect(ensureChromium(world)).toEqual({
      ok: false,
      message: missingMessage('/nowhere/chromium'),
    });
    expect(ran).toEqual([]);
  });

  it("as root, says so in one line, then runs .ci/run's apt-get, non-interactive", () => {
    const { world, ran, said } = machine({ uid: 0 });
    expect(ensureChromium(world)).toEqual({ ok: true, path: DEBIAN_CHROMIUM, installed: true });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/installing Debian's chromium with apt-get/);
    expect(ran).toEqual([
      '{"DEBIAN_FRONTEND":"noninteractive"} apt-get update -qq',
      '{"DEBIAN_FRONTEND":"noninteractive"} apt-get install -y -qq chromium',
    ]);
  });

  it('as a user whose sudo needs no password, installs through sudo -n', () => {
    const { world, ran, said } = machine({ commands: ['apt-get', 'sudo'] });
    expect(ensureChromium(world).ok).toBe(true);
    expect(said[0]).toMatch(/through sudo/);
    expect(ran).toEqual([
      'sudo -n true',
      ...APT_STEPS.map((step) => `sudo -n env DEBIAN_FRONTEND=noninteractive ${step.join(' ')}`),
    ]);
  });

  it('as a user whose sudo wants a password, stops with the one line and installs nothing', () => {
    const { world, ran, said } = machine({
      commands: ['apt-get', 'sudo'],
      status: { 'sudo -n true': 1 },
    });
    expect(ensureChromium(world)).toEqual({ ok: false, message: missingMessage(DEBIAN_CHROMIUM) });
    expect(ran).toEqual(['sudo -n true']);
    expect(said).toEqual([]);
  });

  it('as a user without sudo, stops with the one line', () => {
    const { world, ran } = machine({ commands: ['apt-get'] });
    expect(ensureChromium(world)).toEqual({ ok: false, message: missingMessage(DEBIAN_CHROMIUM) });
    expect(ran).toEqual([]);
  });

  it('on a machine without apt-get (not Debian), stops with the one line even as root', () => {
    const { world, ran } = machine({ uid: 0, commands: [] });
    expect(ensureChromium(world).ok).toBe(false);
    expect(ran).toEqual([]);
  });

  it('stops with the one line when apt-get fails, without running the install', () => {
    const { world, ran } = machine({ uid: 0, status: { 'apt-get update -qq': 100 } });
    expect(ensureChromium(world)).toEqual({ ok: false, message: missingMessage(DEBIAN_CHROMIUM) });
    expect(ran).toHaveLength(1);
  });

  it('stops with the one line when apt-get succeeds but no Chromium appears', () => {
    const { world } = machine({ uid: 0, installWorks: false });
    expect(ensureChromium(world).ok).toBe(false);
  });
});

describe('ensureBrowser for Firefox ESR', () => {
  it('installs Debian firefox-esr as root with the same apt-get steps, and says so first', () => {
    const { world, ran, said } = machine({ uid: 0 });
    expect(ensureBrowser(world, FIREFOX_SPEC)).toEqual({
      ok: true,
      path: '/usr/bin/firefox-esr',
      installed: true,
    });
    expect(ran.map((line) => line.replace(/^\{[^}]*\} /, ''))).toEqual([
      'apt-get update -qq',
      'apt-get install -y -qq firefox-esr',
    ]);
    expect(said).toEqual([
      "Firefox ESR is missing: installing Debian's firefox-esr with apt-get, about a minute…",
    ]);
  });

  it('never installs over a FIREFOX_PATH the reader chose, and says how in one line', () => {
    const { world, ran } = machine({ uid: 0, env: { FIREFOX_PATH: '/opt/ff' } });
    expect(ensureBrowser(world, FIREFOX_SPEC)).toEqual({
      ok: false,
      message:
        'Firefox ESR is missing (/opt/ff): install it with "sudo apt-get install -y firefox-esr".',
    });
    expect(ran).toEqual([]);
  });
});
