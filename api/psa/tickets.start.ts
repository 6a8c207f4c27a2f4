import { logger } from '../../config/logger';
import { tenantsWithVertical } from '../../db/tenant-scope';
import { deliverWaitingTicketMessages } from '../../domain/psa/ticket-process';
import type { ApiDeps } from '../http/deps';

/**
 * When the API starts (the psa module's `onStart`): the ticket messages buffered by changes whose
 * after-commit step never ran (the API stopped) reach the instances already waiting for them. The
 * tickets' process starts asked for meanwhile are served by the engine's own start (api/process/
 * start-requests.ts). Idempotent: a message handed over is marked consumed in the same transaction.
 */
export async function deliverWaitingTicketsMessages(deps: ApiDeps): Promise<void> {
  try {
    let delivered = 0;
    for (const tenantId of await tenantsWithVertical('psa', deps.knex)) delivered += await deliverWaitingTicketMessages(deps.knex, deps.temporal, tenantId);
    if (delivered) logger.info({ delivered }, 'ticket messages left by an earlier run reached their process');
  } catch (error) {
    logger.warn({ err: error }, 'ticket messages left by an earlier run could not reach their process; the next start of the API tries again');
  }
}
