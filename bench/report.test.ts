import { describe, expect, it } from 'vitest';
import type { PageRun } from './lighthouse';
import { isServedUnder } from './long-tasks';
import { markdownTable, pageLoadTable, summarizeVariant } from './report';

const origin = 'http://127.0.0.1:40123';
const run = (tbt: number, cls: number, tasks: [string, number][]): PageRun => ({
  tbt,
  cls,
  lcp: 1000 + tbt,
  jsBytes: 20_000,
  theirJsBytes: 15_000,
  scripts: 6,
  theirScripts: 5,
  longTasks: tasks.map(([path, duration]) => ({ url: path.startsWith('/') ? origin + path : path, duration, startTime: 0 })),
});
const bundle = (url: string) => isServedUnder(url, '/dist/');

describe('summarizeVariant', () => {
  it('takes medians over runs, long tasks attributed run by run', () => {
    const summary = summarizeVariant(
      'with',
      'Regulars',
      [
        run(0, 0, [['Unattributable', 60]]),
        run(30, 0, [['/dist/chunks/host-1.js', 70], ['/demo/a.html', 90]]),
        run(10, 0.002, [['/dist/regulars.js', 52]]),
        run(20, 0, []),
        run(500, 0, [['/dist/chunks/host-1.js', 140]]),
      ],
      [],
      bundle,
    );
    expect(summary.median).toMatchObject({ tbt: 20, cls: 0, lcp: 1020, longTasks: 1, longestTask: 60, theirLongTasks: 1, theirLongestTask: 52 });
    expect(summary.worstTheirLongestTask).toBe(140);
    expect(summary.theirLongTaskUrls.sort()).toEqual([`${origin}/dist/chunks/host-1.js`, `${origin}/dist/regulars.js`]);
    expect(pageLoadTable([summary]).rows.find((row) => row[0] === '  caused by the widget')).toEqual(['  caused by the widget', '1 (longest 52 ms); worst run 140 ms']);
  });
});

describe('pageLoadTable', () => {
  it('shows each variant with its difference from the page without a widget', () => {
    const without = summarizeVariant('without', 'no widget', [run(10, 0, [])], [], bundle);
    const withRegulars = summarizeVariant('with', 'Regulars', [run(25, 0, [['/dist/regulars.js', 55]])], [], bundle);
    const table = pageLoadTable([without, withRegulars]);
    expect(table.head).toEqual(['median', 'no widget', 'Regulars']);
    expect(table.rows.find((row) => row[0] === 'TBT')).toEqual(['TBT', '10 ms', '25 ms (+15 ms)']);
    expect(table.rows.find((row) => row[0] === 'CLS')).toEqual(['CLS', '0.000', '0.000 (±0.000)']);
    expect(table.rows.find((row) => row[0] === '  caused by the widget')).toEqual(['  caused by the widget', '–', '1 (longest 55 ms)']);
    expect(markdownTable(table).split('\n')[1]).toBe('|---|---:|---:|');
  });
});
