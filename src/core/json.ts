/**
 * JSON.stringify that survives pages whose libraries (old Prototype.js, some polyfills) added
 * `Array.prototype.toJSON`, which would otherwise turn every array into a string.
 */
export function stringify(value: unknown): string {
  const proto = Array.prototype as unknown as { toJSON?: unknown };
  const own = Object.prototype.hasOwnProperty.call(proto, 'toJSON');
  const saved = proto.toJSON;
  if (own) delete proto.toJSON;
  try {
    return JSON.stringify(value);
  } finally {
    if (own) proto.toJSON = saved;
  }
}
