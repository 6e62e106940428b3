import { h, render } from 'preact';
import { loadTranslator } from '../../core/i18n';
import { dialogStyles } from '../../ui/Dialog';
import type { MountWidget } from '../../types';
import { LoyaltyWheel } from './Component';
import en from './locales/en';
import { createWheelModel } from './model';
import { readOptions } from './options';
import css from './styles.css?inline';

/** Mounts the loyalty wheel: the dialog when a trigger or the host page opens it, the coupon reminder tab on later pages. */
const mountLoyaltyWheel: MountWidget = async (context) => {
  // The runtime reports a missing endpoint and skips the wheel; this guard only keeps a direct mount harmless.
  if (!context.endpoint) return { unmount() {} };
  const options = readOptions(context);
  const translator = await loadTranslator(context.config, en, import.meta.glob<{ default: typeof en }>(['./locales/*.ts', '!./locales/en.ts', '!./locales/*.test.ts']), 'loyaltyWheel');
  context.adoptStyles(dialogStyles);
  context.adoptStyles(css);
  const model = createWheelModel(context);
  render(h(LoyaltyWheel, { model, translator, options }), context.root);
  await model.start(context.reason);
  return {
    unmount() {
      model.dispose();
      render(null, context.root);
    },
    open: model.open,
    close: model.close,
  };
};

export default mountLoyaltyWheel;
