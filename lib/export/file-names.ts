/**
 * File names for per-page Markdown files that work on Windows, macOS, Linux, in zip files and as
 * Obsidian note names: no reserved characters (`<>:"/\|?*` and Obsidian's `#^[]`), no control
 * or bidirectional-override characters, no reserved Windows device names, no leading dot or
 * trailing dot/space, at most 100 characters, and unique even on case-insensitive disks.
 */

const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
  /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*#^[\]\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const MAX = 100;

/** A safe base name (without extension) for `title`, falling back to `fallback`. */
export function safeBaseName(title: string, fallback = 'Untitled'): string {
  let name = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  name = Array.from(name).slice(0, MAX).join('');
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (name === '') return fallback === title ? 'Untitled' : safeBaseName(fallback);
  if (RESERVED.test(name.split('.')[0]!)) name = `_${name}`;
  return name;
}

/**
 * Makes each name unique (case-insensitively) by adding ` (2)`, ` (3)`, … before the extension.
 * Names are assigned in the given order, so a stable input order gives stable names.
 */
export function uniqueFileNames(baseNames: readonly string[], extension: string): string[] {
  const used = new Set<string>();
  return baseNames.map((base) => {
    let name = `${base}${extension}`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})${extension}`;
    used.add(name.toLowerCase());
    return name;
  });
}
