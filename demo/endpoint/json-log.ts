/**
 * Structured logs of the endpoint service: one JSON object per line with `time`, `level` and
 * `msg`, ready for any log collector. Callers pass only what is safe to keep: never a request
 * body, a secret or a database statement's parameters.
 */

/** One log entry; `time` is added when it is written. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  [field: string]: unknown;
}

/** Writes one entry. */
export type Log = (entry: LogEntry) => void;

/** A log that writes each entry as one JSON line through `write` (default: standard output). */
export function createJsonLog(write: (line: string) => void = (line) => process.stdout.write(line), now: () => number = Date.now): Log {
  return (entry) => {
    write(`${JSON.stringify({ time: new Date(now()).toISOString(), ...entry })}\n`);
  };
}

/** What may be logged of an unexpected error: its kind, SQLSTATE code and first line, never its attached data. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  return { error: error.name, ...(typeof code === 'string' ? { code } : {}), detail: error.message.split('\n')[0]!.slice(0, 200) };
}
