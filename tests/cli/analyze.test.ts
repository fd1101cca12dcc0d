/**
 * The analyze command: Markdown and JSON output, several files, and a clear message per file
 * for unreadable, non-HTML and empty input without stopping the others. Fixtures are
 * written to a temporary folder from invented text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeSvgSelfClosingTags, runAnalyze, stripComments } from '../../lib/cli/analyze';

const ARTICLE = `<!doctype html><html lang="en"><head><title>Border talks resume</title>
<meta name="author" content="Priya Anand"></head><body>
<svg class="icons"><symbol id="i"><path d="M0 0"/></symbol></svg>
<!--div class="old"><p>Old teaser</p></div-->
<article><h1>Border talks resume</h1>
<p>Foreign Minister Ilsa Marrow arrived in Vell on Monday for talks on the disputed border, the first such visit in a decade, and met her counterpart for three hours.</p>
<p>“We are ready to sign,” Marrow said after the meeting, adding that both delegations had agreed on a timetable for the demarcation of the remaining sections of the frontier.</p>
<p>Opposition leader Anya Koval called the deal “a betrayal of voters” and promised to block it in parliament, where her party holds enough seats to delay ratification.</p>
<p>Analysts in the capital said the agreement could still collapse if either government faced a serious challenge at home before the end of the year.</p>
</article></body></html>`;

let dir: string;
let article: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dossier-cli-'));
  article = path.join(dir, 'article.html');
  writeFileSync(article, ARTICLE);
  writeFileSync(path.join(dir, 'notes.txt'), 'Just some notes, no markup at all.');
  writeFileSync(
    path.join(dir, 'empty.html'),
    '<!doctype html><html><head><title>x</title></head><body></body></html>',
  );
});

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyze(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
    readFile: async (p) => (await import('node:fs/promises')).readFile(p, 'utf8'),
  });
  return { code, stdout, stderr };
}

describe('analyze', () => {
  it('prints a Who’s who table and a Who said what list', async () => {
    const { code, stdout, stderr } = await run([article]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain("## Who's who");
    expect(stdout).toMatch(/\| Ilsa Marrow \| Foreign Minister \| 2: Ilsa Marrow, Marrow \|/);
    expect(stdout).toContain('## Who said what');
    expect(stdout).toContain('- **Ilsa Marrow**: “We are ready to sign,”');
    expect(stdout).toContain('- **Anya Koval**: “a betrayal of voters”');
  });

  it('prints one JSON object for one file, with offsets into its text', async () => {
    const { code, stdout } = await run(['--json', article]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ file: article, title: 'Border talks resume' });
    expect(result.text).not.toContain('Old teaser');
    const marrow = result.officials.find((o: { name: string }) => o.name === 'Ilsa Marrow');
    expect(marrow.titles).toEqual(['Foreign Minister']);
    for (const m of marrow.mentions) expect(result.text.slice(m.start, m.end)).toBe(m.text);
    for (const q of result.quotes) expect(result.text.slice(q.start, q.end)).toBe(q.text);
    expect(result.quotes.map((q: { speaker: string }) => q.speaker)).toEqual([
      'Ilsa Marrow',
      'Anya Koval',
    ]);
  });

  it('prints an array for several files and reports each failure without stopping', async () => {
    const missing = path.join(dir, 'missing.html');
    const { code, stdout, stderr } = await run([
      '--json',
      missing,
      path.join(dir, 'notes.txt'),
      path.join(dir, 'empty.html'),
      article,
    ]);
    expect(code).toBe(1);
    const results = JSON.parse(stdout);
    expect(results.map((r: { file: string }) => r.file)).toEqual([article]);
    expect(stderr).toContain(`${missing}: cannot read file (ENOENT)`);
    expect(stderr).toContain('notes.txt: not an HTML file');
    expect(stderr).toContain('empty.html: no article');
    expect(stderr.trim().split('\n')).toHaveLength(3);
  });

  it('prints usage and exits 2 without files or with an unknown option', async () => {
    expect((await run([])).code).toBe(2);
    const { code, stderr } = await run(['--yaml', article]);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown option --yaml');
  });

  it('runs as npm run analyze does, through tsx', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const tsx = path.join(root, 'node_modules/.bin/tsx');
    const res = spawnSync(
      tsx,
      ['scripts/analyze.ts', '--json', article, path.join(dir, 'notes.txt')],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    expect(res.status).toBe(1);
    expect(JSON.parse(res.stdout)[0].title).toBe('Border talks resume');
    expect(res.stderr).toContain('not an HTML file');
  }, 30_000);
});

describe('HTML clean-up for happy-dom', () => {
  it('closes self-closing tags inside SVG only', () => {
    expect(closeSvgSelfClosingTags('<br/><svg><path d="M0"/></svg>')).toBe(
      '<br/><svg><path d="M0"></path></svg>',
    );
  });

  it('drops comments but not script text', () => {
    expect(stripComments('a<!-- x -->b<script>var s="<!--";</script>c')).toBe(
      'ab<script>var s="<!--";</script>c',
    );
  });
});
