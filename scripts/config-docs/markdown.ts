/** The Markdown the docs generator writes: tables, code spans, plain text and heading anchors. */

/** A GitHub-flavoured table; a cell's `|` is escaped so it stays inside its column. */
export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((text) => text.replace(/\s+/g, ' ').replace(/(?<!\\)\|/g, '\\|')).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `text` as a code span, fenced with enough backticks for the ones inside it. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return longest ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** Shopper-facing text shown as written: Markdown's own characters are escaped. */
export function plainText(text: string): string {
  return text.replace(/[\\`*_<>[\]|]/g, '\\$&');
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchor of every heading in a document, outside fenced code, numbered as GitHub numbers repeats. */
export function documentAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const anchor = headingAnchor(heading[1]);
    let unique = anchor;
    for (let repeat = 1; anchors.has(unique); repeat++) unique = `${anchor}-${repeat}`;
    anchors.add(unique);
  }
  return anchors;
}
