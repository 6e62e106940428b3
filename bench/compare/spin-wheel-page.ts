/**
 * The comparison widget on the demo page: the `spin-wheel` package (its IIFE build, loaded by a
 * classic script as its README suggests) behind the least a merchant must add for a prize wheel:
 * a launcher button and a modal dialog holding the wheel, drawn on first open with the demo wheel's
 * six segments. Served by the bench server only; no demo page loads it.
 */

interface SpinWheelItem {
  label: string;
  backgroundColor: string;
  labelColor: string;
}

interface SpinWheel {
  spinToItem(index: number, duration: number): void;
}

type SpinWheelLibrary = { Wheel: new (container: Element, props: { items: SpinWheelItem[]; itemLabelRadiusMax: number }) => SpinWheel };

const SEGMENTS: [string, string, string][] = [
  ['10% off', '#1f6f5c', '#ffffff'],
  ['Next time', '#d9d2c5', '#1b1b1b'],
  ['Free shipping', '#c2693e', '#ffffff'],
  ['20% off', '#24405f', '#ffffff'],
  ['So close', '#e8e1d4', '#1b1b1b'],
  ['Free beanie', '#8a3b52', '#ffffff'],
];

const STYLES = `
.bench-spin-wheel-launcher { position: fixed; right: 16px; bottom: 16px; z-index: 10; padding: 12px 16px; border: 0;
  border-radius: 999px; background: #1f6f5c; color: #fff; font: 600 15px/1 system-ui, sans-serif; }
.bench-spin-wheel { width: min(92vw, 360px); border: 0; border-radius: 12px; padding: 16px; font: 15px/1.4 system-ui, sans-serif; }
.bench-spin-wheel::backdrop { background: rgb(0 0 0 / 0.4); }
.bench-spin-wheel__disc { width: 100%; aspect-ratio: 1; }
.bench-spin-wheel__actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 12px; }
`;

function start(library: SpinWheelLibrary): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const dialog = document.createElement('dialog');
  dialog.className = 'bench-spin-wheel';
  dialog.setAttribute('aria-labelledby', 'bench-spin-wheel-title');
  const title = document.createElement('h2');
  title.id = 'bench-spin-wheel-title';
  title.textContent = 'Spin to win';
  const disc = document.createElement('div');
  disc.className = 'bench-spin-wheel__disc';
  const actions = document.createElement('div');
  actions.className = 'bench-spin-wheel__actions';
  const spin = document.createElement('button');
  spin.type = 'button';
  spin.textContent = 'Spin the wheel';
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  actions.append(spin, close);
  dialog.append(title, disc, actions);

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'bench-spin-wheel-launcher';
  launcher.textContent = 'Spin to win';
  document.body.append(launcher, dialog);

  let wheel: SpinWheel | null = null;
  launcher.addEventListener('click', () => {
    dialog.showModal();
    wheel ??= new library.Wheel(disc, {
      items: SEGMENTS.map(([label, backgroundColor, labelColor]) => ({ label, backgroundColor, labelColor })),
      itemLabelRadiusMax: 0.4,
    });
  });
  spin.addEventListener('click', () => wheel?.spinToItem(Math.floor(Math.random() * SEGMENTS.length), 4000));
  close.addEventListener('click', () => dialog.close());
}

// The library's classic script is deferred, so it has run before this module does.
const library = (window as unknown as { spinWheel?: SpinWheelLibrary }).spinWheel;
if (library) start(library);
else console.error('spin-wheel did not load');

// A module (the page loads it with type="module"): its names stay out of the page's global scope.
export {};
