/**
 * The product page's preview mode: opened with `?preview` by the configurator's frame, it starts
 * Regulars with the configurator's config. Without `?preview` (or without a stored config) it does
 * nothing, and the page runs its own snippet as on any visit.
 */
import { readPreviewConfig, startPreview } from './configurator-preview';

let storage: Storage | null = null;
try {
  storage = sessionStorage;
} catch {
  // Storage blocked by the browser: there is no preview to show.
}
const config = storage && readPreviewConfig(location.search, storage);
if (config) startPreview(window as unknown as Parameters<typeof startPreview>[0], config);
