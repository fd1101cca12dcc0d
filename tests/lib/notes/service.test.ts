import { beforeEach, describe, expect, it } from 'vitest';
import type { NewAnnotation } from '../../../lib/annotation';
import { createNotesService, type NotesService } from '../../../lib/notes/service';
import type { NotesChange } from '../../../lib/protocol';
import { openDossierDb } from '../../../lib/store';

const URL_A = 'https://www.csis.org/analysis/a';

function input(exact: string, start: number, extra: Partial<NewAnnotation> = {}): NewAnnotation {
  return {
    page: { url: URL_A, title: 'A', site: 'CSIS' },
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    note: '',
    tags: [],
    colour: 'yellow',
    ...extra,
  };
}

let service: NotesService;
let changes: [string, NotesChange][];
let clock: number;
let ids: number;

beforeEach(() => {
  changes = [];
  clock = Date.parse('2026-03-01T10:00:00Z');
  ids = 0;
  const db = openDossierDb();
  service = createNotesService({
    db: () => db,
    now: () => new Date(clock),
    randomId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    onChange: (url, change) => changes.push([url, change]),
  });
});

describe('the notes service', () => {
  it('creates notes with ids and times, lists them in page order, and announces each', async () => {
    await service.create(input('second passage', 200, { tags: ['#energy', 'Energy'] }));
    await service.create(input('first passage', 10));
    const list = await service.list(URL_A);
    expect(list.map((a) => a.quote.exact)).toEqual(['first passage', 'second passage']);
    expect(list[1]?.tags).toEqual(['energy']);
    expect(list[0]?.created).toBe('2026-03-01T10:00:00.000Z');
    expect(changes.map(([url, c]) => [url, c.kind])).toEqual([
      [URL_A, 'upsert'],
      [URL_A, 'upsert'],
    ]);
  });

  it('applies edits field by field, so two tabs editing different fields both keep theirs', async () => {
    const note = await service.create(input('passage', 0));
    const [a, b] = await Promise.all([
      service.update(note.id, { note: 'from tab one' }),
      service.update(note.id, { tags: ['from-tab-two'] }),
    ]);
    expect(a.note).toBe('from tab one');
    expect(b.tags).toEqual(['from-tab-two']);
    const [stored] = await service.list(URL_A);
    expect(stored?.note).toBe('from tab one');
    expect(stored?.tags).toEqual(['from-tab-two']);
    expect(Date.parse(stored?.updated ?? '')).toBeGreaterThan(Date.parse(note.updated));
  });

  it('deletes to the trash, undoes, and refuses to edit a deleted note', async () => {
    const note = await service.create(input('passage', 0, { note: 'keep me' }));
    await expect(service.remove(note.id)).resolves.toEqual({ id: note.id, url: URL_A });
    await expect(service.list(URL_A)).resolves.toEqual([]);
    await expect(service.update(note.id, { note: 'late edit' })).rejects.toThrow(/deleted/);
    const back = await service.undo(note.id);
    expect(back.note).toBe('keep me');
    await expect(service.list(URL_A)).resolves.toHaveLength(1);
    expect(changes.map(([, c]) => c.kind)).toEqual(['upsert', 'delete', 'upsert']);
  });

  it('renames tags everywhere and tells every view to reload', async () => {
    await service.create(input('one', 0, { tags: ['baku'] }));
    await service.create(input('two', 10, { tags: ['baku', 'gas'] }));
    await expect(service.renameTag('baku', 'Baku talks')).resolves.toEqual({ changed: 2 });
    const tags = await service.tags();
    expect(tags.map((t) => t.tag).sort()).toEqual(['Baku talks', 'gas']);
    expect(changes.at(-1)).toEqual(['*', { kind: 'reload' }]);
  });

  it('lists tags with counts that follow every write', async () => {
    await service.create(input('one', 0, { tags: ['gas'] }));
    expect(await service.tags()).toEqual([{ tag: 'gas', count: 1 }]);
    const second = await service.create(input('two', 10, { tags: ['gas', 'baku'] }));
    expect(await service.tags()).toEqual([
      { tag: 'gas', count: 2 },
      { tag: 'baku', count: 1 },
    ]);
    await service.remove(second.id);
    expect(await service.tags()).toEqual([{ tag: 'gas', count: 1 }]);
  });

  it('searches notes on one page or on all', async () => {
    await service.create(input('pipeline capacity', 0, { note: 'check numbers' }));
    await service.create({
      ...input('pipeline elsewhere', 0),
      page: { url: 'https://rand.org/b', title: 'B', site: 'RAND' },
    });
    await expect(service.search('pipeline')).resolves.toHaveLength(2);
    await expect(service.search('pipeline', URL_A)).resolves.toHaveLength(1);
  });
});

describe('a save resent after a lost answer', () => {
  it('stores a note with a chosen id once, however often it is sent', async () => {
    const { openDossierDb, listAll } = await import('../../../lib/store');
    const db = await openDossierDb({ name: 'idempotent-create' });
    const service = createNotesService({ db: async () => db });
    const id = '9b2f7f0e-5d1c-4e6a-9a39-0f6b9d3c2a11';
    const first = await service.create({ ...input('the passage', 4), id });
    const again = await service.create({ ...input('the passage', 4), id });
    expect(again).toEqual(first);
    expect((await listAll(db)).map((n) => n.id)).toEqual([id]);
    await expect(service.create({ ...input('another passage', 9), id })).rejects.toThrow(
      /already exists/,
    );
    await service.remove(id);
    await expect(service.create({ ...input('the passage', 4), id })).rejects.toThrow(/deleted/);
    db.close();
  });
});
