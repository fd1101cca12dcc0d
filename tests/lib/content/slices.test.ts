/** Work in slices: every step runs, in order, with the page given turns in between. */
import { describe, expect, it } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runSliced } from '../../../lib/content/slices';

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
