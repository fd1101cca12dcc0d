/**
 * `npm run icons`: renders Dossier's icons from their SVG sources in `assets/` into the PNG
 * sizes the stores and the toolbar ask for (16, 32, 48, 128 px), with resvg (a kept renderer,
 * the same pixels on every machine). WXT puts `public/icon/<size>.png` in the manifest by
 * itself; `public/icon-off/` is the grey variant the toolbar shows where highlights are off.
 * The PNGs are committed, so a build needs no renderer; rerun this after editing an SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { ICON_SIZES } from '../lib/badge';
import { ROOT } from './run';

/** Each SVG source and the folder of `public/` its PNGs go to. */
export const ICON_SETS = [
  { source: 'assets/icon.svg', folder: 'icon' },
  { source: 'assets/icon-off.svg', folder: 'icon-off' },
] as const;

/** The PNG of an SVG at `size` × `size` pixels. */
export function renderIcon(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const { source, folder } of ICON_SETS) {
    const svg = readFileSync(path.join(ROOT, source), 'utf8');
    const out = path.join(ROOT, 'public', folder);
    mkdirSync(out, { recursive: true });
    for (const size of ICON_SIZES)
      writeFileSync(path.join(out, `${size}.png`), renderIcon(svg, size));
    console.log(`${source} → public/${folder}/{${ICON_SIZES.join(',')}}.png`);
  }
}
