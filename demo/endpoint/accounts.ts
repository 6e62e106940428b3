/**
 * `POST /accounts`: the account prompt's sign-up. One account per email; a repeated
 * sign-up answers `exists` (or `verification_sent` again while the first is unconfirmed).
 */
import type { RouteContext } from './context';
import { HttpError, json } from './http';
import { optionalString, requireBoolean, requireEmail, requireObject, requireShopper, requireString } from './validate';

/** The status `POST /accounts` answers. */
export type AccountStatus = 'created' | 'exists' | 'verification_sent';

/** Reads the optional name; a wrong one answers `invalid_name`, so the prompt can show the problem at its name field. */
function readName(value: unknown): string | undefined {
  try {
    return optionalString(value, { path: 'name', max: 100 })?.trim();
  } catch (error) {
    if (error instanceof HttpError) throw new HttpError(400, 'invalid_name', error.message);
    throw error;
  }
}

/** Creates a customer account from the account prompt. */
export async function postAccount(context: RouteContext): Promise<Response> {
  await context.limit('accounts');
  const body = await context.body();
  const shopper = requireShopper(body.shopper);
  const email = requireEmail(body.email);
  const name = readName(body.name);
  const consent = requireObject(body.consent, 'consent');
  const marketingConsent = requireBoolean(consent.marketing, 'consent.marketing');
  const source = requireString(body.source, { path: 'source', max: 64 });
  const verifyEmails = context.options.verifyEmails;

  const result = await context.options.store.createAccount({
    email,
    ...(name ? { name } : {}),
    shopper,
    marketingConsent,
    source,
    verified: !verifyEmails,
    createdAt: context.now,
  });
  let status: AccountStatus;
  if (result.status === 'created') status = verifyEmails ? 'verification_sent' : 'created';
  else status = result.account.verified ? 'exists' : 'verification_sent';
  return json(200, { status });
}
