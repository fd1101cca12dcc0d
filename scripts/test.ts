/**
 * `npm test`: everything CI checks, in order of speed: type check, lint, unit tests, the store
 * packages' checks, then the production build driven in real Chromium, then the Firefox build
 * in Firefox ESR. Stops at the first failing step.
 */
import { bin, requireChromium, run } from './run';

requireChromium();
const steps: [string, string, string[]][] = [
  ['type check', bin('tsc'), ['--noEmit']],
  ['lint', bin('biome'), ['check', '.']],
  ['unit tests', bin('vitest'), ['run']],
  // The store packages, built as a release would be: web-ext lint and the Chrome check.
  ['store checks', process.execPath, [bin('tsx'), 'scripts/check-store.ts']],
  ['end-to-end tests', process.execPath, [bin('tsx'), 'scripts/e2e.ts']],
  ['end-to-end tests in Firefox', process.execPath, [bin('tsx'), 'scripts/e2e-firefox.ts']],
];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const status = run(command, args);
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status}).`);
    process.exit(status);
  }
}
console.log('\n✔ all checks passed');
