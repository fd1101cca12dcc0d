/**
 * How the background gets the text of a file to import: in one message, in parts, or left in
 * the hand-off database by the popup. A file that did not arrive, or is too large, is refused
 * with a sentence the reader can act on.
 */
import { Blob as NodeBlob } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { FILE_MAX_CHARS } from '../../../lib/annotation/limits';
import { importedText, Uploads } from '../../../lib/notes/uploads';
import { leaveFile } from '../../../lib/store/hand-off';

/** A file as the popup has it (Node's Blob survives fake-indexeddb; see hand-off.test.ts). */
function file(text: string): Blob {
  return new NodeBlob([text]) as unknown as Blob;
}

describe('the text of an imported file', () => {
  it('reads a file the popup left in the hand-off database, once', async () => {
    const key = await leaveFile(file('{"items":[]}'));
    expect(await importedText({ handOff: key }, new Uploads())).toBe('{"items":[]}');
    await expect(importedText({ handOff: key }, new Uploads())).rejects.toThrow(
      'The file did not reach Dossier',
    );
  });

  it('refuses a handed-over file larger than the import limit without reading it', async () => {
    // Only its size is looked at: a stand-in of 200 MB that holds nothing else.
    const key = await leaveFile({ size: FILE_MAX_CHARS + 1 } as unknown as Blob);
    await expect(importedText({ handOff: key }, new Uploads())).rejects.toThrow(
      'Nothing was imported: the file is larger than',
    );
  });

  it('puts a file sent in parts back together', async () => {
    const uploads = new Uploads();
    const upload = crypto.randomUUID();
    uploads.add(upload, 0, 'ab');
    uploads.add(upload, 1, 'cd');
    expect(await importedText({ upload, parts: 2 }, uploads)).toBe('abcd');
    expect(await importedText({ text: 'whole' }, uploads)).toBe('whole');
  });
});
