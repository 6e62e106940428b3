/**
 * Long tasks as Lighthouse reports them (each attributed to the script URL it ran, or to the page),
 * summed up for the whole page and for the bundle's own files.
 */

/** One main-thread task of 50 ms or more, with the URL Lighthouse attributes it to. */
export interface LongTask {
  url: string;
  /** Milliseconds (simulated under Lighthouse's mobile throttling). */
  duration: number;
  startTime: number;
}

/** How many long tasks a page had and how long the longest was, in all and caused by one party's scripts. */
export interface LongTaskSummary {
  count: number;
  longest: number;
  attributed: { count: number; longest: number; urls: string[] };
}

/** Whether `url` is served from under `pathPrefix` (such as `/dist/`), whatever the origin; "Unattributable" is not. */
export function isServedUnder(url: string, pathPrefix: string): boolean {
  try {
    return new URL(url).pathname.startsWith(pathPrefix);
  } catch {
    return false;
  }
}

/** Summarizes `tasks`, attributing to the party those whose URL `isTheirs` accepts. */
export function attributeLongTasks(tasks: readonly LongTask[], isTheirs: (url: string) => boolean): LongTaskSummary {
  const theirs = tasks.filter((task) => isTheirs(task.url));
  const longest = (list: readonly LongTask[]) => list.reduce((max, task) => Math.max(max, task.duration), 0);
  return {
    count: tasks.length,
    longest: longest(tasks),
    attributed: { count: theirs.length, longest: longest(theirs), urls: [...new Set(theirs.map((task) => task.url))] },
  };
}
