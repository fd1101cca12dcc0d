/**
 * The PDF viewer's analysis worker: lib/detect on the report's whole text, away from the
 * viewer's main thread, so a 200-page report is analysed while the reader scrolls without a
 * single long task on screen. Same code as the content script and the CLI (text in, offsets
 * out); it posts back the detection, or the error's message.
 */
import { detect } from '../detect';

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ text: string }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  try {
    scope.postMessage({ ok: true, detection: detect(event.data.text) });
  } catch (error) {
    scope.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
};
