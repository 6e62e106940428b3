/**
 * What the configurator's live region says after a change: the problems of the fields just
 * changed, or that a field which had problems is fine now. Pure, so what a screen reader hears is
 * tested without one.
 */

/** The problems shown next to each field, by field name. */
export type ShownProblems = ReadonlyMap<string, readonly string[]>;

/**
 * The lines to announce after a change to `fields`: each problem shown for them now, one line
 * each, and a line for each of them whose problems went; nothing when they had none and have none.
 */
export function announcement(fields: readonly string[], before: ShownProblems, now: ShownProblems): string[] {
  const lines: string[] = [];
  for (const field of fields) {
    const current = now.get(field) ?? [];
    if (current.length) lines.push(...current);
    else if (before.get(field)?.length) lines.push(`${field}: fine now.`);
  }
  return lines;
}
