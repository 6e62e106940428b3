/**
 * The script-tag entry: the only module that runs anything on import. It finds the snippet and
 * installs `window.regulars` from it (see install.ts). Pasted twice, the second copy finds the
 * first and leaves quietly.
 */
import { install } from './install';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Loaded as a module or injected by a tag manager: the snippet is the script pointing at us.
  return document.querySelector('script[data-endpoint][src*="regulars"]') ?? document.querySelector('script[src*="regulars"]');
}

install({ script: findScript() });
