/**
 * What the configurator's live region says after a change: the problems of the fields just
 * changed, or that a field which had problems is fine now, each under the label the merchant sees
 * rather than the config path. Pure, so what a screen reader hears is tested without one.
 */
import type { SnippetProblem } from './configurator-snippet';

/** The problems shown next to each field, by field name. */
export type ShownProblems = ReadonlyMap<string, readonly SnippetProblem[]>;

/**
 * A problem as the live region says it: after the label of the control it is shown by, and with
 * its own field only when that is not the control's (a warning about a part of a section).
 */
export function spokenProblem(label: string, field: string, problem: SnippetProblem): string {
  return `${problem.field === field ? label : `${label}, ${problem.field}`}: ${problem.problem}. ${problem.fix}`;
}

const said = (problems: readonly SnippetProblem[] | undefined) => JSON.stringify(problems?.map((problem) => [problem.field, problem.problem, problem.fix]) ?? []);

/**
 * The lines to announce after a change to `fields`: each problem shown for them now, one line
 * each, and a line for each of them whose problems went; nothing when they had none and have none.
 * `related` fields (another text row, whose problems a row's change may settle or start) are
 * said only when their problems changed.
 */
export function announcement(fields: readonly string[], before: ShownProblems, now: ShownProblems, label: (field: string) => string, related: readonly string[] = []): string[] {
  const lines: string[] = [];
  for (const field of [...fields, ...related.filter((other) => !fields.includes(other))]) {
    if (!fields.includes(field) && said(before.get(field)) === said(now.get(field))) continue;
    const current = now.get(field) ?? [];
    if (current.length) lines.push(...current.map((problem) => spokenProblem(label(field), field, problem)));
    else if (before.get(field)?.length) lines.push(`${label(field)}: fine now.`);
  }
  return lines;
}
