/**
 * A note's id must be made on an `http:` page too, where `crypto.randomUUID` does not exist
 * (not a secure context): the content script's saves depended on it and all threw there.
 */
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newNoteId } from '../../../lib/annotation/id';

const uuid = v.pipe(v.string(), v.uuid());

describe('newNoteId', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('makes distinct v4 UUIDs the messages accept, without crypto.randomUUID', () => {
    const insecure = { getRandomValues: crypto.getRandomValues.bind(crypto) };
    vi.stubGlobal('crypto', insecure);
    expect(crypto.randomUUID).toBeUndefined();
    const ids = Array.from({ length: 500 }, () => newNoteId());
    for (const id of ids) {
      expect(v.is(uuid, id)).toBe(true);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses crypto.randomUUID where the page is a secure context', () => {
    expect(v.is(uuid, newNoteId())).toBe(true);
  });
});
