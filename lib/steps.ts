/**
 * Staged computations: a generator that `yield`s wherever it may pause. The content script
 * runs one stage per task, so long work never holds the page for long (lib/content/slices.ts);
 * everything else runs it straight through with `runToEnd`, so both get the same result from
 * the same code.
 */

/** A computation in stages that ends with a `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` to its end without pausing and returns its result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
