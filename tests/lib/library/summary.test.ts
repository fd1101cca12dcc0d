/**
 * The stored people summary (schema v5) over a real (fake-indexeddb) store: kept up to date
 * bucket by bucket as pages are recorded and forgotten and as the reader merges and splits, it
 * must always say exactly what resolving everything from scratch says; it is built when
 * missing; and it tells apart two people who share one full name once the reader says so.
 */
import { describe, expect, it } from 'vitest';
import { buildLibrary } from '../../../lib/library/model';
import type { LibraryPage, PersonRecord } from '../../../lib/library/records';
import { createLibraryService } from '../../../lib/library/service';
import {
  type DossierDB,
  listLibraryPages,
  listPeopleSummary,
  listPersonChoices,
  openDossierDb,
  rebuildPeopleSummary,
  recordLibraryPage,
  settleLibraryPages,
  storeLibraryPage,
} from '../../../lib/store';
import { connections } from '../store/fixtures';
import { libPage } from './fixtures';

const openDb = connections();

/** The summary as the panel reads it, in a comparable form. */
async function people(db: DossierDB): Promise<Partial<PersonRecord>[] | null> {
  const list = (await listPeopleSummary(db))?.people;
  return (
    list?.map((p) => ({
      id: p.id,
      name: p.name,
      forms: [...p.forms].sort(),
      pages: [...p.pages].sort(),
      titles: [...p.titles].sort(),
      mentions: p.mentions,
      dates: p.dates,
    })) ?? null
  );
}

/** A service over `db` with predictable ids and times. */
function serviceOver(db: DossierDB) {
  let n = 0;
  return createLibraryService({
    db: async () => db,
    newId: () => `c${++n}`,
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
  });
}

/** Records `page` as the content script would have it recorded. */
async function read(db: DossierDB, page: LibraryPage): Promise<void> {
  await recordLibraryPage(db, page);
}

describe('the people summary', () => {
  it('is missing on a new database until built, then built once', async () => {
    const db = await openDb();
    await read(db, libPage([['Antony Blinken', ['Secretary of State']]]));
    // Not built yet: recording leaves a missing summary alone rather than half-build it.
    expect(await listPeopleSummary(db)).toBeNull();
    const service = serviceOver(db);
    expect(await service.summarise()).toBe(true);
    expect(await service.summarise()).toBe(false);
    expect((await people(db))?.map((p) => p.name)).toEqual(['Antony Blinken']);
  });

  it('after every change says what resolving everything from scratch says', async () => {
    const db = await openDb();
    const service = serviceOver(db);
    await service.summarise();
    const a = libPage(
      [
        ['Antony Blinken', ['Secretary of State']],
        ['John Smith', ['Senator']],
        ['Jeyhun Bayramov', ['Foreign Minister']],
      ],
      { quotes: [['Antony Blinken', 'We will help.']] },
    );
    const b = libPage([['Secretary Blinken'], ['Jane Smith', ['Ambassador']], ['Smith']]);
    const c = libPage([['Tony Blinken'], ['George H. W. Bush'], ['George W. Bush']], {
      site: 'Other Institute',
    });
    const d = libPage([['George Bush', ['President']], ['Bayramov']]);
    const f = libPage([
      ['Jeyhun Bayramov', ['Foreign Minister']],
      ['Elmar Bayramov', ['Minister of Economy']],
      ['John Smith', ['Senator']],
    ]);
    const steps: [string, () => Promise<unknown>][] = [
      ['read a', () => read(db, a)],
      ['read b', () => read(db, b)],
      ['read c', () => read(db, c)],
      ['read d', () => read(db, d)],
      ['merge across surnames', () => service.merge(['jeyhun bayramov'], ['jane smith'])],
      ['forget b', () => service.forgetPage(b.url, false)],
      ['read b again', () => read(db, b)],
      ['split a name off', () => service.split(['tony blinken'], ['antony blinken', 'blinken'])],
      [
        'read a again, changed',
        () => read(db, { ...a, analysis: { officials: [], quotes: [] }, lastRead: a.lastRead }),
      ],
      ['split by pages', () => service.splitPages('george bush', [d.url], [d.site])],
      ['merge back', () => service.merge(['antony blinken'], ['tony blinken'])],
      ['read f', () => read(db, f)],
      ['merge across surnames again', () => service.merge(['jeyhun bayramov'], ['jane smith'])],
      // The merge undone: the person it made, stored under one of the two surnames, is
      // resolved again with the people of both.
      ['split across surnames', () => service.split(['jeyhun bayramov'], ['jane smith'])],
    ];
    for (const [label, step] of steps) {
      await step();
      const kept = await people(db);
      expect(kept?.length, label).toBeGreaterThan(2);
      const scratch = await openDossierDb({ name: `scratch-${label}` });
      try {
        for (const page of await listLibraryPages(db)) await recordLibraryPage(scratch, page);
        const choices = await listPersonChoices(db);
        await serviceOver(scratch).summarise();
        // The same choices, written as they are (ids included) into the scratch store.
        await scratch.idb.clear('library-choices');
        for (const choice of choices) await scratch.idb.put('library-choices', choice);
        await rebuildPeopleSummary(scratch);
        expect({ label, people: kept }).toEqual({ label, people: await people(scratch) });
      } finally {
        scratch.close();
      }
    }
  });

  it('settled in one batch, says what resolving everything from scratch says', async () => {
    const db = await openDb();
    const service = serviceOver(db);
    await service.summarise();
    const a = libPage([
      ['Antony Blinken', ['Secretary of State']],
      ['John Smith', ['Senator']],
    ]);
    const b = libPage([['Secretary Blinken'], ['Jane Smith', ['Ambassador']], ['Smith']]);
    const c = libPage([['Tony Blinken'], ['Jeyhun Bayramov']]);
    await read(db, a);
    // Everything below happens while pages wait to be resolved, as between two settlings.
    await storeLibraryPage(db, b);
    await storeLibraryPage(db, c);
    await service.merge(['jeyhun bayramov'], ['jane smith']);
    // Read twice more: the summary still holds the first reading's names until settled.
    const only = (name: string) => ({ name, titles: [], mentions: 1 });
    await storeLibraryPage(db, {
      ...a,
      analysis: { officials: [only('Wendy Sherman')], quotes: [] },
    });
    await storeLibraryPage(db, {
      ...a,
      analysis: { officials: [only('Antony Blinken')], quotes: [] },
    });
    await service.forgetPage(c.url, false);
    await storeLibraryPage(db, c);
    expect(await settleLibraryPages(db)).toBe(3);
    const kept = await people(db);
    const scratch = await openDossierDb({ name: 'scratch-batch' });
    try {
      for (const page of await listLibraryPages(db)) await storeLibraryPage(scratch, page);
      for (const choice of await listPersonChoices(db)) {
        await scratch.idb.put('library-choices', choice);
      }
      await rebuildPeopleSummary(scratch);
      expect(kept).toEqual(await people(scratch));
      expect(kept?.map((p) => p.name)).toContain('Antony Blinken');
    } finally {
      scratch.close();
    }
  });

  it('gives the first rows from the top of its index, in the whole list’s order, ties included', async () => {
    const db = await openDb();
    await serviceOver(db).summarise();
    // Ten people on 1 to 4 pages each, several tied on pages and mentions.
    for (let p = 0; p < 4; p++) {
      const names = Array.from({ length: 10 - p * 2 }, (_, i) => [`Person${i} Surname${i}`]);
      await read(db, libPage(names as [string][]));
    }
    const all = await listPeopleSummary(db);
    const first = await listPeopleSummary(db, 3);
    expect(first?.total).toBe(10);
    expect(all?.total).toBe(10);
    // Persons 0 to 3 are tied (4 pages, 4 mentions each): the fourth comes too, as the list begins.
    expect(first?.people.map((p) => p.name)).toEqual(all?.people.slice(0, 4).map((p) => p.name));
    expect(first?.people).toHaveLength(4);
  });

  it('is emptied by "Forget everything" and stays current', async () => {
    const db = await openDb();
    const service = serviceOver(db);
    await service.summarise();
    await read(db, libPage([['Antony Blinken']]));
    expect(await people(db)).toHaveLength(1);
    await service.forgetAll(false);
    expect(await people(db)).toEqual([]);
    await read(db, libPage([['Jake Sullivan']]));
    expect((await people(db))?.map((p) => p.name)).toEqual(['Jake Sullivan']);
  });
});

describe('two people with one full name', () => {
  const first = libPage([['John Smith', ['Senator']]], {
    site: 'Senate Watch',
    quotes: [['John Smith', 'The bill will pass.']],
  });
  const second = libPage([['John Smith', ['Bishop']]], {
    site: 'Church Times',
    quotes: [['John Smith', 'Peace be with you.']],
  });

  it('are one person until the reader says the name on some pages is someone else', async () => {
    const db = await openDb();
    const service = serviceOver(db);
    await service.summarise();
    await read(db, first);
    await read(db, second);
    expect(await people(db)).toHaveLength(1);

    await service.splitPages('john smith', [second.url], [second.site]);
    const two = (await listPeopleSummary(db))?.people ?? [];
    expect(two.map((p) => p.name)).toEqual(['John Smith', 'John Smith']);
    expect(two.map((p) => p.pages)).toEqual(expect.arrayContaining([[first.url], [second.url]]));

    // Each keeps their own quotations, in the whole-library view too.
    const library = buildLibrary(await listLibraryPages(db), await listPersonChoices(db));
    const said = library.people.map((p) =>
      (library.quotesByPerson.get(p.id) ?? []).map((q) => q.quote.text),
    );
    expect(said).toEqual(expect.arrayContaining([['The bill will pass.'], ['Peace be with you.']]));
  });

  it('keep apart on later pages: the split site goes to the other, the rest to the first', async () => {
    const db = await openDb();
    const service = serviceOver(db);
    await service.summarise();
    await read(db, first);
    await read(db, second);
    await service.splitPages('john smith', [second.url], [second.site]);
    const later = libPage([['John Smith']], { site: 'Church Times' });
    const elsewhere = libPage([['John Smith']], { site: 'Senate Watch' });
    await read(db, later);
    await read(db, elsewhere);
    const list = (await listPeopleSummary(db))?.people ?? [];
    expect(list).toHaveLength(2);
    const pagesOf = (url: string) => list.find((p) => p.pages.includes(url))?.pages.sort();
    expect(pagesOf(second.url)).toEqual([second.url, later.url].sort());
    expect(pagesOf(first.url)).toEqual([first.url, elsewhere.url].sort());
  });
});
