import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { POLICY_SITE_MATCHES } from './lib/sites';

/**
 * Replaces each `<link rel="stylesheet">` of the build's own CSS in the page by a `<style>`
 * holding that CSS, and drops the file. Extension pages allow inline styles (their default
 * policy restricts scripts only).
 */
function inlineStylesheets(): Plugin {
  return {
    name: 'dossier:inline-stylesheets',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) return html;
        return html.replace(
          /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g,
          (link, file: string) => {
            const asset = bundle[file];
            if (asset?.type !== 'asset' || typeof asset.source !== 'string') return link;
            delete bundle[file];
            // `</style` inside the CSS would end the element early; CSS never needs it.
            return `<style>${asset.source.replaceAll('</style', '<\\/style')}</style>`;
          },
        );
      },
    },
  };
}

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
  hooks: {
    // The popup is built on its own, so that it loads one script (its code and everything it
    // shares with the side panel and the PDF viewer, once) instead of a dozen shared chunks:
    // in an extension page every module request is a round trip through the browser process,
    // and opening the popup waited on eleven of them (npm run bench -- notes). Only the
    // popup's own build changes; the other pages keep sharing their chunks, and the content
    // script and the background are built on their own already.
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group)) continue;
        const at = group.findIndex((entry) => entry.type === 'popup');
        if (at >= 0 && group.length > 1) groups.push(group.splice(at, 1));
      }
    },
    // ...and its stylesheet is written into popup.html, so that no request for it holds back
    // the popup's script (a module script waits for the stylesheets before it).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.length === 1 && entrypoints[0]?.type === 'popup') {
        config.plugins = [...(config.plugins ?? []), inlineStylesheets()];
      }
    },
  },
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
      // Opens the popup from the keyboard (the browser's fourth and last suggested shortcut).
      _execute_action: { suggested_key: { default: 'Alt+Shift+O' } },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: 'Highlight the selected text',
      },
      'note-selection': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Add a note to the selected text',
      },
      'open-dossier': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open the Dossier side panel (this page and the library)',
      },
      // No suggested key: Chrome loads at most four (the popup's switch does the same; readers
      // can bind one in the browser's shortcut settings).
      'toggle-highlights': {
        description: 'Show or hide Dossier’s highlights on this site',
      },
    },
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The PDF viewer: a PDF opened on a listed site is sent to it (lib/pdf/redirect.ts).
    web_accessible_resources: [
      { resources: ['pdf.html'], matches: [...POLICY_SITE_MATCHES] },
      // The selection toolbar's note editor, a frame of the extension's origin so the page
      // cannot listen to what the reader types (components/page/EditorFrame.tsx). On every web
      // page, as the content script may run on any site the reader allows; in Chrome only
      // through the session's dynamic address, so a site cannot probe for Dossier with it
      // (Firefox's extension addresses are random per install already).
      {
        resources: ['editor.html'],
        matches: ['https://*/*', 'http://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    action: { default_title: 'Dossier' },
    ...(browser === 'firefox'
      ? {
          // Chrome's default policy for extension pages, stated: Firefox's own default adds
          // `upgrade-insecure-requests`, which turns the PDF viewer's fetch of a report on an
          // http:// site into an https:// request that fails ("needs your permission"). Scripts
          // stay the extension's own; nothing is loosened beyond what Chrome has.
          content_security_policy: {
            extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
          },
          browser_specific_settings: {
            gecko: {
              id: 'dossier@dossier.invalid',
              // 140: the first ESR with the CSS Custom Highlight API (Dossier's painting) and
              // with `data_collection_permissions`, which Firefox for Android has from 142.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
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
