import { useEffect, useRef } from 'preact/hooks';
import type { Translator } from '../../core/i18n';
import type { Card, RecentlyViewedModel } from './model';

/** The strip's image size in CSS pixels; styles.css sizes the image box to match. */
const IMAGE_SIZE = 144;

function cueText(card: Card, translator: Translator): string {
  if (!card.cue) return '';
  if (card.cue.kind === 'lowStock') return translator.t('lowStock', { count: card.cue.count });
  return translator.t(card.cue.kind);
}

/** Tells the model whether the strip is on screen at all, and when at least half of it first is. */
function useScreenPresence(element: { current: Element | null }, active: boolean, model: RecentlyViewedModel): void {
  useEffect(() => {
    const target = element.current;
    if (!active || !target) return;
    if (typeof IntersectionObserver !== 'function') return void model.seen();
    const observer = new IntersectionObserver(
      (entries) => {
        const entry = entries[entries.length - 1]!;
        model.onScreen(entry.isIntersecting);
        if (entry.isIntersecting && entry.intersectionRatio >= 0.5) model.seen();
      },
      { threshold: [0, 0.5] },
    );
    observer.observe(target);
    return () => {
      observer.disconnect();
      model.onScreen(false);
    };
  }, [active]);
}

function ProductCard({ card, model, translator }: { card: Card; model: RecentlyViewedModel; translator: Translator }) {
  const follow = () => model.open(card);
  return (
    <li class="card" role="listitem">
      <a href={card.url} onClick={follow} onAuxClick={(event) => event.button === 1 && follow()}>
        <span class="media">
          {card.image && <img src={card.image} alt="" width={IMAGE_SIZE} height={IMAGE_SIZE} loading="lazy" decoding="async" />}
        </span>
        <span class="name">{card.name}</span>
        <span class="price">
          {card.price}
          {card.was && (
            <s class="was">
              <span class="hidden">{translator.t('was')} </span>
              {card.was}
            </s>
          )}
        </span>
        <span class="cue">{card.cue && <span class="badge">{cueText(card, translator)}</span>}</span>
      </a>
    </li>
  );
}

/**
 * The recently-viewed strip. How it keeps layout shift at 0: the runtime mounts it only when
 * there is something to show, so an empty slot stays empty; it renders nothing until its data is
 * complete, then appears in one frame at its final height (352px: every card, image box and cue
 * line has a fixed size, no skeleton, lazy images carry width/height); and changes that would move
 * cards wait while it is on screen (see `show` in model.ts). The one move left is the insertion
 * itself, which pushes down what follows the slot: it counts only when the slot is on the first
 * screen, where docs/widgets/recently-viewed.md tells the merchant to reserve the 352px.
 */
export function RecentlyViewed({ model, translator }: { model: RecentlyViewedModel; translator: Translator }) {
  const section = useRef<HTMLElement>(null);
  const note = useRef<HTMLParagraphElement>(null);
  const cards = model.cards.value;
  const cleared = model.cleared.value;
  useScreenPresence(section, cards.length > 0, model);
  useEffect(() => {
    // The clear button is gone; the confirmation takes focus so keyboard users are not dropped to the page top.
    if (cleared) note.current?.focus();
  }, [cleared]);

  // The live region appears with the strip and outlives it, so "cleared" is announced reliably.
  if (!model.ready.value || (cards.length === 0 && !cleared)) return null;
  return (
    <>
      <div class="note" aria-live="polite">
        {cards.length === 0 && (
          <p ref={note} tabIndex={-1}>
            {translator.t('cleared')}
          </p>
        )}
      </div>
      {cards.length > 0 && (
        <section ref={section} class="strip" aria-labelledby="regulars-recently-viewed-title">
          <div class="head">
            <h2 id="regulars-recently-viewed-title">{translator.t('title')}</h2>
            <button type="button" onClick={() => void model.clear()}>
              {translator.t('clear')}
            </button>
          </div>
          <ul class="list" role="list" tabIndex={0} aria-label={translator.t('list')}>
            {cards.map((card) => (
              <ProductCard key={card.id} card={card} model={model} translator={translator} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
