import { h, render } from 'preact';
import { loadTranslator } from '../../core/i18n';
import type { MountWidget } from '../../types';
import { dialogStyles } from '../../ui/Dialog';
import { AccountPrompt } from './Component';
import en from './locales/en';
import { createAccountPromptModel } from './model';
import { parseOptions } from './options';
import css from './styles.css?inline';

/** Mounts the account prompt: the dialog when a trigger fired or the host page asked, the teaser tab on pinned pages. */
const mountAccountPrompt: MountWidget = async (context) => {
  const options = parseOptions(context.options, context.warn, location.href);
  if (!context.endpoint) {
    context.warn('endpoint', 'account-prompt-endpoint');
    return { unmount() {} };
  }
  const i18n = await loadTranslator(context.config, en, import.meta.glob<{ default: typeof en }>(['./locales/*.ts', '!./locales/en.ts', '!./locales/*.test.ts']), 'accountPrompt');
  const model = createAccountPromptModel(context, options);
  context.adoptStyles(dialogStyles);
  context.adoptStyles(css);
  if (context.reason === 'trigger' || context.reason === 'command') model.open(context.reason);
  else model.showTeaser();
  render(h(AccountPrompt, { model, i18n, options }), context.root);
  return {
    unmount() {
      render(null, context.root);
      model.dispose();
    },
    open: () => void model.open('command'),
    close: () => model.close(false),
  };
};

export default mountAccountPrompt;
