/**
 * The configurator page script: loads the bundle's config schema from the build (`/dist/config.js`,
 * the same validation the loader runs) and starts the configurator with it.
 */
import { findConfiguratorElements, startConfigurator, type ConfigSchema } from './configurator-page';

/** Built by `npm run build` beside `regulars.js`; a variable, so the page imports it at run time. */
const SCHEMA_MODULE = '/dist/config.js';

const ui = findConfiguratorElements(document);
if (ui) {
  import(SCHEMA_MODULE)
    .then((schema: ConfigSchema) => {
      let storage: Storage | null = null;
      try {
        storage = sessionStorage;
      } catch {
        // Without session storage the preview cannot receive the config; the snippet still works.
      }
      return startConfigurator(document, ui, schema, {
        fetcher: (input, init) => fetch(input, init),
        subtle: globalThis.crypto?.subtle,
        storage,
        clipboard: navigator.clipboard,
        pageUrl: location.href,
      });
    })
    .catch((error: unknown) => {
      ui.status.textContent = `The configurator could not start: ${error instanceof Error ? error.message : String(error)}. Run npm run build, then reload.`;
    });
}
