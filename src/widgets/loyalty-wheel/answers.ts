/**
 * Shape checks of the endpoint's wheel answers. The endpoint may answer anything, so each reader
 * returns a typed value or null, and a spin is only ever a win when its answer is well formed.
 */
import { parseColor, type Rgb } from './colors';

/** One slice of the wheel as the widget draws it. */
export interface Segment {
  id: string;
  label: string;
  /** The segment's own colour when the endpoint gave a usable one. */
  color: Rgb | null;
}

/** What `GET /wheel` said, checked. */
export interface WheelInfo {
  available: boolean;
  segments: Segment[];
  requiresEmail: boolean;
  /** Epoch milliseconds from which the shopper may spin again, when the endpoint said. */
  retryAt: number | null;
  /** The endpoint says this shopper already spun (the reference endpoint repeats that spin as `previous`). */
  spun: boolean;
  /** The shopper's earlier spin, when the endpoint repeats it (its answer may have been lost on the way). */
  previous: SpinResult | null;
}

/** A prize the endpoint handed out. */
export interface Prize {
  label: string;
  code: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What `POST /wheel/spin` said, checked against the wheel on screen. */
export interface SpinResult {
  /** Index of the winning segment in `WheelInfo.segments`. */
  index: number;
  prize: Prize | null;
}

/** More slices than this cannot carry a readable label. */
const MAX_SEGMENTS = 24;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value.trim() !== '' && value.length <= max ? value.trim() : null;
}

/** Reads an ISO 8601 time as epoch milliseconds. */
export function readTime(value: unknown): number | null {
  const time = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : null;
}

/** Checks a `GET /wheel` answer: 2 to 24 segments with unique ids and labels. */
export function readWheel(value: unknown, now: number): WheelInfo | null {
  if (!isRecord(value) || typeof value.available !== 'boolean' || !Array.isArray(value.segments)) return null;
  const segments: Segment[] = [];
  for (const item of value.segments) {
    if (!isRecord(item)) return null;
    const id = text(item.id, 64);
    const label = text(item.label, 80);
    if (!id || !label || segments.some((segment) => segment.id === id)) return null;
    segments.push({ id, label, color: parseColor(item.color) });
  }
  if (value.available && (segments.length < 2 || segments.length > MAX_SEGMENTS)) return null;
  return {
    available: value.available,
    segments,
    requiresEmail: value.requiresEmail === true,
    retryAt: readTime(value.retryAt),
    spun: !value.available && isRecord(value.previous),
    previous: value.available ? null : readSpin(value.previous, segments, now),
  };
}

/** Checks a `POST /wheel/spin` answer: a segment of this wheel, and a prize that is complete and not yet expired, or null. */
export function readSpin(value: unknown, segments: Segment[], now: number): SpinResult | null {
  if (!isRecord(value) || !('prize' in value)) return null;
  const index = segments.findIndex((segment) => segment.id === value.segment);
  if (index < 0) return null;
  if (value.prize === null) return { index, prize: null };
  const prize = readPrize(value.prize);
  return prize && prize.expiresAt > now ? { index, prize } : null;
}

/** Checks a prize (from the endpoint, or as kept in storage). */
export function readPrize(value: unknown): Prize | null {
  if (!isRecord(value)) return null;
  const label = text(value.label, 120);
  const code = text(value.code, 64);
  const expiresAt = typeof value.expiresAt === 'number' ? value.expiresAt : readTime(value.expiresAt);
  return label && code && expiresAt !== null ? { label, code, expiresAt } : null;
}
