import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { POLICY_SITE_MATCHES } from './lib/sites';

/**
 * WXT build configuration. The manifest asks for as little as it can: the content script runs
 * only on the policy-center sites in `lib/sites.ts`; any other site needs the user to click
 * "Analyze this page" (activeTab + scripting) or grant that one origin ("Always run on this
 * site", an optional host permission).
 */
export default defineConfig({
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: 'Dossier',
    description:
      'See who is in a policy article and what they said; keep your own highlights and notes.',
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      // A daily alarm purges notes deleted longer ago than the reader chose (7/30/90 days).
      'alarms',
      // Chrome: a hidden page with a DOM where long articles are analysed (lib/offscreen).
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    commands: {
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text',
      },
      'note-selection': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Add a note to the selected text',
      },
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+D' },
        description: 'Show or hide Dossier’s highlights on this site',
      },
    },
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The PDF viewer: a PDF opened on a listed site is sent to it (lib/pdf/redirect.ts).
    web_accessible_resources: [{ resources: ['pdf.html'], matches: [...POLICY_SITE_MATCHES] }],
    action: { default_title: 'Dossier' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dossier@dossier.invalid',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: {
    excludeSources: [
      '.tmp/**',
      'demo-output/**',
      'bench-results.json',
      '.output/**',
      'node_modules/**',
    ],
  },
});
