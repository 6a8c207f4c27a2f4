import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { withTenant } from '../../db/tenant-scope';
import { campaignBatch, campaignMessageKey, finishCampaign } from '../../domain/comms/campaigns';
import { deliver, type DeliveryPorts, type DeliveryResult } from '../../domain/comms/delivery';
import { loadCommsConfig } from '../../domain/comms/settings';
import type { SecretBox } from '../../domain/core/secret-box';
import type { MailAttachment } from '../../integrations/mail/mail.port';
import type { ServiceTaskMeta } from '../registry';
import { COMMS_FAILURE, type SendBatchInput, type SendBatchOutcome } from '../../workflows/comms/comms.contract';
import { mailSendInput, smsSendInput, type MailSendInput, type SendOutput, type SmsSendInput } from '../../domain/comms/comms.activity-contracts';

export interface CommsActivityDeps {
  knex: Knex;
  box: SecretBox;
  ports: DeliveryPorts;
  /** Public base URL of the API (PUBLIC_URL), for provider callbacks. */
  publicUrl: string;
}

/** A mail sent by another activity of the worker, with files attached (never through Temporal: the bytes stay in process). */
export type MailSendWithAttachments = MailSendInput & { attachments?: MailAttachment[] };

/** Turns a delivery outcome into the activity's answer: a result, or a failure Temporal knows how to treat. */
export function settle(result: DeliveryResult): SendOutput {
  switch (result.kind) {
    case 'accepted':
      return { messageId: String(result.message.id), status: String(result.message.status), providerMessageId: (result.message.providerMessageId as string) ?? null };
    case 'refused':
      throw ApplicationFailure.create({ type: COMMS_FAILURE.refused, nonRetryable: true, message: result.detail, details: [{ reason: result.reason, messageId: result.message.id }] });
    case 'rejected':
      throw ApplicationFailure.create({ type: COMMS_FAILURE.rejected, nonRetryable: true, message: result.detail, details: [{ reason: result.reason, messageId: result.message.id }] });
    case 'retry':
      throw ApplicationFailure.create({
        type: result.delayMs !== undefined ? COMMS_FAILURE.rateLimited : COMMS_FAILURE.unavailable,
        nonRetryable: false, message: result.detail, ...(result.delayMs !== undefined ? { nextRetryDelay: result.delayMs } : {}),
      });
    default:
      throw new Error(`unexpected delivery result ${JSON.stringify(result satisfies never)}`);
  }
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
  throw ApplicationFailure.create({ type: COMMS_FAILURE.invalidInput, nonRetryable: true, message: `Invalid input: ${why}` });
}

/** A campaign recipient's outcome from a delivery: what the workflow counts, or sends again. */
export function batchOutcome(position: number, result: DeliveryResult): SendBatchOutcome {
  switch (result.kind) {
    case 'accepted':
      return { position, outcome: 'sent' };
    case 'refused':
      return { position, outcome: 'refused' };
    case 'rejected':
      return { position, outcome: 'failed' };
    case 'retry':
      return { position, outcome: 'retry', reason: result.detail, ...(result.delayMs !== undefined ? { delayMs: result.delayMs } : {}) };
    default:
      throw new Error(`unexpected delivery result ${JSON.stringify(result satisfies never)}`);
  }
}

/** How often a batch tells Temporal it is alive while its sends run (its heartbeat timeout is the attempt timeout, 45 s). */
const BATCH_HEARTBEAT_MS = 2_000;

/** Built by a factory that receives its dependencies (STYLE §2). Registered under the registry's names. */
export function createCommsActivities(deps: CommsActivityDeps) {
  const delivery = { knex: deps.knex, ports: deps.ports, publicUrl: deps.publicUrl, loadConfig: (trx: Knex.Transaction, tenantId: string) => loadCommsConfig(trx, tenantId, deps.box) };
  const senderName = (tenantId: string) => withTenant({ tenantId }, async (trx) => (await trx('tenants').first('name'))?.name ?? '', deps.knex);
  const context = (meta: ServiceTaskMeta, campaignId?: string) => ({
    tenantId: meta.tenantId, idempotencyKey: meta.idempotencyKey, sentByProcess: meta.workflowId, campaignId: campaignId ?? null,
  });

  return {
    async 'comms.sms.send'(input: SmsSendInput, meta: ServiceTaskMeta): Promise<SendOutput> {
      const { campaignId, ...request } = parse(smsSendInput, input);
      return settle(await deliver(delivery, context(meta, campaignId), { channel: 'sms', ...request }, await senderName(meta.tenantId)));
    },

    /**
     * `attachments` is not part of the contract a diagram may fill: only another activity of the worker
     * passes it, in process (an invoice's PDF, `billing.invoice.send`), and passes it again on a retry.
     */
    async 'comms.mail.send'(input: MailSendWithAttachments, meta: ServiceTaskMeta): Promise<SendOutput> {
      const { attachments, ...rest } = input;
      const { campaignId, ...request } = parse(mailSendInput, rest);
      return settle(await deliver(delivery, context(meta, campaignId), { channel: 'mail', ...request }, await senderName(meta.tenantId), attachments));
    },

    /**
     * A campaign's batch: each recipient delivered as `comms.sms.send` /
     * `comms.mail.send` would (same rules, same idempotency key
     * `campaign/<id>/<position>`), all at once, in one activity instead of
     * one each (bench/comms: Temporal's cost per activity was most of a
     * campaign's). A retried batch (a worker killed mid-way) delivers each
     * message again idempotently: a message already sent is found, one whose
     * provider call may have gone out is looked up at the provider first.
     */
    async commsSendBatch(input: SendBatchInput): Promise<SendBatchOutcome[]> {
      const channel = input.activity === 'comms.mail.send' ? 'mail' : 'sms';
      const schema = channel === 'mail' ? mailSendInput : smsSendInput;
      const activity = Context.current();
      const alive = setInterval(() => activity.heartbeat(), BATCH_HEARTBEAT_MS);
      try {
        const sender = await senderName(input.tenantId);
        return await Promise.all(input.recipients.map(async ({ position, contactId }): Promise<SendBatchOutcome> => {
          const parsed = schema.safeParse({ contactId, templateKey: input.templateKey, language: input.language, variables: input.variables });
          if (!parsed.success) return { position, outcome: 'refused' };
          const ctx = { tenantId: input.tenantId, idempotencyKey: campaignMessageKey(input.campaignId, position), sentByProcess: input.workflowId, campaignId: input.campaignId };
          try {
            return batchOutcome(position, await deliver(delivery, ctx, { channel, ...parsed.data }, sender));
          } catch (error) {
            return { position, outcome: 'retry', reason: error instanceof Error ? error.message : String(error) };
          }
        }));
      } finally {
        clearInterval(alive);
      }
    },

    /** The bulk-send workflow reads its recipients page by page (its history stays small). */
    async commsCampaignBatch(input: { tenantId: string; campaignId: string; afterPosition: number; limit: number }) {
      return withTenant({ tenantId: input.tenantId }, (trx) => campaignBatch(trx, input.campaignId, input.afterPosition, input.limit), deps.knex) as Promise<Array<{ position: number; contactId: string }>>;
    },

    async commsCampaignFinish(input: { tenantId: string; campaignId: string }): Promise<void> {
      await withTenant({ tenantId: input.tenantId }, (trx) => finishCampaign(trx, input.campaignId), deps.knex);
    },

    /** A send that exhausted its retries inside a campaign: the message is marked failed with the last reason. */
    async commsMarkFailed(input: { tenantId: string; idempotencyKey: string; reason: string }): Promise<void> {
      await withTenant({ tenantId: input.tenantId }, async (trx) => {
        const [row] = await trx('messages').where({ idempotencyKey: input.idempotencyKey, status: 'pending' })
          .update({ status: 'failed', errorReason: input.reason }).returning('id');
        if (row) await trx('messageEvents').insert({ tenantId: input.tenantId, messageId: row.id, status: 'failed', detail: JSON.stringify({ reason: input.reason }) }).onConflict(['tenantId', 'messageId', 'status']).ignore();
      }, deps.knex);
    },
  };
}

export type CommsActivities = ReturnType<typeof createCommsActivities>;
