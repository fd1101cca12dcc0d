/**
 * The PDF viewer's page pictures, in real Chromium with the production build. The viewer does
 * not draw pages on a canvas of its own: it catches the finished frame from PDF.js's renderer
 * worker and has its picture worker encode it (lib/pdf/pictures.ts). Here that picture is
 * compared pixel by pixel with the same page drawn by PDF.js alone on a canvas, at the same
 * scale, on a bare page: what the reader sees must be the page, not a blank or shifted one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTestPdfs, type TestPdfs } from '../../scripts/make-test-pdfs';
import { useDossier } from './harness';
import { openPdfViewer } from './page-helpers';

const env = useDossier();
const ROOT = path.resolve(import.meta.dirname, '../..');
const HOST = 'www.caspianpolicy.org';
let pdfs: TestPdfs;

/** PDF.js alone: draws page 1 of `?file=` at `?scale=` on a canvas, as PDF.js's own viewer does. */
const ALONE_HTML = `<!doctype html><meta charset="utf-8"><body>
<script type="module">
import * as pdfjs from '/pdfjs/pdf.min.mjs';
pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.min.mjs';
const query = new URLSearchParams(location.search);
const data = new Uint8Array(await (await fetch(query.get('file'))).arrayBuffer());
const pdf = await pdfjs.getDocument({ data, useSystemFonts: true }).promise;
const page = await pdf.getPage(1);
const viewport = page.getViewport({ scale: Number(query.get('scale')) });
const canvas = document.createElement('canvas');
canvas.id = 'alone';
canvas.width = Math.floor(viewport.width);
canvas.height = Math.floor(viewport.height);
document.body.append(canvas);
await page.render({ canvas, viewport }).promise;
document.body.dataset.state = 'drawn';
</script>`;

beforeAll(async () => {
  pdfs = await makeTestPdfs(12);
  env.server.set(`${HOST}/files/sample.pdf`, () => ({
    type: 'application/pdf',
    body: pdfs['sample.pdf'],
  }));
  env.server.set(`${HOST}/pdfjs-alone`, ALONE_HTML);
  for (const file of ['pdf.min.mjs', 'pdf.worker.min.mjs']) {
    const body = readFileSync(path.join(ROOT, 'node_modules/pdfjs-dist/build', file));
    env.server.set(`${HOST}/pdfjs/${file}`, () => ({ type: 'text/javascript', body }));
  }
}, 120_000);

describe('page pictures', () => {
  it('shows page 1 as PDF.js draws it on a canvas, made from the renderer worker’s frame', async () => {
    const { page, errors } = await openPdfViewer(
      env.dossier.context,
      `http://${HOST}/files/sample.pdf`,
    );
    const picture = page.locator('.page[data-page="1"] img');
    await picture.waitFor();
    // The picture was caught from PDF.js's renderer worker and encoded off the main thread.
    expect(await picture.getAttribute('data-made')).toBe('worker');
    const shown = await page.evaluate(async () => {
      const img = document.querySelector<HTMLImageElement>('.page[data-page="1"] img');
      if (!img) throw new Error('no picture');
      const blob = await (await fetch(img.src)).blob();
      const url = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsDataURL(blob);
      });
      const pages = document.getElementById('pages') as HTMLElement;
      return {
        url,
        width: img.naturalWidth,
        height: img.naturalHeight,
        scale: Number(getComputedStyle(pages).getPropertyValue('--scale-factor')),
        ratio: devicePixelRatio,
      };
    });
    expect(shown.ratio).toBe(1);
    expect(shown.width).toBeGreaterThan(300);

    const alone = await env.dossier.context.newPage();
    await alone.goto(
      `http://${HOST}/pdfjs-alone?file=/files/sample.pdf&scale=${encodeURIComponent(shown.scale)}`,
    );
    await alone.waitForFunction(() => document.body.dataset.state === 'drawn', null, {
      timeout: 60_000,
    });
    const compared = await alone.evaluate(async (url) => {
      const canvas = document.getElementById('alone') as HTMLCanvasElement;
      const img = new Image();
      img.src = url;
      await img.decode();
      const other = document.createElement('canvas');
      other.width = img.naturalWidth;
      other.height = img.naturalHeight;
      const context = other.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(img, 0, 0);
      const a = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
        0,
        0,
        canvas.width,
        canvas.height,
      ).data;
      const b = context.getImageData(0, 0, other.width, other.height).data;
      let off = 0;
      let sum = 0;
      let ink = 0;
      for (let i = 0; i < a.length; i += 4) {
        const d = Math.max(
          Math.abs((a[i] ?? 0) - (b[i] ?? 0)),
          Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)),
          Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)),
        );
        sum += d;
        if (d > 48) off++;
        if ((a[i] ?? 255) < 128) ink++;
      }
      const pixels = a.length / 4;
      return {
        size: [canvas.width, canvas.height, other.width, other.height],
        offShare: off / pixels,
        meanDiff: sum / pixels,
        inkShare: ink / pixels,
      };
    }, shown.url);
    await alone.close();
    // Same size, and the page is not blank: PDF.js's canvas has text on it.
    expect(compared.size[0]).toBe(compared.size[2]);
    expect(compared.size[1]).toBe(compared.size[3]);
    expect(compared.inkShare).toBeGreaterThan(0.005);
    // Nearly every pixel the same (anti-aliasing may differ by a little, nowhere by much).
    expect(compared.offShare).toBeLessThan(0.002);
    expect(compared.meanDiff).toBeLessThan(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
