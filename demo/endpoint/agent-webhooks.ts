/**
 * The agent routes for webhook deliveries the endpoint gave up on: `GET /agent/webhooks` shows
 * them, `POST /agent/webhooks/resend` queues them again. They live in the running server because a
 * PGlite data directory admits one process: while the server runs, no command can open it.
 */
import { requireAgent } from './agent';
import type { RouteContext } from './context';
import { HttpError, json } from './http';
import { requireTimestamp } from './validate';
import type { GivenUpSummary, GivenUpWebhooks } from './webhook-queue';

function givenUpWebhooksOf(context: RouteContext): GivenUpWebhooks {
  requireAgent(context);
  const webhooks = context.options.webhooks;
  if (webhooks === null) throw new HttpError(404, 'not_found', 'The outbound webhook is not configured here.');
  return webhooks;
}

function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

/** The summary as JSON, times as ISO 8601 strings. */
export function givenUpJson(summary: GivenUpSummary): Record<string, unknown> {
  return {
    count: summary.count,
    oldestReceivedAt: isoOrNull(summary.oldestReceivedAt),
    newestReceivedAt: isoOrNull(summary.newestReceivedAt),
    firstGivenUpAt: isoOrNull(summary.firstGivenUpAt),
    lastGivenUpAt: isoOrNull(summary.lastGivenUpAt),
    lastError: summary.lastError,
  };
}

/** Answers how many deliveries were given up, when, and the latest reason. */
export async function getGivenUpWebhooks(context: RouteContext): Promise<Response> {
  const webhooks = givenUpWebhooksOf(context);
  return json(200, { givenUp: givenUpJson(await webhooks.givenUp()) });
}

/** Queues the given-up deliveries again (those given up at or after the body's `since`, when given); answers how many. */
export async function postWebhookResend(context: RouteContext): Promise<Response> {
  const webhooks = givenUpWebhooksOf(context);
  const body = await context.body();
  const since = body.since === undefined || body.since === null ? undefined : Date.parse(requireTimestamp(body.since, 'since'));
  const resent = await webhooks.resend(since === undefined ? {} : { since });
  return json(200, { resent });
}
