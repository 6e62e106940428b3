/**
 * The script-tag entry: the only module that runs anything on import. It reads the config from
 * the snippet, installs `window.regulars`, replays calls the inline stub queued, and starts the
 * runtime. Pasted twice, the second copy finds the first and leaves quietly.
 */
import type { RegularsCommand, RegularsConfig } from './types';
import { runCommand, type CommandTarget } from './api';
import { readJsonConfig, readScriptConfig, resolveCoreConfig } from './core/config';
import { createEmitter } from './core/emitter';
import { createRuntime, type Runtime } from './core/runtime';
import { warn } from './core/warn';

declare const __REGULARS_VERSION__: string;

type Call = [unknown, ...unknown[]];
type Global = Omit<Window, 'regulars'> & { regulars?: RegularsCommand };

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Loaded as a module or injected by a tag manager: the snippet is the script pointing at us.
  return document.querySelector('script[data-endpoint][src*="regulars"]') ?? document.querySelector('script[src*="regulars"]');
}

function install(): void {
  const global = window as unknown as Global;
  const existing = global.regulars;
  if (existing && typeof existing.version === 'string') return;
  const queued = (Array.isArray(existing?.q) ? existing.q : []) as Call[];
  const script = findScript();
  const emitter = createEmitter();
  const sources: RegularsConfig = { ...readScriptConfig(script), ...readJsonConfig(document) };
  const beforeInit: Call[] = [];
  let runtime: Runtime | null = null;

  const target: CommandTarget = {
    emitter,
    runtime: () => runtime,
    init(config) {
      if (runtime) {
        warn('init', 'Regulars is already running', "Put the config in the snippet or the JSON block, or call regulars('destroy') first");
        return;
      }
      const language = document.documentElement.lang || navigator.language || 'en';
      runtime = createRuntime(resolveCoreConfig({ ...sources, ...config }, location.href), emitter, language);
      for (const [command, ...args] of beforeInit.splice(0)) runCommand(target, command, args);
    },
    destroy() {
      runtime?.destroy();
      runtime = null;
    },
  };

  const regulars = function (command: unknown, ...args: unknown[]) {
    // Until a config exists, calls wait (in order) for the init that brings one.
    if (!runtime && command !== 'init' && command !== 'on' && command !== 'off' && command !== 'destroy') {
      beforeInit.push([command, ...args]);
      return;
    }
    runCommand(target, command, args);
  } as RegularsCommand;
  regulars.version = __REGULARS_VERSION__;
  global.regulars = regulars;

  const hasQueuedInit = queued.some((call) => call[0] === 'init');
  if (!hasQueuedInit && Object.keys(sources).length) target.init({});
  for (const [command, ...args] of queued) (regulars as (command: unknown, ...args: unknown[]) => void)(command, ...args);
}

try {
  install();
} catch (error) {
  warn('regulars.js', `could not start (${String(error)})`, 'The page is unaffected; please report this');
}
