/**
 * The demo store's "Add to bag" buttons. The demo has no cart and must never look as if it takes an
 * order, so a click only confirms in the buy box's status line and tells Regulars, as a merchant's
 * theme would, through the public `track` command.
 */

/** Confirms an add-to-bag click in its buy box and reports it to Regulars when the bundle is there. */
export function addToBag(button: HTMLElement): void {
  const box = button.closest('.buy');
  const status = box?.querySelector('.buy__status');
  if (!box || !status) return;
  const name = button.dataset.demoProductName ?? 'This item';
  const size = Array.from(box.querySelectorAll<HTMLInputElement>('input[name="size"]')).find((input) => input.checked)?.value;
  const quantity = Number(box.querySelector<HTMLSelectElement>('select[name="quantity"]')?.value ?? 1);
  const inBag = Number(button.dataset.demoInBag ?? 0) + quantity;
  button.dataset.demoInBag = String(inBag);
  // The running total makes every message differ, so screen readers announce each click, not just the first.
  status.textContent = `Added ${quantity} × ${name}${size ? ` (size ${size})` : ''} to your bag, ${inBag} in total. This is a demo store: nothing is charged.`;
  window.regulars?.('track', 'added_to_bag', { name, quantity, ...(size ? { size } : {}) });
}

document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-demo-add-to-bag]') : null;
  if (button) addToBag(button);
});
