import type { ResolvedConfig, WidgetName } from '../../types';

/** The height of the chat launcher's row: the 56px button and a 12px gap. */
const LAUNCHER_ROW = 68;
/** The height of the account prompt's one-line tab and a 12px gap. */
const TEASER_ROW = 56;

/**
 * How far above the bottom corner a widget's tab sits (`--regulars-tab-lift`), or null for a widget without one:
 * above the chat launcher, and the wheel's above the account prompt's tab too, but only where those are enabled,
 * so a tab never floats over an empty row.
 */
export function tabLift(name: WidgetName, config: Pick<ResolvedConfig, 'widgets' | 'options'>): number | null {
  if (name !== 'account-prompt' && name !== 'loyalty-wheel') return null;
  const launcher = config.widgets.includes('chat') ? LAUNCHER_ROW : 0;
  if (name === 'account-prompt') return launcher;
  const teaser = config.widgets.includes('account-prompt') && config.options['account-prompt']?.teaser !== false;
  return launcher + (teaser ? TEASER_ROW : 0);
}
