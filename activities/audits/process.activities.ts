import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { withTenant } from '../../db/tenant-scope';
import { anonymiseMission, destroyEscrow } from '../../domain/audits/anonymisation';
import { anonymiseInstant } from '../../domain/audits/anonymisation-rules';
import { anonymisationMessage as m } from '../../domain/audits/anonymisation.messages';
import { deliveryToken, noteDeliveryMail, prepareDelivery } from '../../domain/audits/delivery';
import { invoiceMission } from '../../domain/audits/mission-invoice';
import { PROCESS_PERMISSIONS, advanceMission, missionFacts, planAnonymisation } from '../../domain/audits/mission-process';
import { changeMissionStatus } from '../../domain/audits/mission-status';
import { auditMissions } from '../../domain/audits/missions';
import { markReportDelivered } from '../../domain/audits/report/report-delivery';
import {
  auditsAnonymisationDestroyKey, auditsAnonymisationPlan, auditsMissionAdvance, auditsMissionAnonymise, auditsMissionFacts, auditsMissionInvoice, auditsReportDeliver,
} from '../../domain/audits/process.activity-contracts';
import { todayInParis } from '../../domain/billing/issue';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { eraseFiles } from '../../domain/gdpr/anonymiser';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import type { ModuleActivityDeps } from '../activities-module';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

/** The process's clock: when Temporal scheduled this task (its skipped time on the test server). */
function processNow(): Date {
  try {
    return new Date(Context.current().info.scheduledTimestampMs);
  } catch {
    return new Date();
  }
}

/**
 * The service tasks of `audits.audit-to-anonymise` (contracts: domain/audits/process.activity-contracts.ts),
 * thin: each calls the domain's action on one mission in the process's context. A refusal of the domain
 * fails the task without retrying (an incident an operator resolves).
 */
export function createAuditProcessActivities(deps: Pick<ModuleActivityDeps, 'knex' | 'sendMail' | 'publicUrl'> & { storage?: DocumentStorage }) {
  const storage = () => deps.storage ?? localDiskStorage(path.resolve(env().RELAIS_DATA_DIR, 'documents'));
  const inProcess = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => fn(processContext(trx, meta.tenantId, meta.workflowId, PROCESS_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'AuditProcessRefused', nonRetryable: true, message: error.message });
      throw error;
    }
  };

  return {
    async 'audits.mission.facts'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId } = parseTaskInput(auditsMissionFacts.input, raw);
      return inProcess(meta, (ctx) => missionFacts(ctx, missionId, processNow()));
    },

    async 'audits.mission.advance'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId, status } = parseTaskInput(auditsMissionAdvance.input, raw);
      return inProcess(meta, (ctx) => advanceMission(ctx, missionId, status));
    },

    async 'audits.report.deliver'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId, linkDays } = parseTaskInput(auditsReportDeliver.input, raw);
      const now = processNow();
      const token = deliveryToken(meta.tenantId, meta.idempotencyKey);
      const prepared = await inProcess(meta, async (ctx) => {
        const delivery = await prepareDelivery(ctx, missionId, token, linkDays, now);
        await advanceMission(ctx, missionId, 'delivered');
        // The report area's write: the approved report becomes « Livré » (idempotent; docs/adr/0038-audit-reports.md).
        await markReportDelivered(ctx, missionId, now);
        const sent = await ctx.trx('auditDeliveries').where({ id: delivery.deliveryId }).first('messageId');
        return { ...delivery, messageId: (sent?.messageId as string | null) ?? null };
      });
      let messageId = prepared.messageId;
      if (!messageId && prepared.recipient) {
        const url = `${deps.publicUrl.replace(/\/$/, '')}/api/v1/audits/deliveries/${token}`;
        const expiresOn = prepared.expiresAt.toISOString().slice(0, 10);
        const sent = await deps.sendMail({
          to: prepared.recipient.email, contactId: prepared.recipient.contactId, recordType: auditMissions.recordType, recordId: missionId,
          subject: m('audits.delivery.subject', { title: prepared.title, firm: prepared.firm }).render(prepared.locale),
          body: m('audits.delivery.body', { title: prepared.title, firm: prepared.firm, url, expiresOn }).render(prepared.locale),
        }, { ...meta, idempotencyKey: `${meta.idempotencyKey}/mail` });
        messageId = sent.messageId;
        await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => noteDeliveryMail(trx, prepared.deliveryId, sent.messageId), deps.knex);
      }
      const deliveredAt = await withTenant({ tenantId: meta.tenantId }, async (trx: Knex.Transaction) => (await trx('auditMissions').where({ id: missionId }).first('deliveredAt')).deliveredAt as Date, deps.knex);
      return { deliveryId: prepared.deliveryId, expiresAt: prepared.expiresAt.toISOString(), deliveredAt: deliveredAt.toISOString(), mailed: Boolean(messageId), messageId };
    },

    async 'audits.mission.invoice'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId } = parseTaskInput(auditsMissionInvoice.input, raw);
      return inProcess(meta, (ctx) => invoiceMission(ctx, missionId, todayInParis(processNow())));
    },

    async 'audits.anonymisation.plan'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId, retentionDays } = parseTaskInput(auditsAnonymisationPlan.input, raw);
      return inProcess(meta, (ctx) => planAnonymisation(ctx, missionId, retentionDays ?? null));
    },

    async 'audits.mission.anonymise'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId } = parseTaskInput(auditsMissionAnonymise.input, raw);
      const now = processNow();
      const done = await inProcess(meta, (ctx) => anonymiseMission(ctx.trx, meta.tenantId, missionId, {
        now,
        markAnonymised: async () => {
          const mission = await ctx.trx('auditMissions').where({ id: missionId }).first('status');
          if (mission?.status !== 'anonymised') await changeMissionStatus(ctx, missionId, 'anonymised');
        },
      }));
      await eraseFiles(storage(), done.files);
      return { anonymised: done.anonymised, tables: Object.keys(done.rows).length, keyDestroyOn: done.keyDestroyOn, keyDestroyAt: anonymiseInstant(done.keyDestroyOn) };
    },

    async 'audits.anonymisation.destroy-key'(raw: unknown, meta: ServiceTaskMeta) {
      const { missionId } = parseTaskInput(auditsAnonymisationDestroyKey.input, raw);
      return inProcess(meta, (ctx) => destroyEscrow(ctx.trx, missionId, processNow()));
    },
  };
}
