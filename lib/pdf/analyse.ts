/**
 * Runs lib/detect on a PDF's text in a worker (lib/pdf/analysis-worker.ts), so that the
 * viewer's main thread only receives the result. Where a worker cannot start, detection runs
 * on the main thread in its own steps, one task each, which is slower to finish but still
 * never blank.
 */
import { type Detection, detectInSteps } from '../detect';

/** Finds the officials and quotations in `text` (the document text of lib/pdf/text-model). */
export async function analyseText(text: string): Promise<Detection> {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./analysis-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  if (worker) {
    const running = worker;
    const answer = await new Promise<Detection | null>((resolve) => {
      running.onmessage = (event: MessageEvent<{ ok: boolean; detection?: Detection }>) =>
        resolve(event.data.ok && event.data.detection ? event.data.detection : null);
      running.onerror = (event) => {
        event.preventDefault();
        resolve(null);
      };
      running.postMessage({ text });
    });
    running.terminate();
    if (answer) return answer;
  }
  const steps = detectInSteps(text);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
