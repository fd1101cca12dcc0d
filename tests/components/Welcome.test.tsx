/**
 * The welcome page opened on install (Firefox): it names the sites and the reason, asks for all
 * of them with one button, and says what happened whatever the browser answers.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { Welcome, type WelcomeApi } from '../../components/Welcome';
import { POLICY_SITES } from '../../lib/sites';

const api = (overrides: Partial<WelcomeApi> = {}): WelcomeApi => ({
  hasAccess: async () => false,
  requestAccess: async () => true,
  ...overrides,
});

describe('the welcome page', () => {
  it('lists every policy site and why Dossier reads them', async () => {
    render(<Welcome api={api()} />);
    await screen.findByRole('button', { name: 'Allow on policy sites' });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([...POLICY_SITES]);
    expect(document.body.textContent).toContain('highlight the officials');
  });

  it('asks for the sites in one click and says when they are allowed', async () => {
    const requestAccess = vi.fn(async () => true);
    render(<Welcome api={api({ requestAccess })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow on policy sites' }));
    expect((await screen.findByRole('status')).textContent).toContain(
      'Dossier may run on these sites.',
    );
    expect(requestAccess).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Allow on policy sites' })).toBeNull();
  });

  it('says what still works when the reader declines, and offers the button again', async () => {
    render(<Welcome api={api({ requestAccess: async () => false })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow on policy sites' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Not allowed.');
    expect(screen.getByRole('button', { name: 'Allow on policy sites' })).toBeTruthy();
  });

  it('shows the browser’s refusal in words', async () => {
    const requestAccess = async () => {
      throw new Error('permissions.request may only be called from a user input handler');
    };
    render(<Welcome api={api({ requestAccess })} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow on policy sites' }));
    expect((await screen.findByRole('alert')).textContent).toContain('user input handler');
  });

  it('shows no button when access is already there', async () => {
    render(<Welcome api={api({ hasAccess: async () => true })} />);
    await screen.findByRole('status');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
