/**
 * Files handed from an extension page (the popup) to the background without copying them
 * through messages. The page puts the chosen `File` into a small IndexedDB database of the
 * extension's own origin, which the background shares, and sends one message naming it; the
 * background reads it and removes it.
 *
 * Why: a runtime message carries a string, copied and JSON-encoded on each side, and Chrome
 * refuses one over 64 MiB, so a 14 MB backup went in 4 MiB parts that each crossed between
 * processes (about 1.5 s of a 10,000-note import). A Blob stored in IndexedDB is written once
 * by the browser, and the background reads it straight from there.
 *
 * Nothing here is the reader's only copy (they still have the file), so the record is written
 * with relaxed durability; it is removed whatever the import's outcome, by the background once
 * read, by the page when its message fails, and by `dropStaleFiles` at the background's start
 * for one a stopped worker or a closed popup left behind.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/** The database's name; kept apart from the notes so its life never touches theirs. */
export const HAND_OFF_DB = 'dossier-hand-off';

/** A file waiting for the background, and when it was left (for the clean-up of strays). */
interface HandedFile {
  blob: Blob;
  at: number;
}

interface HandOffSchema extends DBSchema {
  files: { key: string; value: HandedFile };
}

/** How long a file may wait before it is taken for a stray: the popup's import sends at once. */
export const HAND_OFF_KEEP_MS = 10 * 60 * 1000;

function openHandOff(): Promise<IDBPDatabase<HandOffSchema>> {
  return openDB<HandOffSchema>(HAND_OFF_DB, 1, {
    upgrade(db) {
      db.createObjectStore('files');
    },
  });
}

/** Runs `work` on the open database and closes it, so the hand-off never holds a connection. */
async function withHandOff<T>(work: (db: IDBPDatabase<HandOffSchema>) => Promise<T>): Promise<T> {
  const db = await openHandOff();
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Leaves `blob` for the background; resolves to the key to send it (once it is stored). */
export function leaveFile(blob: Blob, now = Date.now()): Promise<string> {
  const key = crypto.randomUUID();
  return withHandOff(async (db) => {
    const tx = db.transaction('files', 'readwrite', { durability: 'relaxed' });
    await tx.store.put({ blob, at: now }, key);
    await tx.done;
    return key;
  });
}

/**
 * Reads the file left under `key` with `read` (which may refuse it by throwing), and removes it
 * whatever happens; undefined when there is no such file (already taken, or cleaned up as a
 * stray). The record goes only after `read` is done with the Blob it holds.
 */
export async function takeFile<T>(
  key: string,
  read: (blob: Blob) => Promise<T>,
): Promise<T | undefined> {
  try {
    const left = await withHandOff((db) => db.get('files', key));
    return left ? await read(left.blob) : undefined;
  } finally {
    await dropFile(key).catch(() => undefined);
  }
}

/** Removes the file left under `key`, if any (the page, when its message did not get through). */
export function dropFile(key: string): Promise<void> {
  return withHandOff(async (db) => {
    const tx = db.transaction('files', 'readwrite', { durability: 'relaxed' });
    await tx.store.delete(key);
    await tx.done;
  });
}

/** Removes files left longer than `keepMs` ago (strays); resolves to how many were removed. */
export function dropStaleFiles(now = Date.now(), keepMs = HAND_OFF_KEEP_MS): Promise<number> {
  return withHandOff(async (db) => {
    const tx = db.transaction('files', 'readwrite', { durability: 'relaxed' });
    let dropped = 0;
    for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
      if (now - cursor.value.at > keepMs) {
        await cursor.delete();
        dropped += 1;
      }
    }
    await tx.done;
    return dropped;
  });
}
