/** Mounts the welcome page (opened on install; see lib/platform/sites.ts) on the real browser. */
import { render } from 'preact';
import { Welcome } from '@/components/Welcome';
import { hasPolicySiteAccess, requestPolicySiteAccess } from '@/lib/platform/sites';
import '../popup/style.css';
import './style.css';

const root = document.getElementById('app');
if (root) {
  render(
    <Welcome api={{ hasAccess: hasPolicySiteAccess, requestAccess: requestPolicySiteAccess }} />,
    root,
  );
}
