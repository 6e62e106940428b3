import type { Segment } from './answers';
import { labelColor, segmentFill } from './colors';
import { RADIUS, sliceCentre, slicePath } from './geometry';

/** Props of `Wheel`. */
export interface WheelProps {
  segments: Segment[];
  /** Degrees the wheel is turned. */
  rotation: number;
  /** Whether the wheel eases to `rotation` (a CSS transition) or is simply there. */
  animating: boolean;
  /** Accessible description, naming every prize. */
  label: string;
  /** The wheel came to rest. */
  onSettled(): void;
}

// Longer labels would shrink below a readable size on a phone.
const LONGEST_LABEL = 18;

function shorten(label: string): string {
  return label.length > LONGEST_LABEL ? label.slice(0, LONGEST_LABEL - 1).trimEnd() + '…' : label;
}

/**
 * The wheel as SVG: one slice per segment with its label as text. It turns by a CSS transform
 * transition on its own layer, so the browser animates it without any script per frame.
 */
export function Wheel({ segments, rotation, animating, label, onSettled }: WheelProps) {
  const count = segments.length;
  return (
    <div class="wheel">
      <div
        class={animating ? 'disc turning' : 'disc'}
        style={{ transform: `rotate(${rotation}deg)` }}
        onTransitionEnd={(event) => event.target === event.currentTarget && onSettled()}
      >
        <svg viewBox="-100 -100 200 200" role="img" aria-label={label}>
          {segments.map((segment, index) => {
            const fill = segmentFill(segment.color, index, count);
            const centre = sliceCentre(index, count);
            const text = shorten(segment.label);
            // Labels on the left half are turned half a turn more, so no label is upside down.
            const flip = centre > 180;
            // The label runs along the radius from the hub (r 18) to the rim (r 90); bold glyphs average about 0.66 em.
            const size = Math.max(6, Math.min(13, 72 / (text.length * 0.66), 230 / count));
            return (
              <g key={segment.id}>
                <path d={slicePath(index, count)} fill={`rgb(${fill})`} />
                <text
                  transform={`rotate(${(flip ? centre + 90 : centre - 90).toFixed(2)}) translate(${flip ? -54 : 54} 0)`}
                  fill={labelColor(fill)}
                  font-size={size.toFixed(1)}
                  text-anchor="middle"
                  dominant-baseline="central"
                >
                  {text}
                </text>
              </g>
            );
          })}
          <circle r="11" class="hub" />
          <circle r={RADIUS} class="rim" />
        </svg>
      </div>
      <svg class="pointer" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M3 2h18L12 22z" />
      </svg>
    </div>
  );
}
