/**
 * `npm run check:store` (and a step of `npm test`): builds the two store packages the way a
 * release would (`wxt zip`, `wxt zip -b firefox`) and checks them as the stores do.
 *
 * - Firefox: Mozilla's own linter, `web-ext lint` (the registry package, offline), on exactly
 *   the files of the zip; any error fails.
 * - Chrome: the Web Store has no offline linter, so `checkChromePackage` checks what its review
 *   rejects: icons missing or of the wrong size, a permission the README does not justify, remote
 *   code (a script from the network, `eval`, `new Function`, an import of a URL) and a loosened
 *   content security policy.
 *
 * `--no-build` checks the zips already in `.output/`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { bin, ROOT, run } from './run';

/** The icon sizes the Chrome Web Store and the toolbar need. */
export const REQUIRED_ICON_SIZES = ['16', '32', '48', '128'] as const;

/** Width and height of a PNG, from its IHDR chunk; null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The README's permission table: `| \`name\` | why |` rows under a heading that names
 * permissions. Returns each justified name (a row may name several) with its reason.
 */
export function justifiedPermissions(readme: string): Map<string, string> {
  const out = new Map<string, string>();
  let inSection = false;
  for (const line of readme.split('\n')) {
    if (/^#{2,4}\s/.test(line)) inSection = /permission/i.test(line);
    if (!inSection || !line.startsWith('|')) continue;
    const [first = '', why = ''] = line.split('|').slice(1);
    if (!why.trim() || /^[\s:-]*$/.test(why)) continue;
    for (const [, name] of first.matchAll(/`([^`]+)`/g)) out.set(name ?? '', why.trim());
  }
  return out;
}

/** Patterns of code fetched or made at run time, which Chrome's review rejects. */
export const REMOTE_CODE: readonly { what: string; pattern: RegExp }[] = [
  {
    what: 'a script loaded from the network',
    pattern: /<script[^>]*\ssrc\s*=\s*["']?(https?:)?\/\//i,
  },
  { what: 'an import of a URL', pattern: /\bimport\s*\(?\s*["'`](https?:)?\/\//i },
  { what: 'an import of a URL', pattern: /\bfrom\s*["'`](https?:)?\/\//i },
  { what: 'importScripts of a URL', pattern: /\bimportScripts\s*\(\s*["'`](https?:)?\/\//i },
  { what: 'a script element given a URL', pattern: /\.src\s*=\s*["'`]https?:\/\//i },
  { what: 'eval', pattern: /(^|[^\w$.])eval\s*\(/ },
  { what: 'new Function', pattern: /\bnew\s+Function\s*\(/ },
];

/** CSP sources that would let remote or string code run in the extension's pages. */
const LOOSE_CSP = /'unsafe-eval'|'unsafe-inline'|'wasm-unsafe-eval'|https?:|\*|data:|blob:/;

/**
 * Every problem the Chrome Web Store review would find in a package's files (path → bytes),
 * given the README that must justify its permissions. Empty when it would pass.
 */
export function checkChromePackage(files: Map<string, Uint8Array>, readme: string): string[] {
  const problems: string[] = [];
  const text = (p: string) => new TextDecoder().decode(files.get(p));
  if (!files.has('manifest.json')) return ['the package has no manifest.json'];
  const manifest = JSON.parse(text('manifest.json')) as {
    manifest_version?: number;
    icons?: Record<string, string>;
    action?: { default_icon?: string | Record<string, string> };
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
    optional_host_permissions?: string[];
    content_security_policy?: Record<string, string> | string;
    content_scripts?: unknown[];
    commands?: Record<string, { suggested_key?: unknown }>;
  };
  if (manifest.manifest_version !== 3) problems.push('the manifest is not Manifest V3');
  // Chrome refuses to load an extension that suggests more than four shortcuts.
  const suggested = Object.values(manifest.commands ?? {}).filter((c) => c.suggested_key);
  if (suggested.length > 4) {
    problems.push(`commands suggest ${suggested.length} shortcuts; Chrome loads at most 4`);
  }

  const iconSets: [string, Record<string, string>][] = [['icons', manifest.icons ?? {}]];
  if (typeof manifest.action?.default_icon === 'object') {
    iconSets.push(['action.default_icon', manifest.action.default_icon]);
  }
  for (const size of REQUIRED_ICON_SIZES) {
    if (!manifest.icons?.[size]) problems.push(`icons has no ${size} px icon`);
  }
  for (const [where, set] of iconSets) {
    for (const [size, file] of Object.entries(set)) {
      const bytes = files.get(file.replace(/^\//, ''));
      const got = bytes ? pngSize(bytes) : null;
      if (!bytes) problems.push(`${where}.${size}: ${file} is not in the package`);
      else if (!got) problems.push(`${where}.${size}: ${file} is not a PNG`);
      else if (got.width !== Number(size) || got.height !== Number(size)) {
        problems.push(`${where}.${size}: ${file} is ${got.width}×${got.height}`);
      }
    }
  }

  const justified = justifiedPermissions(readme);
  for (const permission of [
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
    // The sites the content script runs on by itself are host access too.
    ...(manifest.content_scripts?.length ? ['content_scripts'] : []),
  ]) {
    if (!justified.has(permission)) {
      problems.push(`the permission "${permission}" is not justified in the README's table`);
    }
  }

  const csp = manifest.content_security_policy;
  if (typeof csp === 'string') problems.push('content_security_policy is a string (MV2 form)');
  for (const [key, policy] of Object.entries(typeof csp === 'object' ? csp : {})) {
    const scriptSrc = policy.match(/(?:^|;)\s*script-src([^;]*)/)?.[1] ?? '';
    const objectSrc = policy.match(/(?:^|;)\s*object-src([^;]*)/)?.[1] ?? '';
    if (LOOSE_CSP.test(scriptSrc) || LOOSE_CSP.test(objectSrc)) {
      problems.push(`content_security_policy.${key} loosens script-src or object-src: ${policy}`);
    }
  }

  for (const [file] of files) {
    if (!/\.(m?js|html?)$/.test(file)) continue;
    const source = text(file);
    for (const { what, pattern } of REMOTE_CODE) {
      const found = source.match(pattern);
      if (found) {
        const at = found.index ?? 0;
        problems.push(`${file}: ${what} (…${source.slice(Math.max(0, at - 20), at + 40)}…)`);
      }
    }
  }
  return problems;
}

/** The zip of `.output/` built for a browser. */
function zipFor(browser: 'chrome' | 'firefox'): string {
  const dir = path.join(ROOT, '.output');
  const name = readdirSync(dir).find((f) => f.endsWith(`-${browser}.zip`));
  if (!name) throw new Error(`No ${browser} zip in .output/: run "npm run zip" first.`);
  return path.join(dir, name);
}

function unzip(file: string): Map<string, Uint8Array> {
  const entries = unzipSync(readFileSync(file));
  return new Map(Object.entries(entries).filter(([name]) => !name.endsWith('/')));
}

/** Runs web-ext lint on the Firefox zip's files; returns its errors and warning count. */
function lintFirefox(zip: string): { errors: string[]; warnings: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'dossier-lint-'));
  try {
    for (const [name, bytes] of unzip(zip)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), bytes);
    }
    const result = spawnSync(
      bin('web-ext'),
      ['lint', '--source-dir', dir, '--output', 'json', '--boring'],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const json = result.stdout.slice(result.stdout.indexOf('{'));
    const report = JSON.parse(json) as {
      errors: { code: string; message: string; file?: string }[];
      warnings: unknown[];
    };
    return {
      errors: report.errors.map((e) => `${e.code}: ${e.message}${e.file ? ` (${e.file})` : ''}`),
      warnings: report.warnings.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.argv.includes('--no-build')) {
    for (const args of [['zip'], ['zip', '-b', 'firefox']]) {
      const status = spawnSync(bin('wxt'), args, { cwd: ROOT, stdio: 'ignore' }).status;
      if (status !== 0) process.exit(run(bin('wxt'), args) || 1);
    }
  }
  const firefox = lintFirefox(zipFor('firefox'));
  const chrome = checkChromePackage(
    unzip(zipFor('chrome')),
    readFileSync(path.join(ROOT, 'README.md'), 'utf8'),
  );
  console.log(
    `web-ext lint (Firefox zip): ${firefox.errors.length} errors, ${firefox.warnings} warnings`,
  );
  for (const e of firefox.errors) console.error(`  ✖ ${e}`);
  console.log(`Chrome package check: ${chrome.length} problems`);
  for (const p of chrome) console.error(`  ✖ ${p}`);
  process.exit(firefox.errors.length + chrome.length > 0 ? 1 : 0);
}
