import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import { DomainError } from '../../domain/errors';
import { DEFAULT_LOCALE } from '../../domain/i18n/messages';
import { eraseErasedFiles, eraseSubject, closeUndoWindow, type ErasureReport } from '../../domain/gdpr/erasure';
import { gdprRequestCloseUndoWindow, gdprRequestErase } from '../../domain/gdpr/erasure.activity-contracts';
import { REQUEST_PROCESS_PERMISSIONS, answerRequest, findRequestRow } from '../../domain/gdpr/requests';
import { isOpen, type RequestStatus } from '../../domain/gdpr/request-rules';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import type { DocumentStorage } from '../../integrations/storage/storage.port';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

/** The answer a person reads: what was erased, what the law keeps and until when (French, as the register). */
export function erasureAnswer(report: ErasureReport): string {
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  const lines = [`Vos données personnelles ont été effacées (${rows} enregistrements dans ${report.tables.length} tables${report.files ? `, ${report.files} fichiers` : ''}).`];
  if (report.exceptions.length) lines.push('Exceptions prévues par la loi :', ...report.exceptions.map((e) => `- ${e.text.fr}`));
  if (report.retained?.length) lines.push('Journaux conservés tels quels :', ...report.retained.map((e) => `- ${e.text.fr}`));
  return lines.join('\n');
}

/**
 * The erasure's service tasks (contracts in domain/gdpr/erasure.activity-contracts.ts): the erasure through
 * domain/gdpr/erasure.ts in the process's context, then the answer; at the window's end, the snapshot destroyed.
 * Idempotent: an erasure done answers its report again, a window closed stays closed.
 */
export function createErasureActivities(deps: { knex: Knex; storage?: DocumentStorage }) {
  const storage = () => deps.storage ?? localDiskStorage(path.resolve(env().RELAIS_DATA_DIR, 'documents'));
  return {
    async 'gdpr.request.erase'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId } = parseTaskInput(gdprRequestErase.input, raw);
      const now = new Date();
      try {
        const { report, files } = await withTenant({ tenantId: meta.tenantId }, async (trx: Knex.Transaction) => {
          const ctx = processContext(trx, meta.tenantId, meta.workflowId, REQUEST_PROCESS_PERMISSIONS, meta.actorUserId ?? null);
          const row = await findRequestRow(ctx, requestId, true);
          const done = await eraseSubject(trx, meta.tenantId, row, { now, storage: storage() });
          if (isOpen(row.status as RequestStatus)) await answerRequest(ctx, requestId, { outcome: 'answered', answer: erasureAnswer(done.report) }, DEFAULT_LOCALE, now);
          return done;
        }, deps.knex);
        await eraseErasedFiles(storage(), files);
        return { erased: true, undoUntil: report.undoUntil, rows: report.tables.reduce((n, t) => n + t.rows, 0) };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // A legal hold (or a request not verified): the reason is kept on the request, the officer answers.
        await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => trx('gdprRequests').where({ id: requestId }).update({ erasureReport: JSON.stringify({ refused: error.message }) }), deps.knex);
        return { erased: false, undoUntil: null, rows: 0 };
      }
    },

    async 'gdpr.request.close-undo-window'(raw: unknown, meta: ServiceTaskMeta) {
      const { requestId, firedFor } = parseTaskInput(gdprRequestCloseUndoWindow.input, raw);
      try {
        return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => closeUndoWindow(trx, requestId, new Date(firedFor)), deps.knex);
      } catch (error) {
        if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'ErasureRefused', nonRetryable: true, message: error.message });
        throw error;
      }
    },
  };
}
