/**
 * Dossier's PDF viewer: a small viewer of its own on PDF.js's canvas rendering and TextLayer,
 * rather than PDF.js's full viewer components (which bring their own toolbar, find bar,
 * annotation editors, scripting sandbox hooks and 170 KB of CSS this page would have to fight).
 * It does four things:
 *
 * - shows the pages, each rendered (canvas + text layer) only when it comes near the viewport,
 *   and released again when far away, so a 200-page report opens at once;
 * - reads the text page by page, one page per task, into lib/pdf/text-model, then runs the
 *   same lib/detect as on web pages in a worker, and paints officials and quotations on the
 *   text layer under the same highlight names (`dossier-official`, `dossier-quote`);
 * - lets the reader select, highlight, note and tag as on pages (the same toolbar and notes
 *   panel), anchored with quote and position selectors over the document's text, plus the
 *   PDF's fingerprint and the page number; notes sync with every other open view;
 * - says in words why a PDF cannot be shown or analysed (lib/pdf/load.ts), never a blank page.
 *
 * Hostile PDFs run no script: only the core display API is used (no annotation layer, no
 * scripting), and PDF.js 6 compiles no fonts with `eval` (the option to do so is gone).
 */
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import { h, render } from 'preact';
import { NotesPanel } from '../../components/notes/NotesPanel';
import { PAGE_UI_CSS } from '../../components/page/styles';
import { anchorAll } from '../anchoring/anchor';
import { describeOffsets } from '../anchoring/selectors';
import type { Annotation, PageRef } from '../annotation';
import { startNoteController } from '../content/note-controller';
import { createUiHost } from '../content/ui-host';
import type { Detection } from '../detect';
import { caretAt, overDossierUi } from '../dom/pointer';
import { createPainter, HIGHLIGHT_CSS, type HighlightName } from '../highlight/paint';
import { answeringLocally, type NotesApi } from '../notes/api';
import { sendToBackground } from '../platform/messaging';
import { browserNotesApi } from '../platform/notes-api';
import { browserPopupApi } from '../platform/popup-api';
import { loadSettings, watchSettings } from '../platform/settings-store';
import { subscribeToChanges } from '../platform/sync-client';
import type { AnalysisSummary, NotesChange } from '../protocol';
import { highlightsOn } from '../settings';
import { cleanUrl, siteOf } from '../url';
import { analyseText } from './analyse';
import { startPdfCards } from './cards';
import { fetchPdf, hasTextLayer, MESSAGES, type PdfProblem, problemOfPdfError } from './load';
import {
  canMakePicturesOffThread,
  catchFrames,
  encodePicture,
  FrameCatchingCanvasFactory,
} from './pictures';
import { browserViewerUrl, type ViewerTarget } from './redirect';
import { type BandLine, bandLines, type PlacedItem, runningOf } from './running';
import { PdfText } from './text-model';
import { fitRuns, scopeHighlightRules } from './text-runs';
import { answerViews } from './view-answers';

/** Resolves in a later task, so that input and rendering run in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Resolves in a task after the next frame: work done then is styled in a frame of its own. */
const nextFrame = () =>
  new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * Text-layer runs (spans and line breaks) made and added to the page per task and per frame:
 * each is a styled, absolutely placed element, about 50 µs of style and layout on a slow
 * machine, so a frame of them stays near 8 ms; a report page fills in a few frames, behind its
 * picture, which is shown first.
 */
const RUNS_PER_FRAME = 150;

/**
 * Milliseconds of the viewer's own work per task while a report is read and analysed: well
 * under a frame, so that scrolling gets the main thread in between on a slow machine too.
 */
const SLICE_MS = 8;

/**
 * A checkpoint for long loops: awaiting it yields to the event loop once the current task has
 * run `SLICE_MS`, and costs nothing before (so a loop is cut by time, not by a fixed count
 * that is too much on a slow machine and too little on a fast one).
 */
function taskSlices(budget = SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budget) return;
    await nextTask();
    since = performance.now();
  };
}

/** Words and non-space characters of the document text (collapsed: one space between words). */
function countWords(text: string): { words: number; letters: number } {
  let words = 0;
  let spaces = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) === 32;
    if (space) spaces++;
    else if (!inWord) words++;
    inWord = !space;
  }
  return { words, letters: text.length - spaces };
}

/**
 * Pages kept rendered at once; the rest are placeholders of the right size. Four cover the
 * screen and half a screen above and below it (a page is taller than the screen). Fewer
 * rendered pages also mean fewer text runs in the document, and Chromium restyles all of them
 * whenever a highlight changes (measured: about 2,150 elements a time with six pages).
 */
const MAX_RENDERED = 4;
/** How far outside the viewport a page starts rendering (half a screen above and below). */
const NEAR_MARGIN = '50% 0px 50% 0px';

/** What the viewer needs from its extension page. */
export interface ViewerOptions {
  doc: Document;
  target: ViewerTarget;
  /** URL of PDF.js's worker script, bundled with the extension (no remote code). */
  workerSrc: string;
  /**
   * URL of PDF.js's renderer worker script: pages are drawn on an OffscreenCanvas there, so
   * the viewer's main thread only copies a finished bitmap (its own drawing, and the
   * browser's replay of it at commit, were the longest tasks while scrolling).
   */
  rendererSrc?: string;
  /** Asks the browser for access to an origin (from a click); true when granted. */
  requestAccess(origin: string): Promise<boolean>;
}

/** One page slot: a placeholder, and when rendered its canvas and text layer. */
interface Slot {
  page: number;
  el: HTMLElement;
  width: number;
  height: number;
  state: 'empty' | 'rendering' | 'rendered';
  textDivs: HTMLElement[];
  /** Bumped on release, so a render finishing late knows it is stale. */
  generation: number;
  /** The object URL of the page's picture while it is shown (revoked on release). */
  picture: string | null;
  /** The ranges painted on this page, per highlight name, as of `paintedAt` (a paint version). */
  ranges: Map<HighlightName, Range[]> | null;
  paintedAt: number;
}

/** A span of the document text that is painted: an official's mention or a quotation. */
interface Span {
  start: number;
  end: number;
  name: HighlightName;
}

type Pdfjs = typeof import('pdfjs-dist');

/** Starts the viewer on `target`; every failure ends as a message on the page. */
export async function startViewer(options: ViewerOptions): Promise<void> {
  const { doc, target } = options;
  const $ = <T extends HTMLElement>(id: string) => doc.getElementById(id) as T;
  const pagesEl = $<HTMLElement>('pages');
  const status = $<HTMLElement>('status');
  const setState = (state: string) => {
    doc.body.dataset.state = state;
  };
  const fail = (problem: PdfProblem) => {
    answers.fail(problem.message);
    setState('error');
    doc.body.dataset.problem = problem.kind;
    const box = $<HTMLElement>('problem');
    box.hidden = false;
    box.replaceChildren();
    const p = doc.createElement('p');
    p.textContent = problem.message;
    box.append(p);
    if (problem.kind === 'no-access') {
      const button = doc.createElement('button');
      button.type = 'button';
      button.textContent = `Allow access to ${problem.origin}`;
      button.addEventListener('click', () => {
        void options.requestAccess(problem.origin).then((granted) => {
          if (granted) doc.location.reload();
        });
      });
      box.append(button);
    }
    if (problem.kind !== 'no-text') {
      const link = doc.createElement('a');
      link.href = browserViewerUrl(target.file);
      link.textContent = 'Open the file in the browser’s own viewer';
      box.append(' ', link);
    }
    status.textContent = '';
  };

  const identity = cleanUrl(target.file);
  const fileUrl = new URL(target.file);
  const fileName = decodeURIComponent(fileUrl.pathname.split('/').pop() || fileUrl.hostname);
  // The popup and the side panel ask this tab what it shows, as they ask a page's content script.
  const answers = answerViews(doc, identity, fileName);
  doc.title = `${fileName} · Dossier`;
  $<HTMLElement>('doc-title').textContent = fileName;
  setState('loading');
  status.textContent = 'Downloading…';

  let pdfjs: Pdfjs;
  let bytes: Uint8Array;
  try {
    [pdfjs, bytes] = await Promise.all([
      import('pdfjs-dist'),
      fetchPdf(target.file, {
        onProgress: (loaded, total) => {
          status.textContent = total
            ? `Downloading… ${Math.round((100 * loaded) / total)}%`
            : `Downloading… ${Math.round(loaded / 1024)} KB`;
        },
      }),
    ]);
  } catch (error) {
    return fail(problemOfPdfError(error));
  }
  pdfjs.GlobalWorkerOptions.workerSrc = options.workerSrc;
  if (options.rendererSrc) pdfjs.GlobalWorkerOptions.rendererSrc = options.rendererSrc;
  let pdf: Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
  try {
    pdf = await pdfjs.getDocument({
      data: bytes,
      enableXfa: false,
      stopAtErrors: false,
      // Fonts the file does not embed are drawn with the system's: nothing is fetched.
      useSystemFonts: true,
      // Page frames from the renderer worker are caught, not drawn on the main thread.
      CanvasFactory: FrameCatchingCanvasFactory,
    }).promise;
  } catch (error) {
    return fail(problemOfPdfError(error));
  }

  const fingerprint = pdf.fingerprints[0] ?? `sha-less:${identity}`;
  const meta = await pdf.getMetadata().catch(() => null);
  const info = (meta?.info ?? {}) as { Title?: unknown; Author?: unknown };
  const title = typeof info.Title === 'string' && info.Title.trim() ? info.Title.trim() : fileName;
  doc.title = `${title} · Dossier`;
  $<HTMLElement>('doc-title').textContent = title;
  const pageRef: PageRef = {
    url: identity,
    title,
    site: siteOf(fileUrl.hostname),
    author: typeof info.Author === 'string' && info.Author.trim() ? info.Author.trim() : null,
    published: null,
  };

  // --- Page slots, sized from page 1 until each page's own size is known ----------------
  const first = await pdf.getPage(1);
  const fitScale = (w: number) =>
    Math.max(0.5, Math.min(1.6, (pagesEl.clientWidth - 32) / Math.max(1, w)));
  const base = first.getViewport({ scale: 1 });
  const scale = fitScale(base.width);
  pagesEl.style.setProperty('--scale-factor', String(scale));
  const slots: Slot[] = [];
  const fragment = doc.createDocumentFragment();
  for (let n = 1; n <= pdf.numPages; n++) {
    const el = doc.createElement('div');
    el.className = 'page';
    el.dataset.page = String(n);
    el.setAttribute('role', 'region');
    el.setAttribute('aria-label', `Page ${n}`);
    const slot: Slot = {
      page: n,
      el,
      width: base.width,
      height: base.height,
      state: 'empty',
      textDivs: [],
      generation: 0,
      picture: null,
      ranges: null,
      paintedAt: -1,
    };
    sizeSlot(slot);
    slots.push(slot);
    fragment.append(el);
  }
  pagesEl.replaceChildren(fragment);
  function sizeSlot(slot: Slot) {
    slot.el.style.width = `${Math.floor(slot.width * scale)}px`;
    slot.el.style.height = `${Math.floor(slot.height * scale)}px`;
  }

  // --- Text, read once per page and shared by the model and the text layers ---------------
  const contents = new Map<number, Promise<TextContent>>();
  const textOf = (n: number): Promise<TextContent> => {
    let content = contents.get(n);
    if (!content) {
      content = pdf.getPage(n).then((page) => {
        const vp = page.getViewport({ scale: 1 });
        const slot = slots[n - 1];
        if (
          slot &&
          (Math.abs(vp.width - slot.width) > 0.5 || Math.abs(vp.height - slot.height) > 0.5)
        ) {
          slot.width = vp.width;
          slot.height = vp.height;
          sizeSlot(slot);
        }
        return page.getTextContent();
      });
      contents.set(n, content);
    }
    return content;
  };

  // The reader's notes, placed in the document text (null offsets: an orphan, kept and listed).
  interface Placed {
    annotation: Annotation;
    start: number | null;
    end: number | null;
  }
  const placed = new Map<string, Placed>();
  let detection: Detection = { officials: [], quotes: [] };

  // --- Rendering near the viewport --------------------------------------------------------
  const spanInfo = new WeakMap<Element, { page: number; item: number }>();
  const near = new Set<number>();
  let firstPainted = false;
  const renderSlot = async (slot: Slot) => {
    if (slot.state !== 'empty') return;
    slot.state = 'rendering';
    const generation = slot.generation;
    try {
      const page = await pdf.getPage(slot.page);
      const viewport = page.getViewport({ scale });
      const ratio = doc.defaultView?.devicePixelRatio || 1;
      // Drawn in PDF.js's renderer worker where the browser has one, on a canvas that never
      // enters the page; the finished frame is caught rather than drawn on it, and encoded in
      // the picture worker (lib/pdf/pictures.ts). Otherwise, and if that fails, the canvas is
      // drawn and encoded here.
      const draw = async (catching: boolean): Promise<HTMLImageElement | null> => {
        const drawn = doc.createElement('canvas');
        drawn.width = Math.floor(viewport.width * ratio);
        drawn.height = Math.floor(viewport.height * ratio);
        const frames = catching ? catchFrames(drawn) : null;
        try {
          await page.render({
            canvas: drawn,
            viewport,
            ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}),
          }).promise;
        } catch (error) {
          frames?.take()?.close();
          throw error;
        }
        const frame = frames?.take();
        if (frame) {
          drawn.width = 0;
          drawn.height = 0;
          made = 'worker';
          return decodedPicture(doc, await encodePicture(frame));
        }
        made = 'canvas';
        return pictureOf(drawn);
      };
      // How the picture was made, for the tests: caught from the renderer, or from a canvas.
      let made: 'worker' | 'canvas' = 'canvas';
      const offThread = canMakePicturesOffThread();
      const picture = (await draw(offThread)) ?? (offThread ? await draw(false) : null);
      if (generation !== slot.generation) return picture && URL.revokeObjectURL(picture.src);
      const layer = doc.createElement('div');
      layer.className = 'textLayer';
      const content = await textOf(slot.page);
      const textLayer = new pdfjs.TextLayer({
        textContentSource: slicedText(content),
        container: layer,
        viewport,
      });
      await textLayer.render();
      if (generation !== slot.generation) return picture && URL.revokeObjectURL(picture.src);
      // Runs fit their width without a transform each (lib/pdf/text-runs), unless the browser
      // has a minimum font size, which PDF.js undoes with a transform on every run.
      if (layer.style.getPropertyValue('--min-font-size').trim() === '1') {
        const items = content.items.filter((i): i is TextItem => 'str' in i);
        fitRuns(textLayer.textDivs, items, scale, (i) => {
          const font = items[i]?.fontName;
          return font ? content.styles[font]?.vertical === true : false;
        });
      } else {
        layer.classList.add('min-font');
      }
      slot.textDivs = textLayer.textDivs;
      slot.textDivs.forEach((div, item) => void spanInfo.set(div, { page: slot.page, item }));
      // The picture first, then the text runs a few hundred per frame: a report's page has
      // thousands, and styling them all in one frame was the longest task left.
      const runs = [...layer.childNodes];
      layer.replaceChildren();
      if (picture) picture.dataset.made = made;
      slot.el.replaceChildren(...(picture ? [picture] : []), layer);
      slot.picture = picture?.src ?? null;
      for (let i = 0; i < runs.length; i += RUNS_PER_FRAME) {
        await nextFrame();
        if (generation !== slot.generation) return;
        layer.append(...runs.slice(i, i + RUNS_PER_FRAME));
      }
      slot.state = 'rendered';
      if (!firstPainted) {
        firstPainted = true;
        performance.mark('dossier-pdf-first-page');
      }
      schedulePaint();
      trim();
    } catch {
      if (generation === slot.generation) slot.state = 'empty';
    }
  };
  // One page renders at a time, the nearest first: each frame then takes in one new canvas
  // and text layer, instead of a screenful at once (the browser's commit of a page's canvas is
  // what costs most while scrolling).
  let pumping = false;
  const pump = () => {
    if (pumping) return;
    const wanted = [...near]
      .map((n) => slots[n - 1])
      .filter((s): s is Slot => s?.state === 'empty')
      .sort((a, b) => a.page - b.page)[0];
    if (!wanted) return;
    pumping = true;
    void renderSlot(wanted).finally(() => {
      pumping = false;
      setTimeout(pump, 0);
    });
  };
  const release = (slot: Slot) => {
    slot.generation++;
    slot.state = 'empty';
    slot.textDivs = [];
    slot.ranges = null;
    // The picture's pixels go now, not at the next garbage collection (which then runs long).
    if (slot.picture) URL.revokeObjectURL(slot.picture);
    slot.picture = null;
    slot.el.replaceChildren();
  };
  // Keeps at most MAX_RENDERED pages: the ones far from the viewport go first.
  const trim = () => {
    const rendered = slots.filter((s) => s.state === 'rendered');
    if (rendered.length <= MAX_RENDERED) return;
    const centre = [...near].sort((a, b) => a - b)[near.size >> 1] ?? 1;
    rendered
      .filter((s) => !near.has(s.page))
      .sort((a, b) => Math.abs(b.page - centre) - Math.abs(a.page - centre))
      .slice(0, rendered.length - MAX_RENDERED)
      .forEach(release);
    schedulePaint();
  };
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const n = Number((entry.target as HTMLElement).dataset.page);
        if (entry.isIntersecting) near.add(n);
        else near.delete(n);
      }
      pump();
    },
    { root: pagesEl, rootMargin: NEAR_MARGIN },
  );
  for (const slot of slots) observer.observe(slot.el);
  if (target.page && target.page > 1 && target.page <= slots.length) {
    slots[target.page - 1]?.el.scrollIntoView({ block: 'start' });
  }
  setState('reading');

  // --- Painting: officials, quotations and notes, on the rendered pages only ---------------
  const painter = createPainter(doc);
  // The highlight rules matched on the text layers, for their runs to inherit (text-runs.ts).
  painter.prepare();
  for (const style of doc.head.querySelectorAll('style[data-dossier-ui]')) {
    if (style.textContent === HIGHLIGHT_CSS) {
      style.textContent = scopeHighlightRules(HIGHLIGHT_CSS, '.textLayer');
    }
  }
  const model = new PdfText();
  let entitySpans: Span[][] = []; // by page, 1-based
  let visible = true;
  // What a page paints changes only when the page is rendered again or the highlights, the
  // notes or the switch change (a new paint version): each frame then only gathers the
  // ranges of the rendered pages instead of mapping every span again.
  let paintVersion = 0;
  function repaint() {
    paintVersion++;
    schedulePaint();
  }
  const hostname = fileUrl.hostname;
  void loadSettings().then((settings) => {
    visible = highlightsOn(settings, hostname);
    repaint();
  });
  watchSettings((settings) => {
    visible = highlightsOn(settings, hostname);
    repaint();
  });

  const rangeOn = (slot: Slot, start: number, end: number): Range | null => {
    const span = model.pageSpan(slot.page);
    if (!span || slot.state !== 'rendered') return null;
    const from = Math.max(start, span.start);
    const to = Math.min(end, span.end);
    if (from >= to) return null;
    const a = model.pointAt(slot.page, from, 'start');
    const b = model.pointAt(slot.page, to, 'end');
    const na = a && slot.textDivs[a.item]?.firstChild;
    const nb = b && slot.textDivs[b.item]?.firstChild;
    if (!a || !b || !na || !nb) return null;
    const range = doc.createRange();
    range.setStart(na, Math.min(a.offset, (na as Text).length));
    range.setEnd(nb, Math.min(b.offset, (nb as Text).length));
    return range.collapsed ? null : range;
  };

  let paintQueued = false;
  function schedulePaint() {
    if (paintQueued) return;
    paintQueued = true;
    requestAnimationFrame(() => {
      paintQueued = false;
      paint();
    });
  }
  // The placed notes by the pages they cover, rebuilt once per paint version.
  let notesByPage = new Map<number, Placed[]>();
  let notesIndexedAt = -1;
  const notesOn = (page: number): Placed[] => {
    if (notesIndexedAt !== paintVersion) {
      notesByPage = new Map();
      for (const note of placed.values()) {
        if (note.start === null || note.end === null) continue;
        const last = model.pageAt(Math.max(note.start, note.end - 1));
        for (let p = model.pageAt(note.start); p <= last; p++) {
          notesByPage.set(p, [...(notesByPage.get(p) ?? []), note]);
        }
      }
      notesIndexedAt = paintVersion;
    }
    return notesByPage.get(page) ?? [];
  };
  const rangesOf = (slot: Slot): Map<HighlightName, Range[]> => {
    if (slot.ranges && slot.paintedAt === paintVersion) return slot.ranges;
    const byName = new Map<HighlightName, Range[]>();
    const add = (name: HighlightName, range: Range | null) => {
      if (!range) return;
      const list = byName.get(name);
      if (list) list.push(range);
      else byName.set(name, [range]);
    };
    if (visible) {
      for (const span of entitySpans[slot.page] ?? []) {
        add(span.name, rangeOn(slot, span.start, span.end));
      }
    }
    for (const note of notesOn(slot.page)) {
      if (note.start === null || note.end === null) continue;
      const range = rangeOn(slot, note.start, note.end);
      add('dossier-note', range);
      add(`dossier-note-${note.annotation.colour}`, range);
    }
    slot.ranges = byName;
    slot.paintedAt = paintVersion;
    return byName;
  };
  const PAINTED: HighlightName[] = [
    'dossier-official',
    'dossier-quote',
    'dossier-note',
    ...(['yellow', 'green', 'blue', 'pink', 'purple'] as const).map(
      (colour): HighlightName => `dossier-note-${colour}`,
    ),
  ];
  const paint = () => {
    const rendered = slots.filter((slot) => slot.state === 'rendered').map(rangesOf);
    for (const name of PAINTED)
      painter.paint(
        name,
        rendered.flatMap((r) => r.get(name) ?? []),
      );
  };

  // --- Reading the text, one page per task; then the analysis in a worker -------------------
  // Each page's text runs, and the lines in its top and bottom bands (for the running headers).
  const pageItems: TextItem[][] = [];
  const bands: BandLine[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    try {
      const content = await textOf(n);
      const viewport = (await pdf.getPage(n)).getViewport({ scale: 1 });
      const items = content.items.filter((i): i is TextItem => 'str' in i);
      pageItems.push(items);
      const placed: PlacedItem[] = items.map((item) => ({
        str: item.str,
        y:
          (viewport.convertToViewportPoint(item.transform[4] ?? 0, item.transform[5] ?? 0)[1] ??
            0) / Math.max(1, viewport.height),
      }));
      bands.push(bandLines(placed));
    } catch {
      pageItems.push([]);
      bands.push([]);
    }
    if (n % 10 === 0 || n === pdf.numPages) {
      status.textContent = `Reading page ${n} of ${pdf.numPages}…`;
    }
    // One page per task: the reader's scrolling and clicks come in between.
    await nextTask();
  }
  // Running headers and footers stay on screen but out of the analysed text: as empty items,
  // so that item numbers still match the text layer's runs.
  const running = runningOf(bands);
  await nextTask();
  const slice = taskSlices();
  for (const [p, items] of pageItems.entries()) {
    const skip = running[p];
    model.addPage(
      skip?.size
        ? items.map((item, i) => (skip.has(i) ? { str: '', hasEOL: item.hasEOL } : item))
        : items,
    );
    await slice();
  }
  performance.mark('dossier-pdf-text-read');
  const text = model.text;
  const words = countWords(text);
  if (!hasTextLayer(words.letters, pdf.numPages)) {
    fail({ kind: 'no-text', message: MESSAGES.noText });
    doc.body.dataset.state = 'no-text';
    return;
  }
  answers.read({
    title,
    wordCount: words.words,
    byline: pageRef.author ?? null,
    site: pageRef.site,
    published: null,
  });
  status.textContent = `Analysing ${pdf.numPages} ${pdf.numPages === 1 ? 'page' : 'pages'}…`;
  await nextTask();
  const notes = startPdfNotes();
  await nextTask();
  try {
    detection = await analyseText(text);
  } catch {
    status.textContent = 'Dossier could not analyse this report; your notes still work.';
  }
  // What follows the analysis runs in tasks of its own (the spans by page, the painting, the
  // lists in slices), so the reader's scrolling gets the main thread in between.
  await nextTask();
  const byPage: Span[][] = Array.from({ length: pdf.numPages + 1 }, () => []);
  const addSpan = (span: Span) => {
    const last = model.pageAt(Math.max(span.start, span.end - 1));
    for (let p = model.pageAt(span.start); p <= last; p++) byPage[p]?.push(span);
  };
  for (const official of detection.officials) {
    for (const m of official.mentions) {
      addSpan({ start: m.start, end: m.end, name: 'dossier-official' });
    }
    await slice();
  }
  for (const quote of detection.quotes) {
    addSpan({ start: quote.start, end: quote.end, name: 'dossier-quote' });
    await slice();
  }
  entitySpans = byPage;
  repaint();
  await nextTask();
  await renderLists(detection);
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  performance.mark('dossier-pdf-analysed');
  status.textContent = `${detection.officials.length} ${detection.officials.length === 1 ? 'official' : 'officials'}, ${detection.quotes.length} ${detection.quotes.length === 1 ? 'quotation' : 'quotations'} in ${pdf.numPages} ${pdf.numPages === 1 ? 'page' : 'pages'}.`;
  // The cards on the painted officials and quotations, as on web pages.
  startPdfCards({
    doc,
    detection,
    offsetOfEvent,
    rangeOf: (start, end) => {
      const slot = slots[model.pageAt(start) - 1];
      return slot ? rangeOn(slot, start, end) : null;
    },
    reveal: revealRange,
    visible: () => visible,
    saveQuote: (start, end, speaker) => notes.saveQuote(start, end, speaker),
  });
  answers.analysed(summaryOf(), async (kind, index, mention = 0) => {
    const place =
      kind === 'official' ? detection.officials[index]?.mentions[mention] : detection.quotes[index];
    return place ? (await revealRange(place.start, place.end)) !== null : false;
  });
  await notes.ready;
  setState('analysed');

  // --- Going to a place in the document, and flashing it ------------------------------------
  async function reveal(start: number, end: number): Promise<boolean> {
    return (await revealRange(start, end)) !== null;
  }

  /** Scrolls to `[start, end)`, renders its page and flashes it; its range, or null. */
  async function revealRange(start: number, end: number): Promise<Range | null> {
    const slot = slots[model.pageAt(start) - 1];
    if (!slot) return null;
    slot.el.scrollIntoView({ block: 'center' });
    near.add(slot.page);
    await renderSlot(slot);
    for (let i = 0; i < 20 && slot.state !== 'rendered'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const range = rangeOn(slot, start, end);
    if (!range) return null;
    range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    painter.paint('dossier-flash', [range]);
    setTimeout(() => painter.clear('dossier-flash'), 1200);
    return range;
  }

  /** What the popup and the side panel list: officials with counts, quotations with speakers. */
  function summaryOf(): AnalysisSummary {
    return {
      officials: detection.officials.map((o) => ({
        name: o.name,
        titles: o.titles,
        mentions: o.mentions.length,
      })),
      quotes: detection.quotes.map((q) => ({ text: q.text, speaker: q.speaker })),
    };
  }

  /** The document offset of the text under the pointer, when it is over a text-layer run. */
  function offsetOfEvent(event: MouseEvent): number | null {
    const target = event.target;
    if (!(target instanceof HTMLElement) || !spanInfo.has(target)) return null;
    const caret = caretAt(doc, event.clientX, event.clientY);
    if (!caret || caret.node.parentElement !== target) return null;
    return offsetAt(caret.node, caret.offset, 'start');
  }

  async function renderLists(found: Detection) {
    const slice = taskSlices();
    const officials = $<HTMLElement>('officials');
    const quotes = $<HTMLElement>('quotes');
    officials.replaceChildren();
    quotes.replaceChildren();
    const cursor = new Map<number, number>();
    found.officials.forEach((official, i) => {
      const li = doc.createElement('li');
      const button = doc.createElement('button');
      button.type = 'button';
      const titles = official.titles.length ? ` (${official.titles.join(', ')})` : '';
      const count = official.mentions.length;
      button.textContent = `${official.name}${titles}: ${count} ${count === 1 ? 'mention' : 'mentions'}`;
      button.addEventListener('click', () => {
        const k = cursor.get(i) ?? 0;
        cursor.set(i, (k + 1) % count);
        const m = official.mentions[k];
        if (m) void reveal(m.start, m.end);
      });
      li.append(button);
      officials.append(li);
    });
    await slice();
    for (const quote of found.quotes) {
      await slice();
      const li = doc.createElement('li');
      const button = doc.createElement('button');
      button.type = 'button';
      const shown = quote.text.length > 160 ? `${quote.text.slice(0, 159)}…` : quote.text;
      button.textContent = `“${shown}” ${quote.speaker ? `— ${quote.speaker}` : '— speaker not found'} (p. ${model.pageAt(quote.start)})`;
      button.addEventListener('click', () => void reveal(quote.start, quote.end));
      li.append(button);
      quotes.append(li);
    }
    $<HTMLElement>('officials-count').textContent = String(found.officials.length);
    $<HTMLElement>('quotes-count').textContent = String(found.quotes.length);
  }

  // --- The reader's notes -----------------------------------------------------------------

  function startPdfNotes(): {
    ready: Promise<void>;
    saveQuote(start: number, end: number, speaker: string | null): void;
  } {
    const place = (annotations: readonly Annotation[]) => {
      const results = anchorAll(
        { text: model.text },
        annotations.map((a) => ({ quote: a.quote, position: a.position })),
      );
      annotations.forEach((annotation, i) => {
        const r = results[i];
        placed.set(annotation.id, {
          annotation,
          start: r && !r.orphan ? r.start : null,
          end: r && !r.orphan ? r.end : null,
        });
      });
      repaint();
    };
    const otherUrls = new Set<string>();
    const stops: (() => void)[] = [];
    // The same file saved under other addresses: their notes are shown and kept in sync too.
    const listAll = async (): Promise<Annotation[]> => {
      const [own, same] = await Promise.all([
        sendToBackground('notes/list', { url: identity }),
        sendToBackground('notes/by-fingerprint', { fingerprint }),
      ]);
      const out = new Map<string, Annotation>();
      for (const a of own.ok ? own.value : []) out.set(a.id, a);
      for (const a of same.ok ? same.value : []) {
        out.set(a.id, a);
        if (a.page.url !== identity && !otherUrls.has(a.page.url)) {
          otherUrls.add(a.page.url);
          stops.push(subscribeToChanges({ url: a.page.url, onChange: apply, onResync: load }));
        }
      }
      return [...out.values()].sort((a, b) => a.position.start - b.position.start);
    };
    const load = async () => {
      const all = await listAll();
      placed.clear();
      place(all);
    };
    const apply = (change: NotesChange) => {
      if (change.kind === 'reload') return void load();
      if (change.kind === 'delete') placed.delete(change.id);
      else place([change.annotation]);
      repaint();
    };
    stops.push(subscribeToChanges({ url: identity, onChange: apply, onResync: load }));

    const base = browserNotesApi(null);
    // The viewer is the tab that holds the notes: it lists, reveals and finds orphans itself.
    const api: NotesApi = answeringLocally(
      base,
      {
        'notes/list': async () => ({ ok: true, value: await listAll() }),
        'notes/reveal': async ({ id }) => {
          const p = placed.get(id);
          if (!p || p.start === null || p.end === null) {
            return { ok: true, value: { found: false } };
          }
          return { ok: true, value: { found: await reveal(p.start, p.end) } };
        },
        'notes/orphans': async () => ({
          ok: true,
          value: [...placed.values()].filter((p) => p.start === null).map((p) => p.annotation.id),
        }),
      },
      (url, onChange) => {
        const stop = base.subscribe(url, onChange);
        const others = [...otherUrls].map((u) => base.subscribe(u, onChange));
        return () => {
          stop();
          for (const s of others) s();
        };
      },
    );
    const transfer = browserPopupApi(doc.location).transfer();
    const say = (message: string) => {
      status.textContent = message;
    };
    const run = (work: () => Promise<string | { ok: boolean; message: string }>) =>
      void work().then(
        (r) => say(typeof r === 'string' ? r : r.message),
        (e: unknown) => say(e instanceof Error ? e.message : String(e)),
      );
    const lazy = () => import('../notes/transfer');
    render(
      h(NotesPanel, {
        api,
        url: identity,
        exportActions: {
          exportPage: () =>
            run(async () =>
              (await lazy()).exportPage(transfer, { url: identity, analysis: summaryOf() }),
            ),
          exportTag: (tag: string) => run(async () => (await lazy()).exportTag(transfer, tag)),
          exportAll: () => run(async () => (await lazy()).exportEverything(transfer, 'zip')),
          importFile: (file: File) => run(async () => transfer.importText(await file.text())),
          backUp: () => run(async () => (await lazy()).backUp(transfer)),
        },
      }),
      $<HTMLElement>('notes'),
    );

    // The selection toolbar and saving, as on web pages (lib/content/note-controller).
    const host = createUiHost(doc, PAGE_UI_CSS);
    const controller = startNoteController<{ start: number; end: number }>({
      doc,
      host,
      // Not from Dossier's own panels (the cards): only from the report's text.
      ignore: overDossierUi,
      tagSuggestions: async () => {
        const reply = await sendToBackground('tags/list', {});
        return reply.ok ? reply.value.map((t) => t.tag) : [];
      },
      target: {
        selection: () => {
          const sel = doc.getSelection();
          if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
          const range = sel.getRangeAt(0);
          if (!pagesEl.contains(range.commonAncestorContainer)) return null;
          const start = offsetAt(range.startContainer, range.startOffset, 'start');
          const end = offsetAt(range.endContainer, range.endOffset, 'end');
          if (start === null || end === null || end <= start) return null;
          return { place: { start, end }, rect: range.getBoundingClientRect() };
        },
        describe: ({ start, end }) => {
          const selectors = describeOffsets(model.text, start, end);
          if (!selectors) return null;
          const page = model.pageAt(selectors.position.start);
          return { page: pageRef, ...selectors, pdf: { fingerprint, page } };
        },
        saved: (annotation) => apply({ kind: 'upsert', annotation }),
        report: say,
      },
    });
    // The viewer gets no messages from the browser's shortcuts (they go to web pages' content
    // scripts), so it listens for them itself.
    doc.addEventListener('keydown', (event) => {
      if (!event.altKey || !event.shiftKey) return;
      if (event.key === 'N' || event.key === 'n') controller.act('note');
      if (event.key === 'H' || event.key === 'h') controller.act('highlight');
    });
    const ready = load().then(() =>
      answers.notes({
        reveal: async (id) => {
          const reply = await api.call('notes/reveal', { id });
          return reply.ok && reply.value.found;
        },
        orphans: () =>
          [...placed.values()].filter((p) => p.start === null).map((p) => p.annotation.id),
      }),
    );
    return {
      ready,
      saveQuote: (start, end, speaker) =>
        void controller.save({ start, end }, '', [], undefined, { kind: 'quote', speaker }),
    };
  }

  /** The document offset of a selection boundary inside the text layers. */
  function offsetAt(node: Node, offset: number, bias: 'start' | 'end'): number | null {
    const owner = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
    const info = owner && spanInfo.get(owner);
    if (info) {
      if (node.nodeType === Node.TEXT_NODE) return model.offsetOf({ ...info, offset });
      const length = owner.textContent?.length ?? 0;
      return model.offsetOf({ ...info, offset: offset === 0 ? 0 : length });
    }
    // A boundary between text runs (or on the layer itself): the nearest run on the right side.
    const pageEl = owner?.closest<HTMLElement>('.page');
    const slot = pageEl ? slots[Number(pageEl.dataset.page) - 1] : undefined;
    if (!slot) return null;
    const probe = doc.createRange();
    probe.setStart(node, offset);
    const divs = slot.textDivs.filter((d) => d.isConnected && d.firstChild);
    if (bias === 'start') {
      for (const div of divs) {
        if (probe.comparePoint(div, 0) >= 0) return offsetAt(div, 0, bias);
      }
    } else {
      for (let i = divs.length - 1; i >= 0; i--) {
        const div = divs[i] as HTMLElement;
        if (probe.comparePoint(div, 0) < 0) return offsetAt(div, div.childNodes.length, bias);
      }
    }
    return null;
  }
}

/**
 * A page's text as a stream of a few hundred runs per task: PDF.js's TextLayer measures and
 * places every run it is given at once, which for a report's page (thousands of runs) was one
 * long task.
 */
function slicedText(content: TextContent): ReadableStream<TextContent> {
  let at = 0;
  return new ReadableStream<TextContent>({
    async pull(controller) {
      if (at > 0) await nextTask();
      controller.enqueue({ ...content, items: content.items.slice(at, at + RUNS_PER_FRAME) });
      at += RUNS_PER_FRAME;
      if (at >= content.items.length) controller.close();
    },
  });
}

/**
 * A drawn page as an `<img>` of a PNG, decoded before it is shown: the browser decodes and
 * composites a picture away from the main thread, where a canvas's pixels are copied on the
 * main thread at the commit of every frame it changes in (the longest task while scrolling,
 * hundreds of milliseconds a page with software compositing). The canvas's own pixels are
 * freed at once. Null when the browser cannot encode it (the text layer is still shown).
 */
async function pictureOf(canvas: HTMLCanvasElement): Promise<HTMLImageElement | null> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  canvas.width = 0;
  canvas.height = 0;
  return decodedPicture(canvas.ownerDocument, blob);
}

/** `blob` (a page's PNG) as an `<img>`, decoded before it is shown; null without one. */
async function decodedPicture(doc: Document, blob: Blob | null): Promise<HTMLImageElement | null> {
  if (!blob) return null;
  const picture = doc.createElement('img');
  picture.alt = '';
  picture.decoding = 'async';
  picture.src = URL.createObjectURL(blob);
  try {
    await picture.decode();
  } catch {
    URL.revokeObjectURL(picture.src);
    return null;
  }
  return picture;
}
