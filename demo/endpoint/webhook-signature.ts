/**
 * Signatures of the outbound webhook: `Regulars-Signature: t=<unix seconds>,v1=<hex>` where the hex
 * is HMAC-SHA256 of `${t}.${body}` with the shared webhook secret. Signing the time with the body
 * lets a receiver refuse an old request replayed by someone who recorded it.
 */
import { constantTimeEqual, hmacSha256Hex } from './auth';

/** The header that carries the signature. */
export const SIGNATURE_HEADER = 'Regulars-Signature';

/** How old a signed request a receiver accepts by default, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** The `Regulars-Signature` value of `body` sent at `timestamp` (unix seconds). */
export async function signWebhookBody(secret: string, body: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacSha256Hex(secret, `${timestamp}.${body}`)}`;
}

/** Options of `verifyWebhookSignature`. */
export interface VerifyOptions {
  /** Now, in epoch milliseconds (default `Date.now()`). */
  now?: number;
  /** Largest accepted age (or clock skew) of the timestamp, in seconds (default 300). */
  toleranceSeconds?: number;
}

/**
 * True when `header` is a valid signature of the exact `body` bytes (as text) by `secret`, made
 * within the tolerance. Any `v1` entry may match, so a sender can sign with two secrets while rotating.
 */
export async function verifyWebhookSignature(secret: string, header: string | null, body: string, options: VerifyOptions = {}): Promise<boolean> {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && value !== undefined) signatures.push(value.toLowerCase());
  }
  if (timestamp === null || signatures.length === 0) return false;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = await hmacSha256Hex(secret, `${timestamp}.${body}`);
  let matched = false;
  // Every candidate is compared, so timing does not tell which one matched.
  for (const signature of signatures) matched = constantTimeEqual(signature, expected) || matched;
  return matched;
}
