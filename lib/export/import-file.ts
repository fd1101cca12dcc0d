/**
 * The one entry point for "Import…": recognises a Dossier backup or W3C Web Annotations in a
 * file's text and validates the whole file before the store may write anything.
 */
import { FILE_MAX_MB } from '../annotation/limits';
import { BACKUP_FORMAT, parseBackup } from './backup';
import { describeValue, type ImportResult, LIMITS } from './validate';
import { parseW3C } from './w3c';

const fail = (message: string): ImportResult => ({
  ok: false,
  errors: [{ entry: null, path: '', message }],
});

/**
 * Parses and validates an imported file. All-or-nothing: `ok: true` carries every record,
 * `ok: false` carries every problem (up to `LIMITS.errors`), each naming its entry.
 */
export function parseImportFile(text: string): ImportResult {
  if (text.length > LIMITS.fileChars) {
    const mb = Math.ceil(text.length / (1024 * 1024));
    return fail(
      `The file is too large (about ${mb} MB); Dossier imports files of up to ${FILE_MAX_MB} MB.`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('The file is empty.');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : '';
    return fail(
      `The file is not valid JSON, so it is neither a Dossier backup nor W3C annotations (${detail}).`,
    );
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'format' in value) {
    const format = (value as { format: unknown }).format;
    if (format === BACKUP_FORMAT) return parseBackup(value);
    return fail(
      `The file's format ${describeValue(format)} is not one Dossier knows (expected "${BACKUP_FORMAT}").`,
    );
  }
  return parseW3C(value);
}
