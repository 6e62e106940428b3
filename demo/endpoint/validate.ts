/**
 * Field readers for request bodies: each returns the typed value or throws a 400
 * whose message names the field, so a client developer sees exactly what to fix.
 */
import { HttpError } from './http';

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

interface StringRule {
  max: number;
  /** Field path used in the error message, such as `events[3].type`. */
  path: string;
}

function invalid(path: string, expectation: string): HttpError {
  return new HttpError(400, 'invalid_request', `${path} ${expectation}.`);
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an object-valued field. */
export function requireObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalid(path, 'must be an object');
  return value;
}

/** Reads a required non-blank string of at most `rule.max` characters. */
export function requireString(value: unknown, rule: StringRule): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(rule.path, 'must be a non-empty string');
  if (value.length > rule.max) throw invalid(rule.path, `must be at most ${rule.max} characters`);
  return value;
}

/** Reads an optional string; `undefined` and `null` both mean absent. */
export function optionalString(value: unknown, rule: StringRule): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(rule.path, 'must be a string');
  if (value.length > rule.max) throw invalid(rule.path, `must be at most ${rule.max} characters`);
  return value;
}

/** Reads a required boolean. */
export function requireBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw invalid(path, 'must be true or false');
  return value;
}

/** Reads an ISO 8601 timestamp string. */
export function requireTimestamp(value: unknown, path: string): string {
  const text = requireString(value, { path, max: 40 });
  if (Number.isNaN(Date.parse(text))) throw invalid(path, 'must be an ISO 8601 timestamp');
  return text;
}

/** Longest anonymous shopper id accepted; the bundle's ids are UUIDs. */
const SHOPPER_MAX = 128;

/** Reads the anonymous shopper id every request carries. */
export function requireShopper(value: unknown, path = 'shopper'): string {
  return requireString(value, { path, max: SHOPPER_MAX });
}

// Deliberately loose: one "@", no spaces, a dot in the domain. Stricter patterns reject real addresses;
// the verification email is the real test.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

/** Reads an email address and normalizes it (trimmed, lower case) so one person is one key. */
export function requireEmail(value: unknown, path = 'email'): string {
  if (typeof value !== 'string' || !EMAIL_PATTERN.test(value.trim()) || value.trim().length > 254) {
    throw new HttpError(400, 'invalid_email', `${path} must be a valid email address.`);
  }
  return value.trim().toLowerCase();
}

/** Reads an optional email address (absent, null or empty string mean none). */
export function optionalEmail(value: unknown, path = 'email'): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return requireEmail(value, path);
}

/** Reads an array of at most `max` items; a longer one is refused with `tooManyCode` so clients can split it. */
export function requireArray(value: unknown, path: string, max: number, tooManyCode: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be an array');
  if (value.length > max) throw new HttpError(400, tooManyCode, `${path} holds ${value.length} items; send at most ${max}.`);
  return value;
}
