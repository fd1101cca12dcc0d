/**
 * Packs per-page Markdown files into one zip for "Export everything". fflate is small, fast and
 * synchronous, which keeps this a pure function; the caller downloads the bytes.
 */
import { strToU8, type Zippable, zipSync } from 'fflate';
import type { ExportFile } from './markdown';

/** 1980-01-01, the earliest time a zip can record: the default keeps output reproducible. */
const ZIP_EPOCH = new Date(Date.UTC(1980, 0, 1));

/**
 * Builds a zip of `files` (UTF-8 names and contents). Pass `now` to stamp the entries with the
 * export time; without it they carry the zip epoch, so the same files give the same bytes.
 * Throws on a repeated path, which would silently drop a file.
 */
export function zipFiles(files: readonly ExportFile[], options: { now?: Date } = {}): Uint8Array {
  const mtime = options.now ?? ZIP_EPOCH;
  const entries: Zippable = Object.create(null);
  for (const file of files) {
    if (file.path in entries) throw new Error(`Two files in the export are named ${file.path}.`);
    entries[file.path] = [strToU8(file.content), { mtime }];
  }
  return zipSync(entries, { level: 6, mtime });
}
