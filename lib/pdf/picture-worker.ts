/**
 * The PDF viewer's picture worker: encodes a rendered page's bitmap as a PNG away from the
 * main thread (lib/pdf/pictures.ts). The bitmap is placed on an OffscreenCanvas without a copy
 * (`bitmaprenderer`); the answer is the PNG, or null when this browser cannot encode here.
 */

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; frame: ImageBitmap }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
  const { id, frame } = event.data;
  void (async () => {
    try {
      const canvas = new OffscreenCanvas(frame.width, frame.height);
      const context = canvas.getContext('bitmaprenderer');
      if (!context) throw new Error('no bitmaprenderer');
      context.transferFromImageBitmap(frame);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      canvas.width = 0;
      canvas.height = 0;
      scope.postMessage({ id, blob });
    } catch {
      frame.close();
      scope.postMessage({ id, blob: null });
    }
  })();
};
