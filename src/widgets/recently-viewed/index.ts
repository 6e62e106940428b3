import { h, render } from 'preact';
import { loadTranslator } from '../../core/i18n';
import type { MountWidget } from '../../types';
import { RecentlyViewed } from './Component';
import en from './locales/en';
import { createRecentlyViewedModel } from './model';
import { readOptions } from './options';
import css from './styles.css?inline';

/** Mounts the recently-viewed strip into its slot; it stays empty while there is nothing to show. */
const mountRecentlyViewed: MountWidget = async (context) => {
  const options = readOptions(context.options, context.warn);
  const translator = await loadTranslator(context.config, en, import.meta.glob<{ default: typeof en }>(['./locales/*.ts', '!./locales/en.ts', '!./locales/*.test.ts']), 'recentlyViewed');
  context.adoptStyles(css);
  const model = createRecentlyViewedModel(context, options, translator);
  render(h(RecentlyViewed, { model, translator }), context.root);
  void model.load();
  return {
    unmount() {
      model.dispose();
      render(null, context.root);
    },
    // Another page, or this page's product found: the strip leaves out a different product now.
    refresh: () => void model.load(),
  };
};

export default mountRecentlyViewed;
