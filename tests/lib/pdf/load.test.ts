import { describe, expect, it } from 'vitest';
import {
  fetchPdf,
  hasTextLayer,
  MESSAGES,
  PdfLoadError,
  problemOfPdfError,
} from '../../../lib/pdf/load';

const MB = 1024 * 1024;

/** A fetch answering with `body`, streamed in chunks, and the given headers. */
function fakeFetch(body: Uint8Array, headers: Record<string, string> = {}, status = 200) {
  let pulled = 0;
  const fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= body.length) return controller.close();
          controller.enqueue(body.slice(pulled, pulled + 1024));
          pulled += 1024;
        },
      }),
      { status, headers },
    );
  return { fetch: fetch as unknown as typeof globalThis.fetch, pulled: () => pulled };
}

const problem = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PdfLoadError);
    return (error as PdfLoadError).problem;
  }
  throw new Error('expected a failure');
};

describe('fetchPdf', () => {
  it('returns the whole file', async () => {
    const body = new Uint8Array(5000).map((_, i) => i % 256);
    const bytes = await fetchPdf('https://www.csis.org/r.pdf', { fetch: fakeFetch(body).fetch });
    expect(bytes).toEqual(body);
  });

  it('refuses a 300 MB file from its Content-Length without reading it', async () => {
    const fake = fakeFetch(new Uint8Array(4096), { 'content-length': String(300 * MB) });
    const p = await problem(fetchPdf('https://www.rand.org/big.pdf', { fetch: fake.fetch }));
    expect(p.kind).toBe('too-large');
    expect(p.message).toContain('300 MB');
    expect(fake.pulled()).toBeLessThanOrEqual(1024);
  });

  it('stops reading a file with no length as soon as it passes the limit', async () => {
    const fake = fakeFetch(new Uint8Array(64 * 1024));
    const p = await problem(
      fetchPdf('https://www.rand.org/big.pdf', { fetch: fake.fetch, limit: 8192 }),
    );
    expect(p.kind).toBe('too-large');
    expect(fake.pulled()).toBeLessThan(16 * 1024);
  });

  it('says which site to allow when the browser refuses the request', async () => {
    const refused = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const p = await problem(fetchPdf('https://example.org/a/b.pdf', { fetch: refused }));
    expect(p).toMatchObject({ kind: 'no-access', origin: 'https://example.org' });
    expect(p.message).toBe(MESSAGES.noAccess('https://example.org'));
  });

  it('reports a server error in words', async () => {
    const p = await problem(
      fetchPdf('https://www.csis.org/gone.pdf', {
        fetch: fakeFetch(new Uint8Array(0), {}, 404).fetch,
      }),
    );
    expect(p.kind).toBe('network');
    expect(p.message).toContain('404');
  });
});

describe('problemOfPdfError', () => {
  it('tells a password-protected file from a broken one', () => {
    expect(problemOfPdfError({ name: 'PasswordException' }).message).toBe(MESSAGES.password);
    expect(problemOfPdfError({ name: 'InvalidPDFException' }).message).toBe(MESSAGES.broken);
    expect(problemOfPdfError(new Error('anything')).kind).toBe('broken');
  });
});

describe('hasTextLayer', () => {
  it('treats a scan with a stray page number per page as having no text', () => {
    expect(hasTextLayer(0, 2)).toBe(false);
    expect(hasTextLayer(6, 3)).toBe(false);
    expect(hasTextLayer(2_000, 3)).toBe(true);
  });
});
