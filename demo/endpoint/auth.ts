/**
 * Secret checks of the reference endpoint, on Web Crypto so the handler runs on any
 * Fetch runtime: HMAC-SHA256 (identity hashes, webhook signatures) and the agent inbox's bearer token.
 */

const encoder = new TextEncoder();

/** Compares two strings in time that depends only on their lengths, so a guess leaks nothing through timing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

/** Lower-case hex HMAC-SHA256 of `message` with `secret`. */
export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(signature, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The identity hash of `customer`: lower-case hex HMAC-SHA256 with the merchant's secret, as the merchant's server computes it. */
export function computeIdentityHash(secret: string, customer: string): Promise<string> {
  return hmacSha256Hex(secret, customer);
}

/** True when `identityHash` proves the merchant's server vouched for `customer`. */
export async function identityHashMatches(secret: string, customer: string, identityHash: string): Promise<boolean> {
  return constantTimeEqual(await computeIdentityHash(secret, customer), identityHash.trim().toLowerCase());
}

/** True when the request carries `Authorization: Bearer <token>`. */
export function bearerMatches(request: Request, token: string): boolean {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match !== null && constantTimeEqual(match[1]!, token);
}
