/**
 * Getting a PDF's bytes and saying, in plain words, why a PDF cannot be shown or analysed.
 * The viewer fetches the file itself (rather than letting PDF.js do it) so that a file too
 * large to open is refused from its headers or its first bytes over the limit, before it is
 * held in memory, and so that every failure (network, permission, size, password, broken
 * file, no text) ends as one sentence on screen, never a blank page. Pure apart from the
 * `fetch` it is given.
 */

/** The largest PDF the viewer opens: PDF.js holds the whole file, and a tab has limits. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

/** Why a PDF could not be opened or analysed; `message` is shown as it is. */
export type PdfProblem =
  | { kind: 'too-large'; message: string }
  | { kind: 'network'; message: string }
  | { kind: 'no-access'; message: string; origin: string }
  | { kind: 'password'; message: string }
  | { kind: 'broken'; message: string }
  | { kind: 'no-text'; message: string };

/** The messages, in one place so the tests and the viewer agree. */
export const MESSAGES = {
  noText: 'This PDF has no text layer: Dossier cannot analyse it.',
  password: 'This PDF is protected by a password: Dossier cannot open it.',
  broken: 'This file is damaged or is not a PDF: Dossier cannot open it.',
  tooLarge: (bytes: number) =>
    `This PDF is ${Math.round(bytes / (1024 * 1024))} MB: Dossier opens PDFs of up to ${MAX_PDF_BYTES / (1024 * 1024)} MB. Open it in the browser's own viewer instead.`,
  network: (detail: string) => `Dossier could not download this PDF (${detail}).`,
  noAccess: (origin: string) => `Dossier needs your permission to read files from ${origin}.`,
} as const;

/** Thrown by `fetchPdf` with the problem to show. */
export class PdfLoadError extends Error {
  constructor(readonly problem: PdfProblem) {
    super(problem.message);
  }
}

/**
 * Downloads `url` into memory, refusing files over `limit` bytes (from Content-Length when
 * the server gives it, else as soon as the bytes read pass it). A fetch the browser refuses
 * outright (no host permission, CORS) is reported as `no-access` for that origin.
 */
export async function fetchPdf(
  url: string,
  {
    fetch: doFetch = globalThis.fetch,
    limit = MAX_PDF_BYTES,
    onProgress,
  }: {
    fetch?: typeof globalThis.fetch;
    limit?: number;
    onProgress?(loaded: number, total: number | null): void;
  } = {},
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await doFetch(url, { credentials: 'include' });
  } catch {
    const origin = new URL(url).origin;
    throw new PdfLoadError({ kind: 'no-access', message: MESSAGES.noAccess(origin), origin });
  }
  if (!response.ok) {
    throw new PdfLoadError({
      kind: 'network',
      message: MESSAGES.network(`the server answered ${response.status}`),
    });
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const total = Number.isFinite(declared) && declared > 0 ? declared : null;
  if (total !== null && total > limit) {
    void response.body?.cancel();
    throw new PdfLoadError({ kind: 'too-large', message: MESSAGES.tooLarge(total) });
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(await response.arrayBuffer());
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await reader.read();
    } catch {
      throw new PdfLoadError({
        kind: 'network',
        message: MESSAGES.network('the download broke off'),
      });
    }
    if (part.done) break;
    loaded += part.value.length;
    if (loaded > limit) {
      void reader.cancel();
      throw new PdfLoadError({ kind: 'too-large', message: MESSAGES.tooLarge(total ?? loaded) });
    }
    chunks.push(part.value);
    onProgress?.(loaded, total);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Turns what PDF.js throws while opening a document into the problem to show. */
export function problemOfPdfError(error: unknown): PdfProblem {
  if (error instanceof PdfLoadError) return error.problem;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') return { kind: 'password', message: MESSAGES.password };
  return { kind: 'broken', message: MESSAGES.broken };
}

/**
 * Whether a document read so far has a text layer worth analysing: scanned reports have
 * images and no text (or a few stray characters per page from a stamp or page number).
 */
export function hasTextLayer(characters: number, pages: number): boolean {
  return pages > 0 && characters >= Math.min(40, 4 * pages);
}
