/**
 * Number formatting without `Intl`: the first `toLocaleString` call in a context loads ICU
 * locale data, which costs tens of milliseconds, and the content script's start-up and the
 * popup's first render cannot afford that for a thousands separator.
 */

/** `12345` → `"12,345"`, as `toLocaleString('en-US')` writes whole numbers. */
export function thousands(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const [whole = '', fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** "1 note", "10,000 notes": how every message and list counts the reader's notes. */
export function countNotes(n: number): string {
  return `${thousands(n)} ${n === 1 ? 'note' : 'notes'}`;
}
