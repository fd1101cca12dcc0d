/**
 * One lazily opened connection to the store, reopened after the browser closes it (a newer
 * version upgrading, or the database deleted from the browser's settings). The service worker
 * may be stopped at any moment; the next message simply opens it again.
 */
import { type DossierDB, openDossierDb } from '../store';

/** Returns a function that resolves to an open connection. */
export function lazyConnection(
  open: typeof openDossierDb = openDossierDb,
): () => Promise<DossierDB> {
  let pending: Promise<DossierDB> | null = null;
  return () => {
    pending ??= open({
      onClose: () => {
        pending = null;
      },
    }).catch((error: unknown) => {
      pending = null; // A failed open is tried again on the next request.
      throw error;
    });
    return pending;
  };
}
