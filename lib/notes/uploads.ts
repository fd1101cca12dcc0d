/**
 * Files larger than one message, put back together in the background: the popup sends an
 * imported file in parts of at most `MESSAGE_MAX_CHARS` (Chrome refuses a message over 64 MiB,
 * and a backup of 100,000 notes is larger), each numbered, and then asks for the import of the
 * whole. Parts wait in memory for a few minutes at most; a file over the import limit is
 * refused as its parts arrive, not after they have all been kept. The popup now leaves the
 * file itself in the hand-off database instead (lib/store/hand-off.ts, no copy through
 * messages); the parts remain for the PDF viewer and any page where that database fails.
 */
import { FILE_MAX_CHARS, FILE_TOO_LARGE } from '../annotation/limits';
import type { RequestOf } from '../protocol';
import { takeFile } from '../store/hand-off';

/** How long the parts of an unfinished upload are kept. */
const KEEP_MS = 5 * 60 * 1000;

interface Upload {
  parts: string[];
  chars: number;
  timer: ReturnType<typeof setTimeout>;
}

/** The uploads in progress in one background. */
export class Uploads {
  private readonly uploads = new Map<string, Upload>();

  /** Keeps part `index` of `upload`; parts must come in order, from 0. Returns parts so far. */
  add(upload: string, index: number, text: string): number {
    let current = this.uploads.get(upload);
    if (!current) {
      if (index !== 0) throw new Error('The file arrived out of order; import it again.');
      current = { parts: [], chars: 0, timer: setTimeout(() => this.drop(upload), KEEP_MS) };
      this.uploads.set(upload, current);
    }
    if (index !== current.parts.length) {
      this.drop(upload);
      throw new Error('The file arrived out of order; import it again.');
    }
    current.chars += text.length;
    if (current.chars > FILE_MAX_CHARS) {
      this.drop(upload);
      throw new Error(FILE_TOO_LARGE);
    }
    current.parts.push(text);
    return current.parts.length;
  }

  /** The whole text of a finished upload (and forgets it). */
  take(upload: string, parts: number): string {
    const current = this.uploads.get(upload);
    this.drop(upload);
    if (!current || current.parts.length !== parts) {
      throw new Error(
        'Part of the file did not reach Dossier (perhaps it restarted); import it again.',
      );
    }
    return current.parts.join('');
  }

  private drop(upload: string): void {
    const current = this.uploads.get(upload);
    if (current) clearTimeout(current.timer);
    this.uploads.delete(upload);
  }
}

/** Said when a file named in a request is not there (taken already, or the worker restarted). */
const MISSING_FILE = 'The file did not reach Dossier (perhaps it restarted); import it again.';

/**
 * The text of a file to import, however `notes/import-file` names it: its text, the parts of
 * an upload, or the file left in the hand-off database (read straight from IndexedDB and
 * removed, whatever happens). Throws a plain sentence when the file is missing or too large.
 */
export async function importedText(
  request: RequestOf<'notes/import-file'>,
  uploads: Uploads,
): Promise<string> {
  if ('text' in request) return request.text;
  if ('upload' in request) return uploads.take(request.upload, request.parts);
  const text = await takeFile(request.handOff, async (blob) => {
    // The popup's own rule on the file's size, checked again before reading it. Bytes bound the
    // text: decoding never gives more characters than the file has bytes.
    if (blob.size > FILE_MAX_CHARS) throw new Error(FILE_TOO_LARGE);
    return blob.text();
  });
  if (text === undefined) throw new Error(MISSING_FILE);
  return text;
}
