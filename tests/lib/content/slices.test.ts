/** Work in slices: every step runs, in order, with the page given turns in between. */
import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runSliced, runStaged } from '../../../lib/content/slices';

describe('runSliced', () => {
  it('runs every step in order and yields to other tasks between slices', async () => {
    const ctx = new ContentScriptContext('content');
    const seen: number[] = [];
    let otherTaskRan = false;
    setTimeout(() => {
      otherTaskRan = true;
    }, 0);
    const done = await runSliced(ctx, 100, (i) => seen.push(i), { budget: 0 });
    expect(done).toBe(true);
    expect(seen).toEqual([...Array(100).keys()]);
    expect(otherTaskRan).toBe(true);
    ctx.abort();
  });

  it('stops between slices when asked to, and when its context is invalidated', async () => {
    const ctx = new ContentScriptContext('content');
    let steps = 0;
    let stop = false;
    const stopped = runSliced(ctx, 1000, () => steps++, { budget: 0, stop: () => stop });
    stop = true;
    expect(await stopped).toBe(false);
    expect(steps).toBeLessThan(1000);

    const other = new ContentScriptContext('content');
    const invalidated = runSliced(other, 1000, () => undefined, { budget: 0 });
    other.abort();
    expect(await invalidated).toBe(false);
    ctx.abort();
  });
});

describe('runStaged', () => {
  function* stages(log: string[]) {
    log.push('words');
    yield;
    log.push('people');
    yield;
    log.push('quotes');
    return 'done';
  }

  it('runs one stage per task and resolves with the result', async () => {
    const ctx = new ContentScriptContext('content');
    const log: string[] = [];
    setTimeout(() => log.push('page'), 0);
    await expect(runStaged(ctx, stages(log))).resolves.toBe('done');
    // The page's own task ran between the first two stages.
    expect(log).toEqual(['words', 'page', 'people', 'quotes']);
    ctx.abort();
  });

  it('resolves null and runs no further stage once stopped or invalidated', async () => {
    const ctx = new ContentScriptContext('content');
    const log: string[] = [];
    let stop = false;
    const stopped = runStaged(ctx, stages(log), () => stop);
    stop = true;
    await expect(stopped).resolves.toBeNull();
    expect(log).toEqual(['words']);

    const other = new ContentScriptContext('content');
    const abandoned: string[] = [];
    const invalidated = runStaged(other, stages(abandoned));
    other.abort();
    await expect(invalidated).resolves.toBeNull();
    expect(abandoned).toEqual(['words']);
    ctx.abort();
  });

  it('rejects with the error of a stage that throws', async () => {
    const ctx = new ContentScriptContext('content');
    function* failing() {
      yield;
      throw new Error('Readability gave up');
    }
    await expect(runStaged(ctx, failing())).rejects.toThrow('Readability gave up');
    ctx.abort();
  });
});
