/** the notes service's cached tag counts. */
import { describe, expect, it } from 'vitest';
import { createNotesService } from '../../../lib/notes/service';
import { saveAnnotation } from '../../../lib/store';
import { connections, makeAnnotation } from '../store/fixtures';

const openDb = connections();

describe('tag counts follow changes that did not go through the service', () => {
  it('a note arriving by sync (written to the store, not through the service) shows in tags()', async () => {
    const db = await openDb();
    const service = createNotesService({ db: async () => db });
    await service.create({ ...makeAnnotation({ tags: ['energy'] }) });
    expect(await service.tags()).toEqual([{ tag: 'energy', count: 1 }]);
    // Replication (lib/sync) writes to the same database directly; the feed announces it to
    // views, which then ask for `tags/list` again (use-page-notes refreshTagsSoon).
    await saveAnnotation(db, makeAnnotation({ tags: ['pipelines'] }));
    expect(await service.tags()).toContainEqual({ tag: 'pipelines', count: 1 });
  });
});
