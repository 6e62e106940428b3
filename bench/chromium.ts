/**
 * Starts Debian's Chromium for one Lighthouse run: a fresh profile, the project's headless flags
 * and a DevTools port, and stops it (and every process it started) when the run is over.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/** A running Chromium with its DevTools port. */
export interface DebuggableChromium {
  port: number;
  stop(): void;
}

/** Launches Chromium with a fresh profile and resolves with its DevTools port (fails after `timeoutMs`). */
export function launchDebuggableChromium(timeoutMs = 20_000): Promise<DebuggableChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'regulars-bench-'));
  // Its own process group, so stopping it also ends the renderers it started, and nothing else.
  const child = spawn(CHROMIUM_PATH, [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = () => {
    try {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(profile, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`Chromium did not open its DevTools port within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      stop();
      reject(new Error(`Chromium could not start from ${CHROMIUM_PATH} (${error.message}); set CHROMIUM_PATH`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stderr!.removeAllListeners('data');
      child.stderr!.resume();
      resolve({ port: Number(match[1]), stop });
    });
  });
}
