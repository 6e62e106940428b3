/**
 * `GET /health`: whether the endpoint can reach its store, for load balancers and uptime checks.
 * 200 `{ "status": "ok" }` when the store answers within a bound, 503 otherwise.
 */
import { json } from './http';
import type { EndpointStore } from './store';

/** How long the store may take to answer a health check. */
export const HEALTH_TIMEOUT_MS = 2_000;

/** Answers the health of `store`. */
export async function healthResponse(store: EndpointStore, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
  });
  try {
    await Promise.race([store.ping(), timedOut]);
    return json(200, { status: 'ok' });
  } catch {
    return json(
      503,
      { status: 'unavailable', error: { code: 'unavailable', message: 'The endpoint cannot reach its store.' } },
      { 'retry-after': '5' },
    );
  } finally {
    clearTimeout(timer);
  }
}
