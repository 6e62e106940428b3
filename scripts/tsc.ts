import { fileURLToPath } from 'node:url';

/**
 * The TypeScript 7 compiler's script. Called by path, not as `npx tsc`: the `typescript5` package
 * (the compiler API the docs generator reads types with) has a `tsc` command too, and npm may link
 * either one.
 */
export const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
