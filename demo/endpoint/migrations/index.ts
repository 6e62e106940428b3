/**
 * Every migration of the endpoint's schema, in the order they apply. Migrations are TypeScript
 * modules holding SQL so they bundle into any runtime (no file system needed); a test checks that
 * this list matches the `NNN-*.ts` files of this folder.
 */
import { sql as initial } from './001-initial';
import { sql as webhookQueue } from './002-webhook-queue';
import { sql as webhookGivenUpAt } from './003-webhook-given-up-at';
import { sql as spinAttempt } from './004-spin-attempt';

/** One numbered schema change. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'webhook-queue', sql: webhookQueue },
  { version: 3, name: 'webhook-given-up-at', sql: webhookGivenUpAt },
  { version: 4, name: 'spin-attempt', sql: spinAttempt },
];
