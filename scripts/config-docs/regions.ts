/**
 * Rewrites the generated regions of a Markdown document, `<!-- generated: NAME -->` up to
 * `<!-- /generated -->`, and leaves every other line as it is, so hand-written prose can sit
 * between the tables.
 */

const REGION = /^<!-- generated: ([\w-]+) -->\n[\s\S]*?^<!-- \/generated -->$/gm;

/** Replaces each region's content with what `regions[NAME]` renders, requiring every known region exactly once. */
export function replaceGeneratedRegions(markdown: string, regions: Record<string, () => string>): string {
  // A renamed or deleted marker must fail loudly rather than leave a stale table behind.
  const seen = new Map<string, number>();
  const result = markdown.replace(REGION, (_whole, name: string) => {
    const render = Object.hasOwn(regions, name) ? regions[name] : undefined;
    if (!render) throw new Error(`Unknown generated region "${name}"; the generator knows ${Object.keys(regions).join(', ')}`);
    seen.set(name, (seen.get(name) ?? 0) + 1);
    return `<!-- generated: ${name} -->\n${render().trim()}\n\n<!-- /generated -->`;
  });
  for (const name of Object.keys(regions)) {
    const count = seen.get(name) ?? 0;
    if (count !== 1) throw new Error(`Expected one <!-- generated: ${name} --> region ending in <!-- /generated -->, found ${count}`);
  }
  return result;
}
