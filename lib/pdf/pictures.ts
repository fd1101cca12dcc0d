/**
 * Page pictures made away from the viewer's main thread. PDF.js's renderer worker draws a page
 * and sends the finished bitmap, which PDF.js then draws onto the page's canvas on the main
 * thread: 20–25 ms of main-thread time a page in software, the longest task left while
 * scrolling once the text layers were cheap. Here the bitmap is caught instead of drawn (a
 * canvas factory whose page contexts hand the whole-page frame over), and a worker of the
 * viewer's own (lib/pdf/picture-worker.ts) encodes it as a PNG, which the browser decodes off
 * the main thread as well when it is shown as an `<img>`.
 *
 * Where a browser renders on the main thread instead (no renderer worker), the canvas is
 * drawn as before and nothing is caught; where the worker cannot encode, the caller falls
 * back to drawing on the canvas.
 */

/** Who wants the frames drawn on a canvas: the canvases of pages being rendered. */
const catchers = new WeakMap<HTMLCanvasElement, (frame: ImageBitmap) => void>();

/** True when `image` drawn at (0, 0) with nothing else covers the whole of `canvas`. */
function isWholeFrame(image: unknown, rest: unknown[], canvas: HTMLCanvasElement): boolean {
  return (
    typeof ImageBitmap !== 'undefined' &&
    image instanceof ImageBitmap &&
    rest.length === 2 &&
    rest[0] === 0 &&
    rest[1] === 0 &&
    image.width === canvas.width &&
    image.height === canvas.height
  );
}

type Context = CanvasRenderingContext2D;
type DrawImage = (this: Context, image: CanvasImageSource, ...rest: number[]) => void;

/**
 * PDF.js's canvas factory (the `CanvasFactory` option of `getDocument`), the same as its own
 * DOM factory except that a page canvas being caught (`catchFrames`) hands whole-page frames
 * over instead of drawing them. Every other drawing, PDF.js's main-thread rendering included,
 * goes to the canvas unchanged.
 */
export class FrameCatchingCanvasFactory {
  private readonly doc: Document;
  private readonly willReadFrequently: boolean;

  constructor({
    ownerDocument = globalThis.document,
    enableHWA = false,
  }: {
    ownerDocument?: Document;
    enableHWA?: boolean;
  } = {}) {
    this.doc = ownerDocument;
    this.willReadFrequently = !enableHWA;
  }

  create(width: number, height: number): { canvas: HTMLCanvasElement; context: Context | null } {
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    const canvas = this.doc.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return {
      canvas,
      context: canvas.getContext('2d', { willReadFrequently: this.willReadFrequently }),
    };
  }

  reset(made: { canvas: HTMLCanvasElement | null }, width: number, height: number): void {
    if (!made.canvas) throw new Error('Canvas is not specified');
    if (width <= 0 || height <= 0) throw new Error('Invalid canvas size');
    made.canvas.width = width;
    made.canvas.height = height;
  }

  destroy(made: { canvas: HTMLCanvasElement | null; context?: Context | null }): void {
    if (!made.canvas) throw new Error('Canvas is not specified');
    made.canvas.width = 0;
    made.canvas.height = 0;
    made.canvas = null;
    made.context = null;
  }

  getNoAlphaContext(canvas: HTMLCanvasElement): Context | null {
    const context = canvas.getContext('2d', {
      alpha: false,
      willReadFrequently: this.willReadFrequently,
    });
    if (context && catchers.has(canvas) && !Object.hasOwn(context, 'drawImage')) {
      const draw = context.drawImage as DrawImage;
      const caught: DrawImage = function (this: Context, image, ...rest) {
        const hand = catchers.get(canvas);
        if (hand && isWholeFrame(image, rest, canvas)) return hand(image as ImageBitmap);
        return draw.call(this, image, ...rest);
      };
      Object.defineProperty(context, 'drawImage', { value: caught, configurable: true });
    }
    return context;
  }
}

/** The frames caught on one page canvas while it renders. */
export interface CaughtFrames {
  /** The last whole-page frame, now the caller's (to close or pass on), or null; stops catching. */
  take(): ImageBitmap | null;
}

/**
 * Catches the whole-page frames PDF.js's renderer worker sends for `canvas` (made with the
 * factory above). PDF.js closes a frame's bitmap once drawn, so each is moved into a bitmap of
 * the viewer's own (a transfer, not a copy); an earlier, partial frame is closed at once.
 */
export function catchFrames(canvas: HTMLCanvasElement): CaughtFrames {
  let last: ImageBitmap | null = null;
  catchers.set(canvas, (frame) => {
    last?.close();
    last = structuredClone(frame, { transfer: [frame] });
  });
  return {
    take() {
      catchers.delete(canvas);
      const frame = last;
      last = null;
      return frame;
    },
  };
}

/** True when this browser can catch frames and encode them in a worker. */
export function canMakePicturesOffThread(): boolean {
  return (
    typeof Worker !== 'undefined' &&
    typeof ImageBitmap !== 'undefined' &&
    typeof OffscreenCanvas !== 'undefined' &&
    'convertToBlob' in OffscreenCanvas.prototype
  );
}

let worker: Worker | null = null;
let broken = false;
let asked = 0;
const waiting = new Map<number, (blob: Blob | null) => void>();

/** Ends every question the worker will not answer now, and stops asking it. */
function giveUp(): void {
  broken = true;
  worker?.terminate();
  worker = null;
  for (const answer of waiting.values()) answer(null);
  waiting.clear();
}

/**
 * `frame` as a PNG, encoded in the picture worker (the frame is transferred to it); null when
 * the worker cannot (the caller then draws the page on a canvas instead).
 */
export function encodePicture(frame: ImageBitmap): Promise<Blob | null> {
  if (broken) {
    frame.close();
    return Promise.resolve(null);
  }
  if (!worker) {
    try {
      worker = new Worker(new URL('./picture-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      frame.close();
      giveUp();
      return Promise.resolve(null);
    }
    worker.onmessage = (event: MessageEvent<{ id: number; blob: Blob | null }>) => {
      waiting.get(event.data.id)?.(event.data.blob);
      waiting.delete(event.data.id);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      giveUp();
    };
  }
  const id = ++asked;
  const running = worker;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    running.postMessage({ id, frame }, [frame]);
  });
}
