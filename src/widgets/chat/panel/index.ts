import { h } from 'preact';
import type { WidgetContext } from '../../../types';
import type { ChatShell, PanelControl } from '../shell';
import { createChatModel } from './model';
import { Panel } from './Panel';
import css from './styles.css?inline';

/** Starts the panel: adds its styles, creates the model (delivery and polling begin) and hands the view to the launcher. */
export function startPanel(context: WidgetContext, shell: ChatShell): PanelControl {
  context.adoptStyles(css);
  const model = createChatModel(context, shell);
  shell.Panel.value = function ChatPanel() {
    return h(Panel, { model, shell });
  };
  return { open: model.open, close: model.close, refresh: model.refresh, stop: model.stop };
}
