import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { DEFAULT_LOCALE } from '../../domain/i18n/messages';
import {
  gdprRequestAnswer, gdprRequestDeadline, gdprRequestPlan, gdprRequestPrepareExport, gdprRequestVerify,
} from '../../domain/gdpr/requests.activity-contracts';
import { isOpen, needsExport, reminderDateOf, type RequestKind, type RequestStatus } from '../../domain/gdpr/request-rules';
import { REQUEST_PROCESS_PERMISSIONS, answerRequest, findRequestRow, markVerifying, verifyRequest } from '../../domain/gdpr/requests';
import { exportSummary, gatherExport } from '../../domain/gdpr/subject-export';
import type { ModuleActivityDeps } from '../activities-module';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

type Row = Record<string, unknown>;

function dates(row: Row): { reminderAt: string; dueAt: string } {
  const dueAt = new Date(row.dueAt as string);
  return { reminderAt: reminderDateOf(dueAt, new Date(row.receivedAt as string)).toISOString(), dueAt: dueAt.toISOString() };
}

/**
 * The service tasks of `gdpr.rights-request`: each reads or moves one request through the register's write
 * path (domain/gdpr/requests.ts) in the process's context. Idempotent: a verification or an answer already
 * recorded (a retry, or done from the request's panel meanwhile) is left as it is. The deadline check never
 * reads a clock: it compares the request's dates with the instant the timer was armed for.
 */
export function createRequestActivities(deps: Pick<ModuleActivityDeps, 'knex'>) {
  const inProcess = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => fn(processContext(trx, meta.tenantId, meta.workflowId, REQUEST_PROCESS_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'RightsRequestRefused', nonRetryable: true, message: error.message });
      throw error;
    }
  };
  const now = () => new Date();

  return {
    async 'gdpr.request.plan'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId } = parseTaskInput(gdprRequestPlan.input, raw);
      return inProcess(meta, async (ctx) => {
        const row = await markVerifying(ctx, requestId);
        const status = row.status as RequestStatus;
        return {
          number: Number(row.number), kind: row.kind as RequestKind, status, open: isOpen(status), verified: Boolean(row.identityVerifiedAt),
          needsExport: needsExport(row.kind as RequestKind), ...dates(row),
        };
      });
    },

    async 'gdpr.request.verify'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId, method } = parseTaskInput(gdprRequestVerify.input, raw);
      return inProcess(meta, async (ctx) => {
        const row = await findRequestRow(ctx, requestId);
        if (!row.identityVerifiedAt && isOpen(row.status as RequestStatus)) await verifyRequest(ctx, requestId, method, DEFAULT_LOCALE, now());
        return { verified: true };
      });
    },

    async 'gdpr.request.prepare-export'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId } = parseTaskInput(gdprRequestPrepareExport.input, raw);
      return inProcess(meta, async (ctx) => exportSummary(await gatherExport(ctx.trx, await findRequestRow(ctx, requestId), now())));
    },

    async 'gdpr.request.answer'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId, ...answer } = parseTaskInput(gdprRequestAnswer.input, raw);
      return inProcess(meta, async (ctx) => {
        const row = await findRequestRow(ctx, requestId);
        if (!isOpen(row.status as RequestStatus)) return { status: row.status as RequestStatus };
        return { status: (await answerRequest(ctx, requestId, answer, DEFAULT_LOCALE, now())).status };
      });
    },

    async 'gdpr.request.deadline'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId, step, firedFor } = parseTaskInput(gdprRequestDeadline.input, raw);
      return inProcess(meta, async (ctx) => {
        const row = await findRequestRow(ctx, requestId);
        const current = dates(row);
        if (!isOpen(row.status as RequestStatus)) return { outcome: 'closed' as const, ...current };
        const planned = step === 'reminder' ? current.reminderAt : current.dueAt;
        return { outcome: Date.parse(planned) > Date.parse(firedFor) ? 'later' as const : 'due' as const, ...current };
      });
    },
  };
}

