/**
 * The hand-off of an imported file from the popup to the background through IndexedDB: the
 * background reads exactly the file the popup left, and the record is gone afterwards whatever
 * happened (read, refused, never sent), so no copy of a reader's file lingers in the profile.
 */
import { Blob as NodeBlob } from 'node:buffer';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  dropFile,
  dropStaleFiles,
  HAND_OFF_DB,
  HAND_OFF_KEEP_MS,
  leaveFile,
  takeFile,
} from '../../../lib/store/hand-off';

/** How many files wait in the hand-off database. */
async function filesLeft(): Promise<number> {
  const db = await openDB(HAND_OFF_DB, 1);
  try {
    return await db.count('files');
  } finally {
    db.close();
  }
}

/**
 * A file as the popup has it. Node's Blob, because fake-indexeddb stores values with Node's
 * structured clone, which keeps a Node Blob and flattens happy-dom's (a browser keeps its own).
 */
function file(text: string): Blob {
  return new NodeBlob([text]) as unknown as Blob;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('handing a file to the background', () => {
  it('gives the background the text of the file the popup left, then removes it', async () => {
    const text = '{"type":"AnnotationCollection","items":[]} – “curly” and ü';
    const key = await leaveFile(file(text));
    expect(await filesLeft()).toBe(1);
    expect(await takeFile(key, (blob) => blob.text())).toBe(text);
    expect(await filesLeft()).toBe(0);
    // Taken once: a second request for it finds nothing.
    expect(await takeFile(key, (blob) => blob.text())).toBeUndefined();
  });

  it('removes the file when the background refuses it', async () => {
    const key = await leaveFile(file('x'.repeat(100)));
    await expect(
      takeFile(key, async () => {
        throw new Error('too large');
      }),
    ).rejects.toThrow('too large');
    expect(await filesLeft()).toBe(0);
  });

  it('keeps two files apart', async () => {
    const a = await leaveFile(file('first'));
    const b = await leaveFile(file('second'));
    expect(a).not.toBe(b);
    expect(await takeFile(b, (blob) => blob.text())).toBe('second');
    expect(await takeFile(a, (blob) => blob.text())).toBe('first');
  });

  it('lets the popup remove a file its message never delivered', async () => {
    const key = await leaveFile(file('never sent'));
    await dropFile(key);
    expect(await filesLeft()).toBe(0);
  });

  it('clears files left behind longer than a few minutes ago, and only those', async () => {
    const now = Date.now();
    await leaveFile(file('stray'), now - HAND_OFF_KEEP_MS - 1);
    const fresh = await leaveFile(file('in flight'), now - 1000);
    expect(await dropStaleFiles(now)).toBe(1);
    expect(await takeFile(fresh, (blob) => blob.text())).toBe('in flight');
  });
});
