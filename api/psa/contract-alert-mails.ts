import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { logger } from '../../config/logger';
import { tenantsWithVertical, withTenant } from '../../db/tenant-scope';
import { commsMailSend } from '../../domain/comms/comms.activity-contracts';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../domain/process/activity-definition';
import { ALERT_MAIL_KEY } from '../../domain/psa/hour-bank-alerts';
import { COMMS_WORKFLOW } from '../../workflows/comms/comms.contract';
import type { sendOneMessage } from '../../workflows/comms/send-one.workflow';
import type { ApiDeps } from '../http/deps';

/**
 * Sends the hour banks' alert mails once the transaction that queued them committed
 * (domain/psa/hour-bank-alerts.ts writes them pending in the comms outbox). Each is delivered by
 * comms' own workflow (`sendOneMessage`, workflow id from the message's id) with the message's
 * idempotency key: delivery finds the row written and sends it once, whoever starts it and however
 * often. Whoever approves time (the time area) or buys a pack calls `contractAlertMailsAfterCommit`;
 * the API's start sends what an interrupted run left pending.
 */
type Row = Record<string, unknown>;

export async function sendContractAlertMails(deps: ApiDeps, tenantId: string, messageIds?: readonly string[]): Promise<number> {
  if (messageIds && !messageIds.length) return 0;
  const rows = await withTenant({ tenantId }, (trx) => {
    const qb = trx('messages').where({ status: 'pending', channel: 'mail' }).whereNull('providerAttemptedAt')
      .whereLike('idempotencyKey', `${ALERT_MAIL_KEY}%`).select('id', 'idempotencyKey', 'recipient', 'contactId', 'subject', 'body', 'recordType', 'recordId').limit(500);
    if (messageIds) qb.whereIn('id', messageIds);
    return qb;
  }, deps.knex) as Row[];
  if (!rows.length) return 0;
  const client = await deps.temporal();
  for (const row of rows) {
    const workflowId = `${tenantId}/comms-message/${String(row.id)}`;
    const input = {
      ...(row.contactId ? { contactId: row.contactId } : { to: row.recipient }), subject: row.subject, body: row.body,
      ...(row.recordType && row.recordId ? { recordType: row.recordType, recordId: row.recordId } : {}),
    };
    try {
      await client.workflow.start<typeof sendOneMessage>(COMMS_WORKFLOW.sendOne, {
        workflowId, taskQueue: deps.taskQueue,
        args: [{
          activity: commsMailSend.name as 'comms.mail.send', input,
          meta: { tenantId, workflowId, elementId: 'psa.contract-alert', loopCounter: 0, idempotencyKey: String(row.idempotencyKey) },
          retry: { ...DEFAULT_RETRY, ...commsMailSend.retry }, timeoutMs: commsMailSend.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        }],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  return rows.length;
}

/** The after-commit step of an action that may have queued alert mails (a time approval, a pack bought). */
export function contractAlertMailsAfterCommit(deps: ApiDeps, tenantId: string, messageIds: readonly string[]): (() => Promise<void>) | undefined {
  if (!messageIds.length) return undefined;
  return async () => { await sendContractAlertMails(deps, tenantId, messageIds); };
}

/** At the API's start: alert mails an interrupted run left pending are sent. */
export async function sendWaitingContractAlertMails(deps: ApiDeps): Promise<void> {
  try {
    let sent = 0;
    for (const tenantId of await tenantsWithVertical('psa', deps.knex)) sent += await sendContractAlertMails(deps, tenantId);
    if (sent) logger.info({ sent }, 'hour bank alert mails left pending by an earlier run were sent');
  } catch (error) {
    logger.warn({ err: error }, 'hour bank alert mails left pending could not be sent; the next start of the API tries again');
  }
}
