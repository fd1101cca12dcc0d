/**
 * The `analyze` command: runs Dossier's own analysis (lib/analysis/pipeline.ts, as the content script does) on saved HTML files
 * in Node and prints who is named and who said what, as Markdown for people or JSON for tools.
 *
 * The DOM is happy-dom, already a dev dependency for the tests: it is small, starts fast, and
 * with script evaluation and file loading disabled it parses a saved page without running or
 * fetching anything, which is all Readability needs (jsdom would do too, but is a second DOM
 * to install and keep in step with the tests).
 *
 * JSON shape: one object per file; with several files, an array of those objects (in argument
 * order, failed files left out). Errors go to stderr, one line per file, and make the exit
 * status 1 while the other files are still analysed.
 */
import { readFile } from 'node:fs/promises';
import { Window } from 'happy-dom';
import { analyzePage } from '../analysis/pipeline';

/** One file's analysis, as printed by `--json`. */
export interface FileAnalysis {
  file: string;
  title: string;
  byline: string | null;
  published: string | null;
  text: string;
  officials: {
    name: string;
    titles: string[];
    mentions: { start: number; end: number; text: string }[];
  }[];
  quotes: {
    text: string;
    speaker: string | null;
    speakerType?: string;
    start: number;
    end: number;
  }[];
}

/** Where the command writes; injectable so tests can capture output. */
export interface AnalyzeIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Promise<string>;
}

const defaultIO: AnalyzeIO = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => readFile(p, 'utf8'),
};

/** Thrown for a file that cannot be analysed; the message is shown to the user. */
export class AnalyzeError extends Error {}

const HTML_SNIFF = /<(?:!doctype\s+html|html|head|body|article|main|div|p|h1|section)[\s>/]/i;

/**
 * happy-dom 21 does not honour self-closing tags inside inline SVG (`<polygon … />`), so one
 * icon sprite can swallow the rest of the page into the `<svg>`. Browsers (and jsdom) treat
 * them as closed; writing the closing tags out makes happy-dom agree. A `<style>` inside an SVG
 * trips it up the same way; it holds no text, so it is dropped.
 */
export function closeSvgSelfClosingTags(html: string): string {
  if (!/<svg[\s>]/i.test(html)) return html;
  return html.replace(/<svg[\s>][\s\S]*?<\/svg>/gi, (svg) =>
    svg
      .replace(/<style[\s>][\s\S]*?<\/style>/gi, '')
      .replace(/<([a-zA-Z][\w:-]*)((?:\s[^<>]*?)?)\/>/g, '<$1$2></$1>'),
  );
}

/**
 * happy-dom 21 also mis-parses some comments (`<!--div …><p>…</p></div-->` swallows the
 * elements after it). Comments carry no article text, so they are removed before parsing;
 * scripts and styles are skipped over so a "<!--" inside them cannot eat real content.
 */
export function stripComments(html: string): string {
  if (!html.includes('<!--')) return html;
  return html.replace(
    /<script\b[\s\S]*?<\/script>|<style\b[\s\S]*?<\/style>|<!--[\s\S]*?-->/gi,
    (m) => (m.startsWith('<!--') ? '' : m),
  );
}

/** Parses HTML with happy-dom, with scripts and network loading off. */
export function parseHtml(
  html: string,
  url = 'https://example.invalid/',
): { document: Document; close: () => void } {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  const parser = new window.DOMParser();
  const document = parser.parseFromString(
    closeSvgSelfClosingTags(stripComments(html)),
    'text/html',
  ) as unknown as Document;
  return { document, close: () => void window.happyDOM.close() };
}

/** Analyses one HTML string (the file name is only echoed back). Throws AnalyzeError. */
export function analyzeHtml(html: string, file: string): FileAnalysis {
  if (html.includes('\u0000') || !HTML_SNIFF.test(html.slice(0, 200_000))) {
    throw new AnalyzeError('not an HTML file');
  }
  const { document, close } = parseHtml(html);
  try {
    const { article: result, detection: found } = analyzePage(document, { force: true });
    if (!result.ok) throw new AnalyzeError(`no article: ${result.message}`);
    const { article } = result;
    if (article.text.trim().length === 0) throw new AnalyzeError('the article is empty');
    return {
      file,
      title: article.title,
      byline: article.byline,
      published: article.published,
      text: article.text,
      officials: found.officials,
      quotes: found.quotes.map((q) => ({
        text: q.text,
        speaker: q.speaker,
        ...(q.speakerType ? { speakerType: q.speakerType } : {}),
        start: q.start,
        end: q.end,
      })),
    };
  } finally {
    close();
  }
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}

/** Markdown for people: a "Who's who" table and a "Who said what" list. */
export function formatMarkdown(a: FileAnalysis): string {
  const lines: string[] = [];
  lines.push(`# ${a.title || a.file}`, '');
  lines.push(`File: ${a.file}`);
  if (a.byline) lines.push(`By: ${a.byline}`);
  if (a.published) lines.push(`Published: ${a.published}`);
  lines.push('', "## Who's who", '');
  if (a.officials.length === 0) {
    lines.push('No named officials found.');
  } else {
    lines.push('| Name | Titles | Mentions |', '| --- | --- | --- |');
    for (const o of a.officials) {
      const forms = [...new Set(o.mentions.map((m) => m.text))].join(', ');
      lines.push(
        `| ${cell(o.name)} | ${cell(o.titles.join('; ') || '—')} | ${o.mentions.length}: ${cell(forms)} |`,
      );
    }
  }
  lines.push('', '## Who said what', '');
  if (a.quotes.length === 0) {
    lines.push('No quotations found.');
  } else {
    for (const q of a.quotes) {
      const who = q.speaker ?? (q.speakerType === 'unnamed' ? 'unnamed source' : 'unknown');
      lines.push(`- **${who}**: “${q.text.replace(/\s+/g, ' ')}”`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const USAGE = 'usage: npm run --silent analyze -- [--json] FILE.html...\n';

/** Runs the command; returns the exit status (0 all files analysed, 1 some failed, 2 usage). */
export async function runAnalyze(
  argv: readonly string[],
  io: AnalyzeIO = defaultIO,
): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a.startsWith('-') && a !== '--json');
  const files = argv.filter((a) => !a.startsWith('-'));
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  if (unknown.length > 0 || files.length === 0) {
    io.stderr(unknown.length > 0 ? `analyze: unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  const results: FileAnalysis[] = [];
  let failed = 0;
  for (const file of files) {
    let html: string;
    try {
      html = await io.readFile(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stderr(`analyze: ${file}: cannot read file${code ? ` (${code})` : ''}\n`);
      failed++;
      continue;
    }
    try {
      const a = analyzeHtml(html, file);
      results.push(a);
      if (!json) io.stdout(`${results.length > 1 ? '\n' : ''}${formatMarkdown(a)}`);
    } catch (e) {
      const msg =
        e instanceof AnalyzeError ? e.message : `analysis failed: ${(e as Error).message}`;
      io.stderr(`analyze: ${file}: ${msg}\n`);
      failed++;
    }
  }
  if (json && results.length > 0) {
    io.stdout(`${JSON.stringify(files.length === 1 ? results[0] : results, null, 2)}\n`);
  }
  return failed > 0 ? 1 : 0;
}
