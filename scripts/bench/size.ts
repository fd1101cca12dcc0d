/** The content script's size, raw and gzipped: what every page Dossier runs on loads. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../run';
import type { Scenario } from './env';
import { round } from './stats';

export const size: Scenario = {
  name: 'size',
  async run() {
    const contentScript = readFileSync(
      path.join(ROOT, '.output/chrome-mv3/content-scripts/content.js'),
    );
    return [
      {
        name: 'content script size, raw',
        unit: 'KiB',
        median: round(contentScript.length / 1024, 1),
      },
      {
        name: 'content script size, gzipped',
        unit: 'KiB',
        median: round(gzipSync(contentScript, { level: 9 }).length / 1024, 1),
      },
    ];
  },
};
