/**
 * Runs `serve.ts` as a child process on 127.0.0.1 for the load test and the CLI tests: waits for
 * its "listening" log line, keeps its recent output, and stops it with any signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Path of the service's entry point. */
export const SERVE_ENTRY = fileURLToPath(new URL('../serve.ts', import.meta.url));

/** How a child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running endpoint process. */
export interface EndpointProcess {
  child: ChildProcess;
  /** Base URL of the endpoint, such as `http://127.0.0.1:41234/regulars`. */
  endpointUrl: string;
  port: number;
  /** The last lines it wrote (standard output and error). */
  output: string[];
  exited: Promise<ChildExit>;
  /** Sends `signal` and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<ChildExit>;
}

/** Runs `serve.ts` with `args`; the environment is the parent's minus any Regulars settings, plus `env`. */
export function runServe(args: readonly string[], env: Record<string, string> = {}): { child: ChildProcess; output: string[]; exited: Promise<ChildExit> } {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('REGULARS_') && name !== 'DATABASE_URL' && name !== 'NODE_ENV' && name !== 'PORT' && name !== 'HOST'));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE_ENTRY, ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    if (output.length > 500) output.splice(0, output.length - 500);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<ChildExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output, exited };
}

/** Starts the endpoint on 127.0.0.1 and resolves once it listens; rejects with its output if it exits or takes longer than `timeoutMs`. */
export async function startEndpointProcess(options: { port?: number; dataDir: string; env?: Record<string, string>; timeoutMs?: number }): Promise<EndpointProcess> {
  const { child, output, exited } = runServe(['--host', '127.0.0.1', '--port', String(options.port ?? 0), '--data-dir', options.dataDir], options.env);
  const endpointUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The endpoint did not start within ${options.timeoutMs ?? 30_000} ms:\n${output.join('\n')}`));
    }, options.timeoutMs ?? 30_000);
    const watch = (): void => {
      for (const line of output) {
        if (!line.includes('Regulars endpoint listening on')) continue;
        clearTimeout(timer);
        child.stdout!.off('data', watch);
        resolve((JSON.parse(line) as { url: string }).url);
        return;
      }
    };
    child.stdout!.on('data', watch);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The endpoint exited (${code ?? signal}) before listening:\n${output.join('\n')}`));
    });
  });
  return {
    child,
    endpointUrl,
    port: Number(new URL(endpointUrl).port),
    output,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
