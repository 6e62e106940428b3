import type { ConsentMode, RegularsConfig, WidgetName } from '../types';
import { safeHttpUrl } from './url';
import type { CodedReport } from './messages';
import { report as defaultReport } from './warn';

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

/** The config fields the snippet may carry as `data-*` attributes. */
const SCRIPT_ATTRIBUTES = ['endpoint', 'widgets', 'locale', 'currency', 'consent'] as const;

/** Reads the snippet's `data-*` attributes into a config. */
export function readScriptConfig(script: HTMLScriptElement | null): RegularsConfig {
  const data = script?.dataset;
  if (!data) return {};
  const config: Record<string, string> = {};
  for (const key of SCRIPT_ATTRIBUTES) if (data[key] !== undefined) config[key] = data[key];
  return config as RegularsConfig;
}

/** Reads `<script type="application/json" data-regulars-config>`; a broken block is reported and ignored. */
export function readJsonConfig(doc: Document, report: CodedReport = defaultReport): RegularsConfig {
  const block = doc.querySelector('script[data-regulars-config]');
  if (!block) return {};
  try {
    const parsed: unknown = JSON.parse(block.textContent || '{}');
    if (isObject(parsed)) return parsed as RegularsConfig;
  } catch {
    // Reported below.
  }
  report('data-regulars-config', 'json-block');
  return {};
}

/** Whether a value is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates the fields the loader acts on (endpoint, widgets, consent, retention). Every wrong
 * field is reported once, naming the field and the fix, and replaced by its default, so one
 * mistake never stops the rest of the bundle.
 */
export function resolveCoreConfig(input: RegularsConfig, pageUrl: string, report: CodedReport = defaultReport): CoreConfig {
  const raw = input as Record<string, unknown>;
  let endpoint: string | null = null;
  if (raw.endpoint !== undefined && raw.endpoint !== '') {
    endpoint = safeHttpUrl(raw.endpoint, pageUrl);
    if (endpoint) endpoint = endpoint.replace(/[?#].*$/, '').replace(/\/+$/, '');
    else report('endpoint', 'endpoint-url', JSON.stringify(raw.endpoint));
  }

  let widgets: WidgetName[] = [...WIDGET_NAMES];
  if (raw.widgets !== undefined) {
    const list = typeof raw.widgets === 'string' ? raw.widgets.split(',') : Array.isArray(raw.widgets) ? raw.widgets : null;
    if (!list) {
      report('widgets', 'widgets-list', WIDGET_NAMES.join(', '));
    } else {
      widgets = [];
      for (const item of list) {
        const name = String(item).trim() as WidgetName;
        if (!name) continue;
        if (WIDGET_NAMES.includes(name)) {
          if (!widgets.includes(name)) widgets.push(name);
        } else {
          report('widgets', 'widgets-unknown', name, WIDGET_NAMES.join(', '));
        }
      }
    }
  }

  let consent: ConsentMode = 'granted';
  if (raw.consent !== undefined && raw.consent !== 'granted') {
    consent = 'required';
    if (raw.consent !== 'required') report('consent', 'consent-mode', JSON.stringify(raw.consent));
  }

  let retentionDays = 30;
  if (raw.retentionDays !== undefined) {
    if (typeof raw.retentionDays === 'number' && raw.retentionDays >= 1 && raw.retentionDays <= 365) retentionDays = raw.retentionDays;
    else report('retentionDays', 'retention-days');
  }

  return { endpoint, widgets, consent, retentionDays, input };
}
