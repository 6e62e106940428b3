/**
 * The live preview's hand-over: the configurator stores the config in sessionStorage (shared with
 * same-origin frames of the tab, never sent anywhere) and the product page, opened with `?preview`,
 * starts Regulars with it. A normal visit, or a `?preview` link opened in another tab, finds no
 * stored config and runs the page's own snippet.
 */
import type { RegularsConfig } from '../../src/config-schema';

/** The sessionStorage key the preview config is kept under. */
export const PREVIEW_STORAGE_KEY = 'regulars-demo:preview-config';

/** The demo page the preview frame shows. */
export const PREVIEW_PAGE = '/demo/products/linen-overshirt.html?preview';

/** The demo server's reference endpoint, which the preview talks to whatever endpoint the snippet names. */
export const DEMO_ENDPOINT = '/regulars';

/** Trigger rules no visit meets: in the preview, modal widgets wait for the configurator's buttons. */
const HELD_TRIGGER = { productViews: 1e9, pages: 1e9 };

/** Sections of the widgets that open on a trigger. */
const TRIGGERED_SECTIONS = { 'account-prompt': 'accountPrompt', 'loyalty-wheel': 'loyaltyWheel' } as const;

/**
 * The config the preview runs: the merchant's, with the demo endpoint (their own is not reachable
 * from here), as if the shopper had consented, and with trigger-opened widgets held back. The
 * preview page has no consent banner, so "required" would leave it blank; and it reloads on every
 * change, so real triggers would pop a dialog over the page while the merchant is still editing.
 */
export function previewConfig(config: RegularsConfig): RegularsConfig {
  const preview: Record<string, unknown> = { ...config, endpoint: DEMO_ENDPOINT };
  delete preview.consent;
  const widgets = Array.isArray(config.widgets) ? config.widgets : [];
  for (const name of Object.keys(TRIGGERED_SECTIONS) as (keyof typeof TRIGGERED_SECTIONS)[]) {
    if (!widgets.includes(name)) continue;
    const section = TRIGGERED_SECTIONS[name];
    const options = preview[section];
    preview[section] = { ...(typeof options === 'object' && options !== null ? options : {}), trigger: HELD_TRIGGER };
  }
  return preview as RegularsConfig;
}

/** Stores the preview config; false when the browser keeps no session storage. */
export function storePreviewConfig(storage: Storage, config: RegularsConfig): boolean {
  try {
    storage.setItem(PREVIEW_STORAGE_KEY, JSON.stringify(config));
    return true;
  } catch {
    return false;
  }
}

/** The stored preview config when the page was opened with `?preview`, else null. */
export function readPreviewConfig(search: string, storage: Storage): RegularsConfig | null {
  if (!new URLSearchParams(search).has('preview')) return null;
  try {
    const parsed: unknown = JSON.parse(storage.getItem(PREVIEW_STORAGE_KEY) ?? 'null');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as RegularsConfig) : null;
  } catch {
    return null;
  }
}

type Command = ((command: string, ...args: unknown[]) => void) & { q?: unknown[][]; version?: string };

/**
 * Starts Regulars with `config` in place of the page snippet's. The snippet is async, so it may
 * have run already (then it is destroyed and started again) or not yet (then a queued `init`
 * makes the loader start with this config instead of the snippet's alone).
 */
export function startPreview(target: { regulars?: Command }, config: RegularsConfig): void {
  const running = target.regulars;
  if (running && typeof running.version === 'string') {
    running('destroy');
    running('init', config);
    return;
  }
  if (running && Array.isArray(running.q)) {
    running.q.push(['init', config]);
    return;
  }
  const stub: Command = (...args: unknown[]) => void stub.q!.push(args);
  stub.q = [['init', config]];
  target.regulars = stub;
}
