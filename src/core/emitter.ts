import type { HostListener } from '../types';
import { dispatchWindowEvent } from './window-events';
import { report } from './warn';

/** Host-page listeners by event name, mirrored as `regulars:<name>` window events. */
export interface Emitter {
  on(name: string, listener: HostListener): void;
  off(name: string, listener: HostListener): void;
  emit(name: string, detail?: unknown): void;
}

/** Creates the emitter behind `regulars('on' | 'off', ...)` and the widgets' `emit`. */
export function createEmitter(): Emitter {
  const listeners = new Map<string, Set<HostListener>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
    },
    off(name, listener) {
      listeners.get(name)?.delete(listener);
    },
    emit(name, detail) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(detail);
        } catch (error) {
          report(`on('${name}')`, 'listener-threw', String(error));
        }
      }
      dispatchWindowEvent(name, detail);
    },
  };
}
