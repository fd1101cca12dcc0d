import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../lib/annotation';
import { parseBackup, toBackup } from '../../../lib/export/backup';
import type { BackupTrashEntry } from '../../../lib/export/validate';
import { makeAnnotation, NOW, uuid } from './fixtures';

const annotations: Annotation[] = [
  makeAnnotation({
    id: uuid(1),
    note: 'n',
    tags: ['a', 'b c'],
    colour: 'green',
    origin: { kind: 'official', name: 'X' },
  }),
  makeAnnotation({
    id: uuid(2),
    page: { url: 'https://example.org/a', title: '', site: 'e', author: null },
  }),
  makeAnnotation({
    id: uuid(3),
    page: { url: 'https://example.org/b', title: 't', site: 's', published: null },
  }),
  makeAnnotation({
    id: uuid(4),
    origin: { kind: 'quote', speaker: null },
    updated: '2025-01-01T00:00:00+01:00',
  }),
];
const trash: BackupTrashEntry[] = [
  {
    ...makeAnnotation({ id: uuid(9), note: 'deleted', colour: 'pink' }),
    deleted: '2025-06-01T12:00:00.000Z',
  },
];

describe('backup', () => {
  it('restores exactly what it saved: ids, times, colours, origins, trash and orphans', () => {
    const text = toBackup(annotations, trash, { now: NOW, orphanIds: new Set([uuid(3)]) });
    expect(JSON.parse(text)).toMatchObject({
      format: 'dossier-backup',
      version: 1,
      exported: NOW.toISOString(),
    });
    expect(parseBackup(JSON.parse(text))).toEqual({
      ok: true,
      kind: 'backup',
      annotations,
      trash,
      orphanIds: [uuid(3)],
    });
  });

  it('keeps absent and null page fields apart', () => {
    const text = toBackup(annotations, [], { now: NOW });
    const result = parseBackup(JSON.parse(text));
    if (!result.ok || result.kind !== 'backup') throw new Error('rejected');
    expect('author' in result.annotations[0]!.page).toBe(true);
    expect('author' in result.annotations[2]!.page).toBe(false);
    expect(result.annotations[1]!.page.author).toBeNull();
  });

  it('drops orphan ids that name no annotation when saving', () => {
    const text = toBackup(annotations, [], { now: NOW, orphanIds: [uuid(1), uuid(77)] });
    expect(JSON.parse(text).orphans).toEqual([uuid(1)]);
  });

  it('refuses a backup from a newer version with a reason', () => {
    const result = parseBackup({
      format: 'dossier-backup',
      version: 2,
      exported: NOW.toISOString(),
      annotations: [],
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/newer Dossier/);
  });
});
