import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { logger } from '../../config/logger';
import { withTenant } from '../../db/tenant-scope';
import { commsMailSend } from '../../domain/comms/comms.activity-contracts';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from '../../domain/process/activity-definition';
import { REPLY_MAIL_KEY_PREFIX, type QueuedReplyMail } from '../../domain/psa/mail-intake-replies';
import { COMMS_WORKFLOW } from '../../workflows/comms/comms.contract';
import type { sendOneMessage } from '../../workflows/comms/send-one.workflow';

/**
 * Sends a ticket reply's mail once its comment committed (domain/psa/mail-intake-replies.ts): the comms
 * workflow that delivers one message, with the message's key, so the message written in the comment's
 * transaction is the one sent, once (its workflow id comes from the message). A send that could not
 * start then (the engine away, the API stopped) is started by `startWaitingReplyMails`, which the mail
 * intake's sweep runs every minute.
 */
interface SendDeps { temporal: () => Promise<Client>; taskQueue: string }

export async function startReplyMail(deps: SendDeps, tenantId: string, mail: QueuedReplyMail): Promise<void> {
  const workflowId = `${tenantId}/comms-message/${mail.messageId}`;
  try {
    await (await deps.temporal()).workflow.start<typeof sendOneMessage>(COMMS_WORKFLOW.sendOne, {
      workflowId, taskQueue: deps.taskQueue,
      args: [{
        activity: 'comms.mail.send', input: { to: mail.to, subject: mail.subject, body: mail.body },
        meta: { tenantId, workflowId, elementId: 'psa-ticket-reply', loopCounter: 0, idempotencyKey: mail.idempotencyKey },
        retry: { ...DEFAULT_RETRY, ...commsMailSend.retry }, timeoutMs: commsMailSend.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Ticket reply mails still pending a minute after they were written, in every MSP organisation: their send started (again: Temporal never runs one twice). */
export async function startWaitingReplyMails(deps: SendDeps & { knex: Knex }): Promise<number> {
  const { rows } = await deps.knex.raw<{ rows: Array<{ id: string }> }>("select id from tenants_with_vertical('psa') as id");
  let started = 0;
  for (const { id: tenantId } of rows) {
    const waiting: Array<{ id: string; idempotencyKey: string; recipient: string; subject: string; body: string }> = await withTenant({ tenantId }, (trx) => trx('messages')
      .where({ status: 'pending', channel: 'mail' }).whereNull('providerAttemptedAt').whereLike('idempotencyKey', `${REPLY_MAIL_KEY_PREFIX}%`)
      .where('createdAt', '<', trx.raw("now() - interval '1 minute'")).limit(200).select('id', 'idempotencyKey', 'recipient', 'subject', 'body'), deps.knex);
    for (const m of waiting) {
      try {
        await startReplyMail(deps, tenantId, { messageId: m.id, idempotencyKey: m.idempotencyKey, to: m.recipient, subject: m.subject, body: m.body });
        started++;
      } catch (error) {
        logger.warn({ err: error, tenantId, messageId: m.id }, 'a ticket reply mail could not be started; the next sweep tries again');
        return started;
      }
    }
  }
  return started;
}
