/**
 * Installs the `regulars` command function: the one start-up path shared by the script tag
 * (src/loader.ts) and the ESM entry (src/index.ts). Importing this module runs nothing.
 */
import type { RegularsCommand, RegularsConfig } from './types';
import { runCommand, type CommandTarget } from './api';
import { isObject, readJsonConfig, readScriptConfig, resolveCoreConfig } from './core/config';
import { createEmitter } from './core/emitter';
import { createRuntime, type Runtime } from './core/runtime';
import { report, warn } from './core/warn';

declare const __REGULARS_VERSION__: string;

type Call = [unknown, ...unknown[]];
type Global = Omit<Window, 'regulars'> & { regulars?: RegularsCommand };

/** Where `install` finds its config besides the page's JSON block and `regulars('init', …)`. */
export interface InstallOptions {
  /** The snippet whose `data-*` attributes carry config; null when there is none (the ESM entry). */
  script: HTMLScriptElement | null;
}

/**
 * Installs `window.regulars` once, replays the calls the inline stub queued and starts the
 * runtime when config exists; returns the command function (the first one, when called again).
 * It never throws: a failure is reported once and the page carries on.
 */
export function install(options: InstallOptions): RegularsCommand | undefined {
  try {
    const global = window as unknown as Global;
    const existing = global.regulars;
    if (existing && typeof existing.version === 'string') return existing;
    const queued = (Array.isArray(existing?.q) ? existing.q : []) as Call[];
    const emitter = createEmitter();
    const sources: RegularsConfig = { ...readScriptConfig(options.script), ...readJsonConfig(document) };
    const beforeInit: Call[] = [];
    let runtime: Runtime | null = null;

    const target: CommandTarget = {
      emitter,
      runtime: () => runtime,
      init(config) {
        if (runtime) {
          report('init', 'init-running');
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

    // Only an init that brings a config replaces the snippet's own; a malformed one is reported and ignored.
    const hasQueuedInit = queued.some((call) => call[0] === 'init' && isObject(call[1]));
    if (!hasQueuedInit && Object.keys(sources).length) target.init({});
    for (const [command, ...args] of queued) (regulars as (command: unknown, ...args: unknown[]) => void)(command, ...args);
    return regulars;
  } catch (error) {
    warn('regulars.js', `could not start (${String(error)})`, 'The page is unaffected; please report this');
  }
}
