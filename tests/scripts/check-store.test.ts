// @vitest-environment node
/**
 * The Chrome package check finds what the Web Store review would reject: missing or mis-sized
 * icons, unjustified permissions, remote code and a loosened CSP. Packages made up here; the
 * real one is checked by `npm test` (scripts/check-store.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkChromePackage, justifiedPermissions, pngSize } from '../../scripts/check-store';
import { renderIcon } from '../../scripts/icons';

const svg = readFileSync('assets/icon.svg', 'utf8');
const README = `# X
## Permissions, and why
| permission | why |
| --- | --- |
| \`storage\` | settings |
| \`https://*/*\`, \`http://*/*\` | optional, per site |
| \`contextMenus\` |  |
## Next
| \`tabs\` | not in the permissions section |
`;

function pkg(manifest: object, extra: Record<string, string | Uint8Array> = {}) {
  const files = new Map<string, Uint8Array>();
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  for (const size of [16, 32, 48, 128]) files.set(`icon/${size}.png`, renderIcon(svg, size));
  for (const [name, body] of Object.entries(extra)) {
    files.set(name, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  return files;
}
const icons = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };
const good = { manifest_version: 3, icons, permissions: ['storage'] };

describe('justifiedPermissions', () => {
  it('reads the names of rows with a reason, in the permissions section only', () => {
    expect([...justifiedPermissions(README).keys()]).toEqual([
      'storage',
      'https://*/*',
      'http://*/*',
    ]);
  });
});

describe('pngSize', () => {
  it('reads the size of a PNG, and refuses other bytes', () => {
    expect(pngSize(renderIcon(svg, 48))).toEqual({ width: 48, height: 48 });
    expect(pngSize(new TextEncoder().encode('<svg/>'))).toBeNull();
  });
});

describe('checkChromePackage', () => {
  it('passes a package with its icons, justified permissions and local code', () => {
    const files = pkg(good, { 'popup.html': '<script type="module" src="/chunks/p.js"></script>' });
    expect(checkChromePackage(files, README)).toEqual([]);
  });

  it('finds a missing icon, a missing file and an icon of the wrong size', () => {
    const files = pkg({ ...good, icons: { 16: 'icon/32.png', 32: 'icon/32.png', 48: 'x.png' } });
    expect(checkChromePackage(files, README)).toEqual([
      'icons has no 128 px icon',
      'icons.16: icon/32.png is 32×32',
      'icons.48: x.png is not in the package',
    ]);
  });

  it('finds a permission the README does not justify (an empty reason is none)', () => {
    const files = pkg({ ...good, permissions: ['storage', 'contextMenus', 'tabs'] });
    expect(checkChromePackage(files, README)).toEqual([
      'the permission "contextMenus" is not justified in the README\'s table',
      'the permission "tabs" is not justified in the README\'s table',
    ]);
  });

  it('finds remote code: a script from the network, eval, new Function, an import of a URL', () => {
    const problems = checkChromePackage(
      pkg(good, {
        'a.html': '<script src="https://cdn.example/x.js"></script>',
        'b.js': 'const f=x=>eval(x);',
        'c.js': 'let g=new Function("return 1")',
        'd.js': 'await import("https://cdn.example/m.js")',
        'e.js': 'const interval=y.evaluate(1);',
      }),
      README,
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual(['a.html', 'b.js', 'c.js', 'd.js']);
  });

  it('finds a content security policy that lets remote or string code run', () => {
    const loose = {
      ...good,
      content_security_policy: { extension_pages: "script-src 'self' 'unsafe-eval'" },
    };
    const strict = {
      ...good,
      content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    };
    expect(checkChromePackage(pkg(loose), README)).toHaveLength(1);
    expect(checkChromePackage(pkg(strict), README)).toEqual([]);
  });

  it('finds more suggested shortcuts than the four Chrome accepts (it would not load)', () => {
    const key = (k: string) => ({ suggested_key: { default: `Alt+Shift+${k}` } });
    const four = {
      ...good,
      commands: { a: key('A'), b: key('B'), c: key('C'), d: key('D'), e: {} },
    };
    const five = { ...good, commands: { ...four.commands, e: key('E') } };
    expect(checkChromePackage(pkg(four), README)).toEqual([]);
    expect(checkChromePackage(pkg(five), README)).toEqual([
      'commands suggest 5 shortcuts; Chrome loads at most 4',
    ]);
  });
});
