/**
 * The PDF viewer page (`pdf.html?file=<url-encoded PDF URL>#page=N`). It only wires the
 * viewer (lib/pdf/viewer.ts) to its address, PDF.js's worker bundled with the extension, and
 * the browser's permission prompt for a site whose files Dossier may not yet read.
 */
import rendererSrc from 'pdfjs-dist/build/pdf.renderer.min.mjs?url';
import workerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { browser } from 'wxt/browser';
import { viewerTargetOf } from '@/lib/pdf/redirect';
import { startViewer } from '@/lib/pdf/viewer';
import { originPattern } from '@/lib/platform/sites';
import '@/components/notes/notes.css';

const target = viewerTargetOf(location);
if (!target) {
  document.body.dataset.state = 'error';
  const problem = document.getElementById('problem') as HTMLElement;
  problem.hidden = false;
  problem.textContent = 'No PDF to show: this page opens as pdf.html?file=<address of a PDF>.';
} else {
  startViewer({
    doc: document,
    target,
    workerSrc,
    rendererSrc,
    requestAccess: (origin) =>
      browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false),
  }).catch(() => {
    document.body.dataset.state = 'error';
    const problem = document.getElementById('problem') as HTMLElement;
    problem.hidden = false;
    problem.textContent = 'Dossier could not show this PDF.';
  });
}
