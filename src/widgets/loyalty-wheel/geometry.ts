/**
 * Wheel geometry in a 200 by 200 SVG box centred on 0,0. Angles are degrees clockwise from the top,
 * where the pointer sits.
 */

/** Radius of the wheel in SVG units. */
export const RADIUS = 96;

/** Full turns the wheel makes before it settles. */
const TURNS = 5;

function point(angle: number, radius: number): string {
  const radians = (angle * Math.PI) / 180;
  return `${(radius * Math.sin(radians)).toFixed(2)} ${(-radius * Math.cos(radians)).toFixed(2)}`;
}

/** The SVG path of slice `index` of `count`. */
export function slicePath(index: number, count: number): string {
  const size = 360 / count;
  const large = size > 180 ? 1 : 0;
  return `M0 0L${point(index * size, RADIUS)}A${RADIUS} ${RADIUS} 0 ${large} 1 ${point((index + 1) * size, RADIUS)}Z`;
}

/** The angle of the middle of slice `index`. */
export function sliceCentre(index: number, count: number): number {
  return (index + 0.5) * (360 / count);
}

/**
 * The rotation that brings slice `index` under the pointer after several turns forward from `from`.
 * `offset` in [-0.5, 0.5) moves the resting point inside the slice so the wheel does not always stop dead centre.
 */
export function landingRotation(from: number, index: number, count: number, offset: number): number {
  const target = 360 - sliceCentre(index, count) - offset * 0.7 * (360 / count);
  const start = from - (((from % 360) + 360) % 360);
  return start + TURNS * 360 + target;
}

/** Where slice `index` of a wheel turned by `rotation` sits, as an angle from 0 to 360. */
export function restingAngle(rotation: number, index: number, count: number): number {
  return (((sliceCentre(index, count) + rotation) % 360) + 360) % 360;
}
