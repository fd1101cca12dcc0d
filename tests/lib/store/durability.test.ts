/**
 * Acknowledged writes are durable (issue 19) with notes in PouchDB too: its adapter's read-write
 * transactions ask for strict durability; other databases and explicit options are left alone.
 */
import { describe, expect, it } from 'vitest';
import { strictPouchWrites } from '../../../lib/store/pouch';

function fakeDatabase(name: string) {
  const calls: unknown[][] = [];
  class Db {
    name = name;
    transaction(...args: unknown[]) {
      calls.push(args);
      return null;
    }
  }
  return { Db, calls };
}

describe('strict durability for PouchDB writes', () => {
  it('asks for strict durability on read-write transactions of PouchDB databases only', () => {
    const pouch = fakeDatabase('_pouch_dossier-notes');
    expect(strictPouchWrites(pouch.Db.prototype as never)).toBe(true);
    const db = new pouch.Db();
    db.transaction(['docs'], 'readwrite');
    db.transaction(['docs'], 'readonly');
    db.transaction(['docs'], 'readwrite', { durability: 'relaxed' });
    expect(pouch.calls).toEqual([
      [['docs'], 'readwrite', { durability: 'strict' }],
      [['docs'], 'readonly', undefined],
      [['docs'], 'readwrite', { durability: 'relaxed' }],
    ]);

    const other = fakeDatabase('dossier');
    strictPouchWrites(other.Db.prototype as never);
    new other.Db().transaction(['library-pages'], 'readwrite');
    expect(other.calls).toEqual([[['library-pages'], 'readwrite', undefined]]);
  });

  it('patches a prototype once', () => {
    const pouch = fakeDatabase('_pouch_x');
    expect(strictPouchWrites(pouch.Db.prototype as never)).toBe(true);
    expect(strictPouchWrites(pouch.Db.prototype as never)).toBe(false);
    new pouch.Db().transaction('docs', 'readwrite');
    expect(pouch.calls).toHaveLength(1);
  });
});
