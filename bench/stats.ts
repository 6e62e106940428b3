/** The median of the finite numbers in `values` (the mean of the middle two for an even count); NaN when there are none. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  if (!finite.length) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of each numeric field over `runs`. */
export function medianOf<T extends Record<string, number>>(runs: readonly T[], fields: readonly (keyof T)[]): Record<keyof T, number> {
  return Object.fromEntries(fields.map((field) => [field, median(runs.map((run) => run[field]!))])) as Record<keyof T, number>;
}
