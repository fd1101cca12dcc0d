// @vitest-environment node
/**
 * Another user on the same profile (lib/sync/switch.ts): what the previous user kept local
 * stays withheld from the next user's databases, their library choices included.
 */
import memory from 'pouchdb-adapter-memory/lib/index.es.js';
import PouchDB from 'pouchdb-core/lib/index.es.js';
import { describe, expect, it } from 'vitest';
import {
  notesAtSwitch,
  readWithheld,
  type SwitchDatabase,
  withheldFrom,
  withholdFor,
} from '../../../lib/sync/switch';

const Local = PouchDB.plugin(memory);

describe('a switch of user', () => {
  it("withholds the previous user's notes and library choices from the next, asking of notes", async () => {
    const db = new Local(`switch-${Date.now()}`, {
      adapter: 'memory',
    }) as unknown as SwitchDatabase & {
      bulkDocs(docs: object[]): Promise<unknown>;
    };
    await db.bulkDocs([
      { _id: 'note:https%3A%2F%2Fa.example%2F:n1', type: 'note', note: { id: 'n1', tags: [] } },
      { _id: 'choice:c1', type: 'choice', fact: { id: 'c1' } },
    ]);
    expect((await notesAtSwitch(db, 'ana', 'bob')).notes).toBe(1);
    await withholdFor(db, 'ana');
    const fromBob = withheldFrom(await readWithheld(db), 'bob');
    expect([...fromBob].sort()).toEqual(['choice:c1', 'note:https%3A%2F%2Fa.example%2F:n1']);
    expect(withheldFrom(await readWithheld(db), 'ana').size).toBe(0);
  });
});
