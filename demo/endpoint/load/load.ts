/**
 * `npm run endpoint:load`: the full load test (see run-load.ts), bounded in count and time.
 * Flags: --events N (default 20000 per phase), --batch N (50), --concurrency N (16), --timeout S (120).
 * Prints a table and exits 1 if any event was lost, duplicated or unexpected.
 */
import os from 'node:os';
import { formatReport, runLoad } from './run-load';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} needs a positive whole number; got "${process.argv[index + 1] ?? ''}".`);
    process.exit(2);
  }
  return value;
}

const events = flag('events', 20_000);
const batchSize = flag('batch', 50);
const concurrency = flag('concurrency', 16);
const timeoutMs = flag('timeout', 120) * 1000;

console.log(`Regulars endpoint load test: ${events} events per phase, batches of ${batchSize}, ${concurrency} in flight, at most ${timeoutMs / 1000} s`);
console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, PGlite on ${os.tmpdir()}\n`);
try {
  const report = await runLoad({ events, batchSize, concurrency, timeoutMs, progress: (line) => console.log(`  ${line}`) });
  console.log(`\n${formatReport(report)}`);
  process.exit(report.lost === 0 && report.duplicated === 0 && report.unexpected === 0 ? 0 : 1);
} catch (error) {
  console.error(`\nThe load test failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
