/**
 * Saving a file from an extension page without the "downloads" permission: a Blob URL and a
 * temporary link with `download`, which the browser treats as a normal download.
 */

/** Starts a download of `data` named `name`. */
export function downloadFile(
  name: string,
  data: string | Uint8Array,
  type: string,
  doc: Document = document,
): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start reading the Blob before it is released.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
