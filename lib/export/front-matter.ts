/**
 * YAML front matter for Obsidian and other Markdown tools. Every string is written as a YAML
 * double-quoted scalar with escapes, so a title with a colon, quotes, `#`, a newline, a leading
 * `-` or any Unicode parses back exactly (YAML 1.1 and 1.2 parsers alike); characters YAML
 * forbids in a document are written as `\u` escapes. Written by hand: twenty lines instead of a
 * runtime dependency on a YAML library.
 */

const NEEDS_ESCAPE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this escapes.
  /[\\"\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SIMPLE: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
};

/** A YAML double-quoted scalar holding exactly `text`. */
export function yamlString(text: string): string {
  return `"${text.replace(NEEDS_ESCAPE, (c) => {
    const simple = SIMPLE[c];
    if (simple) return simple;
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) return '\\ufffd'; // a lone surrogate cannot be kept
    return `\\u${code.toString(16).padStart(4, '0')}`;
  })}"`;
}

/** A value in front matter: text, nothing (`null`) or a list of text. */
export type FrontMatterValue = string | null | readonly string[];

/** The front matter block, `---` lines included, for the fields in the given order. */
export function frontMatter(fields: readonly (readonly [string, FrontMatterValue])[]): string {
  const out = ['---'];
  for (const [key, value] of fields) {
    if (value === null) out.push(`${key}: null`);
    else if (typeof value === 'string') out.push(`${key}: ${yamlString(value)}`);
    else if (value.length === 0) out.push(`${key}: []`);
    else out.push(`${key}:`, ...value.map((item) => `  - ${yamlString(item)}`));
  }
  out.push('---');
  return out.join('\n');
}
