/**
 * The bench's results: their shape (bench/results.json), the summaries made from raw runs, and
 * the tables printed to the terminal and written to bench/results.md.
 */
import type { FileSize } from '../scripts/sizes';
import type { BudgetCheck } from './budgets';
import type { FileGroup } from './bundle';
import type { PageRun } from './lighthouse';
import { attributeLongTasks } from './long-tasks';
import type { Variant } from './pages';
import { median } from './stats';

/** Medians of one page variant's Lighthouse runs. */
export interface PageMedians {
  tbt: number;
  cls: number;
  lcp: number;
  jsBytes: number;
  theirJsBytes: number;
  theirScripts: number;
  longTasks: number;
  longestTask: number;
  theirLongTasks: number;
  theirLongestTask: number;
}

/** One page variant: its runs, the runs that failed, and the medians. */
export interface VariantResult {
  variant: Variant;
  label: string;
  runs: PageRun[];
  failures: string[];
  median: PageMedians;
  /** The longest task caused by the widget in any run (the median is what the budget judges). */
  worstTheirLongestTask: number;
  /** The scripts long tasks were attributed to, over all runs. */
  theirLongTaskUrls: string[];
}

/** Click-to-open times of one widget, cold and warm. */
export interface ClickResult {
  name: string;
  label: string;
  cold: { runs: number[]; failures: string[]; median: number };
  warm: { runs: number[]; failures: string[]; median: number };
}

/** Everything one bench run found (bench/results.json). */
export interface BenchResults {
  date: string;
  page: string;
  runsPerVariant: number;
  environment: { node: string; chromium: string; lighthouse: string; cpus: number };
  sizes: {
    files: FileSize[];
    loader: FileSize;
    everything: FileGroup;
    locales: FileGroup;
    warnings: FileGroup;
    /** The loader and what a page with only the loyalty wheel loads once it opened. */
    wheelAlone: FileGroup;
  };
  comparison: { package: string; version: string | null; present: boolean; brotli: number | null; note: string };
  pageLoad: VariantResult[];
  clicks: ClickResult[];
  budgets: BudgetCheck[];
  pass: boolean;
}

/** Summarizes the runs of one variant; `failures` are the runs that did not finish. */
export function summarizeVariant(variant: Variant, label: string, runs: PageRun[], failures: string[], isTheirs: (url: string) => boolean): VariantResult {
  const tasks = runs.map((run) => attributeLongTasks(run.longTasks, isTheirs));
  const of = (pick: (index: number) => number) => median(runs.map((_, index) => pick(index)));
  return {
    variant,
    label,
    runs,
    failures,
    median: {
      tbt: of((i) => runs[i]!.tbt),
      cls: of((i) => runs[i]!.cls),
      lcp: of((i) => runs[i]!.lcp),
      jsBytes: of((i) => runs[i]!.jsBytes),
      theirJsBytes: of((i) => runs[i]!.theirJsBytes),
      theirScripts: of((i) => runs[i]!.theirScripts),
      longTasks: of((i) => tasks[i]!.count),
      longestTask: of((i) => tasks[i]!.longest),
      theirLongTasks: of((i) => tasks[i]!.attributed.count),
      theirLongestTask: of((i) => tasks[i]!.attributed.longest),
    },
    worstTheirLongestTask: Math.max(0, ...tasks.map((task) => task.attributed.longest)),
    theirLongTaskUrls: [...new Set(tasks.flatMap((task) => task.attributed.urls))],
  };
}

const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KB` : 'n/a');
const msText = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const clsText = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');
const signed = (value: number, format: (value: number) => string) =>
  Number.isFinite(value) ? `${value > 0 ? '+' : value < 0 ? '-' : '±'}${format(Math.abs(value))}` : 'n/a';

/** A table as a header row and body rows of cells. */
export interface Table {
  head: string[];
  rows: string[][];
}

/** Renders `table` as aligned plain text. */
export function textTable(table: Table): string {
  const widths = table.head.map((_, column) => Math.max(...[table.head, ...table.rows].map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(table.head), widths.map((width) => '-'.repeat(width)).join('  '), ...table.rows.map(line)].join('\n');
}

/** Renders `table` as a Markdown table (first column left, the others right-aligned). */
export function markdownTable(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${table.head.map(escape).join(' | ')} |`,
    `|${table.head.map((_, column) => (column === 0 ? '---' : '---:')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** Page-load figures of every variant, each with its difference from the page without a widget. */
export function pageLoadTable(results: VariantResult[]): Table {
  const base = results.find((result) => result.variant === 'without');
  const cell = (result: VariantResult, value: (m: PageMedians) => number, format: (value: number) => string) => {
    const own = format(value(result.median));
    if (!base || result === base) return own;
    return `${own} (${signed(value(result.median) - value(base.median), format)})`;
  };
  const tasks = (count: number, longest: number) => (count > 0 ? `${count} (longest ${msText(longest)})` : '0');
  // The median hides a long task that happened in one run only; the worst run is shown beside it.
  const theirTasks = (result: VariantResult) => {
    const typical = tasks(result.median.theirLongTasks, result.median.theirLongestTask);
    return result.worstTheirLongestTask > result.median.theirLongestTask ? `${typical}; worst run ${msText(result.worstTheirLongestTask)}` : typical;
  };
  return {
    head: ['median', ...results.map((result) => result.label)],
    rows: [
      ['TBT', ...results.map((result) => cell(result, (m) => m.tbt, msText))],
      ['CLS', ...results.map((result) => cell(result, (m) => m.cls, clsText))],
      ['LCP', ...results.map((result) => cell(result, (m) => m.lcp, msText))],
      ['JS transferred', ...results.map((result) => cell(result, (m) => m.jsBytes, kb))],
      ['  of it the widget', ...results.map((result) => (result === base ? '–' : `${kb(result.median.theirJsBytes)} in ${result.median.theirScripts} files`))],
      ['long tasks', ...results.map((result) => tasks(result.median.longTasks, result.median.longestTask))],
      ['  caused by the widget', ...results.map((result) => (result === base ? '–' : theirTasks(result)))],
    ],
  };
}

/** Click-to-open medians, cold and warm. */
export function clickTable(clicks: ClickResult[]): Table {
  const cell = (side: ClickResult['cold']) => (side.runs.length ? `${msText(side.median)} (${side.runs.length} runs)` : `failed: ${side.failures[0] ?? 'no run'}`);
  return { head: ['click to open', 'cold cache', 'warm cache'], rows: clicks.map((click) => [click.label, cell(click.cold), cell(click.warm)]) };
}

/** Brotli size of each file a page can load, the groups the budgets count, and the locale packs. */
export function sizeTable(results: BenchResults): Table {
  const { files, loader, everything, locales, warnings, wheelAlone } = results.sizes;
  const byFile = new Map(files.map((size) => [size.file, size]));
  const chunkRows = everything.files.filter((file) => file !== loader.file).map((file) => [file, kb(byFile.get(file)?.brotli ?? Number.NaN)]);
  const localeSizes = locales.files.map((file) => byFile.get(file)?.brotli ?? 0);
  const rows = [
    [`${loader.file} (loader, every page)`, kb(loader.brotli)],
    ...chunkRows,
    ['everything a page can load (loader + all four widgets)', kb(everything.brotli)],
    ['the loader and the loyalty wheel alone, once open', kb(wheelAlone.brotli)],
    [
      `locale packs: ${locales.files.length} files of ${kb(Math.min(...localeSizes))}–${kb(Math.max(...localeSizes))}, one per widget and language (not counted)`,
      kb(locales.brotli),
    ],
    ['warning texts for merchants, loaded only when a config field or command is wrong (not counted)', kb(warnings.brotli)],
  ];
  if (results.comparison.present && results.comparison.brotli !== null) rows.push([`${results.comparison.package} ${results.comparison.version} (dist/spin-wheel-iife.js)`, kb(results.comparison.brotli)]);
  return { head: ['file', 'brotli'], rows };
}

/** The budgets and their verdicts. */
export function budgetTable(budgets: BudgetCheck[]): Table {
  return { head: ['budget', 'limit', 'measured', 'verdict'], rows: budgets.map((budget) => [budget.name, budget.limit, budget.actual, budget.pass ? 'pass' : 'OVER']) };
}

/** Side-by-side ratios of Regulars' wheel and the comparison wheel, or why there are none. */
export function comparisonLines(results: BenchResults): string[] {
  const { comparison } = results;
  if (!comparison.present) return [comparison.note];
  const wheelOnly = results.pageLoad.find((result) => result.variant === 'wheel-only');
  const spin = results.pageLoad.find((result) => result.variant === 'spin-wheel');
  const ourClick = results.clicks.find((click) => click.name === 'wheel');
  const theirClick = results.clicks.find((click) => click.name === 'spin-wheel');
  const ratio = (ours: number, theirs: number) => (Number.isFinite(ours) && Number.isFinite(theirs) && theirs > 0 ? `${(ours / theirs).toFixed(2)}x` : 'n/a');
  const lines = [`Regulars' loyalty wheel vs ${comparison.package} ${comparison.version} (${comparison.note}):`];
  if (wheelOnly && spin) {
    lines.push(
      `- JS transferred at page load: ${kb(wheelOnly.median.theirJsBytes)} vs ${kb(spin.median.theirJsBytes)} (${ratio(wheelOnly.median.theirJsBytes, spin.median.theirJsBytes)})`,
      `- TBT added: ${signed(wheelOnly.median.tbt - baseTbt(results), msText)} vs ${signed(spin.median.tbt - baseTbt(results), msText)}`,
    );
  }
  if (comparison.brotli !== null) lines.push(`- everything loaded once the wheel is open, brotli: ${kb(results.sizes.wheelAlone.brotli)} vs ${kb(comparison.brotli)} (${ratio(results.sizes.wheelAlone.brotli, comparison.brotli)})`);
  if (ourClick && theirClick) {
    lines.push(
      `- click to open, cold cache: ${msText(ourClick.cold.median)} vs ${msText(theirClick.cold.median)} (${ratio(ourClick.cold.median, theirClick.cold.median)})`,
      `- click to open, warm cache: ${msText(ourClick.warm.median)} vs ${msText(theirClick.warm.median)} (${ratio(ourClick.warm.median, theirClick.warm.median)})`,
    );
  }
  return lines;
}

function baseTbt(results: BenchResults): number {
  return results.pageLoad.find((result) => result.variant === 'without')?.median.tbt ?? Number.NaN;
}

/** The whole report as Markdown (bench/results.md). */
export function markdownReport(results: BenchResults): string {
  const { environment } = results;
  return [
    '# Regulars performance bench',
    '',
    `\`npm run bench\`, ${results.date}: \`${results.page}\` of the demo store, Lighthouse ${environment.lighthouse} with its mobile profile ` +
      `(simulated throttling), median of ${results.runsPerVariant} runs per page; Chromium ${environment.chromium}, Node ${environment.node}, ${environment.cpus} CPUs. ` +
      'Served from 127.0.0.1 the way a CDN serves the bundle: brotli, and a year of caching for the versioned files.',
    '',
    '## Page load',
    '',
    markdownTable(pageLoadTable(results.pageLoad)),
    '',
    'In brackets: the difference from the page without a widget. Long tasks are those Lighthouse lists (50 ms or more under its 4x CPU slowdown), ' +
      'attributed to a widget by the URL of the script that ran them.',
    '',
    '## Click to open',
    '',
    markdownTable(clickTable(results.clicks)),
    '',
    'From the click to the first frame showing the panel or dialog, measured in the page, with 4x CPU slowdown and 150 ms round trips. ' +
      'Cold: first visit, empty HTTP cache. Warm: a later visit, after one open, with the files in the HTTP cache.',
    '',
    '## Comparison',
    '',
    ...comparisonLines(results),
    '',
    '## Bundle (brotli, from dist/sizes.json)',
    '',
    markdownTable(sizeTable(results)),
    '',
    '## Budgets',
    '',
    markdownTable(budgetTable(results.budgets)),
    '',
    results.pass ? 'Every budget is met.' : 'At least one budget is exceeded: `npm run bench` exits with 1.',
    '',
  ].join('\n');
}
