/**
 * The sizes of a note's parts, defined once. Every place that accepts a note checks against
 * these same numbers: the import (lib/export/validate), the messages (lib/protocol), the
 * popup's editor and the in-page toolbar. A note that one of them accepts is one every other
 * can show, edit and save again; none of them cuts or drops a reader's text to fit.
 */
import { thousands } from '../format';

/** A note's text, in UTF-16 code units (what `string.length` counts). */
export const NOTE_MAX_CHARS = 1_000_000;

/** A quoted passage (the highlighted words). */
export const QUOTE_MAX_CHARS = 1_000_000;

/** One tag, and the number of tags on one note. */
export const TAG_MAX_CHARS = 200;
export const TAGS_MAX_PER_NOTE = 100;

/** A page address. */
export const URL_MAX_CHARS = 8_192;

/** Title, site, author, published date, speaker and official names. */
export const SHORT_TEXT_MAX_CHARS = 2_000;

/** The sentence shown when a note is longer than `NOTE_MAX_CHARS`; the text is kept as typed. */
export function noteTooLongMessage(length: number): string {
  const over = length - NOTE_MAX_CHARS;
  return (
    `This note is ${thousands(over)} characters over Dossier's limit of ` +
    `${thousands(NOTE_MAX_CHARS)}; shorten it to save. Your text is kept as it is.`
  );
}

/**
 * The largest file "Import…" accepts, in characters: room for a backup of the 100,000 notes an
 * import allows (a backup of 100,000 short notes is about 70 MB).
 */
export const FILE_MAX_CHARS = 200 * 1024 * 1024;

/** The same, in the MB a reader sees in messages. */
export const FILE_MAX_MB = FILE_MAX_CHARS / (1024 * 1024);

/** What the reader is told of a file over `FILE_MAX_CHARS`, wherever it is refused. */
export const FILE_TOO_LARGE = `Nothing was imported: the file is larger than ${FILE_MAX_MB} MB.`;

/**
 * The most text one message carries for whole-library actions (a page of "all notes", a part
 * of an imported file): far below Chrome's 64 MiB per message, whatever the characters.
 */
export const MESSAGE_MAX_CHARS = 4 * 1024 * 1024;

/** Context on each side of a quote: Dossier stores 32 characters; other tools store more. */
export const QUOTE_CONTEXT_MAX_CHARS = 1_000;

/** The largest text offset a TextPositionSelector may carry. */
export const OFFSET_MAX = 1_000_000_000;
