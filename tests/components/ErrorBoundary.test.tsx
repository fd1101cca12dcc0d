/** A render error never blanks a Dossier panel: a message and "Reload Dossier" take its place. */
import { fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../components/ErrorBoundary';

function Fragile({ broken }: { broken: boolean }) {
  if (broken) throw new Error('cannot read properties of undefined');
  return <p>All notes listed</p>;
}

describe('ErrorBoundary', () => {
  it('shows its children while nothing fails', () => {
    render(
      <ErrorBoundary onReload={() => {}}>
        <Fragile broken={false} />
      </ErrorBoundary>,
    );
    expect(screen.getByText('All notes listed')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('replaces a crashed panel with a message and a working "Reload Dossier" button', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let fix = () => {};
    function Host() {
      const [broken, setBroken] = useState(true);
      fix = () => setBroken(false);
      return (
        <ErrorBoundary onReload={() => fix()}>
          <Fragile broken={broken} />
        </ErrorBoundary>
      );
    }
    render(<Host />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Dossier ran into a problem');
    expect(alert.textContent).toContain('Your notes are safe');
    expect(alert.textContent).toContain('cannot read properties of undefined');
    fireEvent.click(screen.getByRole('button', { name: 'Reload Dossier' }));
    expect(screen.getByText('All notes listed')).toBeTruthy();
  });
});
