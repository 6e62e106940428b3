// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatReport, runLoad } from './run-load';

describe('endpoint under load (a short run; `npm run endpoint:load` is the full one)', () => {
  it('loses and duplicates no event when the server is killed or restarted mid-load', async () => {
    const report = await runLoad({ events: 2_000, batchSize: 50, concurrency: 8, timeoutMs: 55_000 });
    expect(report.phases.map((phase) => phase.phase)).toEqual(['throughput', 'crash (SIGKILL mid-load)', 'restart (SIGTERM mid-load)']);
    expect(report.sent).toBe(6_000);
    expect({ stored: report.stored, lost: report.lost, duplicated: report.duplicated, unexpected: report.unexpected }).toEqual({ stored: 6_000, lost: 0, duplicated: 0, unexpected: 0 });
    // The interruptions happened with requests in flight: some batches had to be sent again.
    expect(report.phases[1]!.retried).toBeGreaterThan(0);
    for (const phase of report.phases) expect(phase.p99).toBeGreaterThanOrEqual(phase.p50);
    expect(formatReport(report)).toMatch(/lost 0, duplicated 0, unexpected 0/);
  }, 60_000);
});
