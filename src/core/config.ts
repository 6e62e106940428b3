import type { ConsentMode, RegularsConfig, WidgetName } from '../types';
import { safeHttpUrl } from './url';
import { warn as defaultWarn } from './warn';

/** The widgets in the order they are documented. */
export const WIDGET_NAMES: readonly WidgetName[] = ['recently-viewed', 'account-prompt', 'chat', 'loyalty-wheel'];

/** What the loader needs decided before anything runs; the widget host validates the rest. */
export interface CoreConfig {
  endpoint: string | null;
  widgets: WidgetName[];
  consent: ConsentMode;
  retentionDays: number;
  /** The merged input, for the widget host to validate its own fields from. */
  input: RegularsConfig;
}

type Report = (field: string, problem: string, fix: string) => void;

/** Reads the snippet's `data-*` attributes into a config. */
export function readScriptConfig(script: HTMLScriptElement | null): RegularsConfig {
  const data = script?.dataset;
  if (!data) return {};
  const config: RegularsConfig = {};
  if (data.endpoint !== undefined) config.endpoint = data.endpoint;
  if (data.widgets !== undefined) config.widgets = data.widgets;
  if (data.locale !== undefined) config.locale = data.locale;
  if (data.currency !== undefined) config.currency = data.currency;
  if (data.consent !== undefined) config.consent = data.consent as ConsentMode;
  return config;
}

/** Reads `<script type="application/json" data-regulars-config>`; a broken block is reported and ignored. */
export function readJsonConfig(doc: Document, report: Report = defaultWarn): RegularsConfig {
  const block = doc.querySelector('script[data-regulars-config]');
  if (!block) return {};
  try {
    const parsed: unknown = JSON.parse(block.textContent || '{}');
    if (isObject(parsed)) return parsed as RegularsConfig;
  } catch {
    // Reported below.
  }
  report('data-regulars-config', 'the JSON block is not a JSON object', 'Fix its JSON (a validator helps); the snippet attributes still apply');
  return {};
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the fields the loader acts on (endpoint, widgets, consent, retention). Every wrong
 * field is reported once, naming the field and the fix, and replaced by its default, so one
 * mistake never stops the rest of the bundle.
 */
export function resolveCoreConfig(input: RegularsConfig, pageUrl: string, report: Report = defaultWarn): CoreConfig {
  const raw = input as Record<string, unknown>;
  let endpoint: string | null = null;
  if (raw.endpoint !== undefined && raw.endpoint !== '') {
    endpoint = safeHttpUrl(raw.endpoint, pageUrl);
    if (endpoint) endpoint = endpoint.replace(/[?#].*$/, '').replace(/\/+$/, '');
    else report('endpoint', `${JSON.stringify(raw.endpoint)} is not an http(s) URL`, "Set data-endpoint to your endpoint's base URL, e.g. https://shop.example/regulars");
  }

  let widgets: WidgetName[] = [...WIDGET_NAMES];
  if (raw.widgets !== undefined) {
    const list = typeof raw.widgets === 'string' ? raw.widgets.split(',') : Array.isArray(raw.widgets) ? raw.widgets : null;
    if (!list) {
      report('widgets', 'must be a comma-separated string or an array', `List any of ${WIDGET_NAMES.join(', ')}`);
    } else {
      widgets = [];
      for (const item of list) {
        const name = String(item).trim() as WidgetName;
        if (!name) continue;
        if (WIDGET_NAMES.includes(name)) {
          if (!widgets.includes(name)) widgets.push(name);
        } else {
          report('widgets', `"${name}" is not a Regulars widget`, `Use any of ${WIDGET_NAMES.join(', ')}; the others still load`);
        }
      }
    }
  }

  let consent: ConsentMode = 'granted';
  if (raw.consent !== undefined && raw.consent !== 'granted') {
    consent = 'required';
    if (raw.consent !== 'required') report('consent', `${JSON.stringify(raw.consent)} is not a consent mode`, "Use \"required\" (wait for regulars('consent', ...)) or \"granted\"; \"required\" is used meanwhile");
  }

  let retentionDays = 30;
  if (raw.retentionDays !== undefined) {
    if (typeof raw.retentionDays === 'number' && raw.retentionDays >= 1 && raw.retentionDays <= 365) retentionDays = raw.retentionDays;
    else report('retentionDays', 'must be a number from 1 to 365', 'Set how many days viewed products and queued events are kept; 30 is used meanwhile');
  }

  return { endpoint, widgets, consent, retentionDays, input };
}
