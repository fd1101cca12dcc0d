/**
 * The last line of defence of each UI root (the popup, the in-page UI): a render error in any
 * component below shows a calm message and a "Reload Dossier" button instead of a blank panel,
 * and the reader's notes are untouched (they live in the store, not in the view).
 */
import { Component, type ComponentChildren } from 'preact';

/** Props of the boundary. */
export interface ErrorBoundaryProps {
  children: ComponentChildren;
  /** Starts the view again (the popup reloads its page; the in-page UI re-renders). */
  onReload(): void;
}

interface State {
  error: string | null;
}

/** Catches render errors below it and offers to start again. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  override state: State = { error: null };

  static override getDerivedStateFromError(error: unknown): State {
    const message = error instanceof Error && error.message ? error.message : String(error);
    return { error: message.slice(0, 300) || 'unknown error' };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div role="alert" class="dossier-crash">
        <p>
          <strong>Dossier ran into a problem and stopped showing this panel.</strong> Your notes are
          safe.
        </p>
        <p class="muted">({this.state.error})</p>
        <button
          type="button"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReload();
          }}
        >
          Reload Dossier
        </button>
      </div>
    );
  }
}
