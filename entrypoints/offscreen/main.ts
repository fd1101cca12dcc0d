/**
 * Chrome's offscreen document: a hidden extension page with a DOM, where long pages are parsed
 * and analysed (lib/offscreen) so that the page's own main thread is not held by Readability.
 */
import { analyzeCopy } from '@/lib/analysis/parsed-page';
import { handleMessages } from '@/lib/platform/messaging';

handleMessages({
  'offscreen/analyze': ({ html }) => analyzeCopy(html),
});
