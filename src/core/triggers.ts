import type { CodedReport } from './messages';
import type { KeyValueStore, ModalBudget, TriggerConfig, VisitInfo, WidgetCaps, WidgetName } from '../types';

/**
 * When a modal widget may open: the merchant's `trigger` option, documented in src/types.ts. Rules
 * combine with OR: the first one met fires; `firstPage` and `dismissDays` only ever hold a widget back.
 */
export type TriggerRules = TriggerConfig;

/** How fast a scroll back up must be to read as leaving: a third of the screen within this many ms (a flick, not reading). */
const EXIT_RUN_MS = 400;

const NUMBER_RULES = ['productViews', 'pages', 'seconds', 'scrollDepth', 'dismissDays'] as const;

/** Validates a widget's `trigger` option over its defaults, reporting each wrong rule. */
export function parseTriggerRules(
  raw: unknown,
  defaults: TriggerRules,
  field: string,
  report: CodedReport,
): TriggerRules {
  if (raw === undefined) return { ...defaults };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report(field, 'trigger-object');
    return { ...defaults };
  }
  const rules: TriggerRules = { ...defaults };
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    const value = input[key];
    if ((NUMBER_RULES as readonly string[]).includes(key)) {
      if (typeof value === 'number' && value >= 0 && Number.isFinite(value)) rules[key as (typeof NUMBER_RULES)[number]] = value;
      else report(`${field}.${key}`, 'trigger-number');
    } else if (key === 'exitIntent' || key === 'firstPage') {
      if (typeof value === 'boolean') rules[key] = value;
      else report(`${field}.${key}`, 'boolean');
    } else {
      report(`${field}.${key}`, 'trigger-unknown');
    }
  }
  return rules;
}

/** Creates the page's interruption budget: one modal widget on screen at a time. */
export function createModalBudget(): ModalBudget {
  let holder: WidgetName | null = null;
  return {
    request(name) {
      if (holder && holder !== name) return false;
      holder = name;
      return true;
    },
    release(name) {
      if (holder === name) holder = null;
    },
    holder: () => holder,
  };
}

interface StoredCaps {
  shown?: number;
  dismissed?: number;
  completed?: number;
}

/** A widget's frequency caps plus the check the trigger engine runs before opening it. */
export interface CapsCheck extends WidgetCaps {
  allows(dismissDays: number): Promise<boolean>;
}

/** Reads and records a widget's caps under `caps:<name>`. */
export function createCaps(storage: KeyValueStore, name: WidgetName, now: () => number): CapsCheck {
  const key = 'caps:' + name;
  const mark = (field: keyof StoredCaps) => storage.update<StoredCaps>(key, (old) => ({ ...old, [field]: now() })).then(() => undefined);
  return {
    dismissed: () => mark('dismissed'),
    completed: () => mark('completed'),
    shown: () => mark('shown'),
    async allows(dismissDays) {
      const caps = await storage.get<StoredCaps>(key);
      if (caps?.completed) return false;
      // A dialog the shopper saw and left without answering counts like a dismissal: ask once, not on every page.
      const since = Math.max(caps?.dismissed ?? 0, caps?.shown ?? 0);
      return !since || now() - since >= dismissDays * 86_400_000;
    },
  };
}

/** Whether a widget may open on this page at all: never on the first page of a visit landed from search, nor on any first page unless allowed. */
export function pageAllows(rules: TriggerRules, visit: VisitInfo): boolean {
  return !visit.firstPage || (!!rules.firstPage && !visit.landedFromSearch);
}

/** A running set of trigger watchers. */
export interface TriggerWatch {
  /** Re-checks the count rules (after a product view, a page view). */
  check(): void;
  stop(): void;
}

/** Watches the rules and calls `fire` once, with the rule that fired. */
export function watchTriggers(rules: TriggerRules, visit: () => VisitInfo, fire: (rule: string) => void): TriggerWatch {
  let done = false;
  const stops: (() => void)[] = [];
  const stop = () => {
    done = true;
    stops.forEach((undo) => undo());
    stops.length = 0;
  };
  const trigger = (rule: string) => {
    if (done || !pageAllows(rules, visit())) return;
    stop();
    fire(rule);
  };
  const listen = (target: EventTarget, type: string, handler: (event: Event) => void) => {
    target.addEventListener(type, handler, { passive: true });
    stops.push(() => target.removeEventListener(type, handler));
  };
  const check = () => {
    const info = visit();
    if (rules.productViews !== undefined && info.productViews >= rules.productViews) trigger('productViews');
    else if (rules.pages !== undefined && info.pages >= rules.pages) trigger('pages');
  };

  if (rules.seconds !== undefined) {
    const elapsed = Date.now() - visit().startedAt;
    const timer = setTimeout(() => trigger('seconds'), Math.max(0, rules.seconds * 1000 - elapsed));
    stops.push(() => clearTimeout(timer));
  }
  if (rules.scrollDepth !== undefined || rules.exitIntent) {
    let lastY = scrollY;
    let lastAt = Date.now();
    // Where and when the current upward run began: browsers report a flick as many small steps, one a frame.
    let runY = lastY;
    let runAt = lastAt;
    let deepest = 0;
    listen(window, 'scroll', () => {
      const root = document.documentElement;
      const depth = ((scrollY + innerHeight) / Math.max(1, root.scrollHeight)) * 100;
      deepest = Math.max(deepest, depth);
      if (rules.scrollDepth !== undefined && depth >= rules.scrollDepth) trigger('scrollDepth');
      const now = Date.now();
      // Going down, a run back up can only start here; a run too slow so far is measured again from the last step.
      if (scrollY > lastY) [runY, runAt] = [scrollY, now];
      else if (now - runAt > EXIT_RUN_MS) [runY, runAt] = [lastY, lastAt];
      // A fast scroll back up after reading down is the touch-screen sign of leaving.
      if (rules.exitIntent && deepest > 40 && runY - scrollY > innerHeight * 0.3 && now - runAt < EXIT_RUN_MS) trigger('exitIntent');
      lastY = scrollY;
      lastAt = now;
    });
  }
  if (rules.exitIntent) {
    listen(document, 'mouseout', (event) => {
      const mouse = event as MouseEvent;
      if (!mouse.relatedTarget && mouse.clientY <= 0) trigger('exitIntent');
    });
  }
  check();
  return { check, stop };
}
