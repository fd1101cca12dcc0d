/** `npm run test:e2e`: builds the production extension, then drives it in real Chromium. */
import { bin, requireChromium, run } from './run';

requireChromium();
const build = run(bin('wxt'), ['build']);
if (build !== 0) process.exit(build);
process.exit(
  run(bin('vitest'), ['run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)]),
);
