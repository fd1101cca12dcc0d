/**
 * A note's id, made where the note is made. `crypto.randomUUID()` exists only in secure
 * contexts, and a content script on an `http:` page is not one: there it is undefined and every
 * save would throw before it was sent. `crypto.getRandomValues()` exists everywhere.
 */

/** A random RFC 4122 version 4 UUID, on any page (http or https). */
export function newNoteId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
