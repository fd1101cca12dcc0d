/** Helpers for tests that need happy-dom's own controls. */

/** Sets the address of happy-dom's window (and so of `document`), as a navigation would. */
export function setPageUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}
