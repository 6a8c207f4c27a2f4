import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { logger } from '../../config/logger';
import { tenantsWithVertical, withTenant } from '../../db/tenant-scope';
import { DomainError } from '../../domain/errors';
import { renderText, type Locale } from '../../domain/i18n/messages';
import { importMessage as m } from '../../domain/school/import.messages';
import { DropFolderError, dropFolderPath, pickDroppedFile } from '../../domain/school/import-drop-folder';
import type { ImportReport } from '../../domain/school/import-run';
import { importWorkbook, readImportSettings } from '../../domain/school/import-service';
import { DAILY_IMPORT_ATTEMPTS, type DailyImportActivities, type DailyImportJob, type DailyImportOutcome } from '../../workflows/school/import-daily.contract';
import type { ModuleActivityDeps } from '../activities-module';

export type DailyImportDeps = Pick<ModuleActivityDeps, 'knex' | 'sendMail' | 'publicUrl'> & { dataDir?: string; now?: () => Date; attempt?: () => number };

/** Why a day could not be imported; `retry`: a later attempt may succeed (a file dropped late). */
class DayFailure extends Error {
  constructor(readonly code: 'no-file' | 'folder-unreadable' | 'not-configured' | 'layout', readonly retry: boolean) {
    super(code);
  }
}

const MAX_MAILED_LINES = 200;

/** Today's date and the hour in Paris. */
function paris(now: Date): { day: string; hour: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(now).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const frenchDay = (day: string) => day.split('-').reverse().join('/');

/**
 * The daily import's activities (workflows/school/import-daily.contract.ts), thin over domain/school: the day's run
 * recorded first (so a failure stays visible), the file picked, the workbook imported in one transaction through the
 * import's one write path, the report mailed to the registry's owner through comms. Idempotent: a day already
 * imported answers its run again.
 */
export function createDailyImportActivities(deps: DailyImportDeps): DailyImportActivities {
  const inTenant = <T>(tenantId: string, fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId }, fn, deps.knex);
  const dataDir = () => deps.dataDir ?? env().RELAIS_DATA_DIR;
  const url = () => `${deps.publicUrl.replace(/\/$/, '')}/school/import`;

  /** The day's run (one per organisation and day): created, or taken again by a retry (its attempts counted). */
  async function openRun(job: DailyImportJob): Promise<{ id: string; status: string; created: number; updated: number; unchanged: number; rejected: number }> {
    return inTenant(job.tenantId, async (trx) => {
      const { rows: [row] } = await trx.raw(`
        insert into school_import_runs (tenant_id, source, run_day, status) values (?, 'schedule', ?, 'running')
        on conflict (tenant_id, run_day) where source = 'schedule'
        do update set attempts = school_import_runs.attempts + case when school_import_runs.status = 'done' then 0 else 1 end,
                      status = case when school_import_runs.status = 'done' then 'done' else 'running' end,
                      error_code = case when school_import_runs.status = 'done' then school_import_runs.error_code else null end
        returning id, status, created, updated, unchanged, rejected`, [job.tenantId, job.day]);
      return row;
    });
  }

  /** Who receives the reports: the registry's owner, else the heads of the student office; and the organisation's language. */
  async function recipients(trx: Knex.Transaction, ownerUserId: string | null): Promise<{ to: Array<{ id: string; email: string }>; language: Locale }> {
    const query = trx('users as u').where({ 'u.active': true }).whereNotNull('u.email');
    if (ownerUserId) query.where('u.id', ownerUserId);
    else query.join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId').where('r.key', 'school-lead');
    const to = await query.distinct('u.id', 'u.email') as Array<{ id: string; email: string }>;
    const language: Locale = (await trx('tenants').first('locale'))?.locale === 'en' ? 'en' : 'fr';
    return { to, language };
  }

  async function mail(tenantId: string, runId: string, kind: 'report' | 'failure', write: (language: Locale) => { subject: string; body: string }): Promise<void> {
    const { to, language } = await inTenant(tenantId, async (trx) => recipients(trx, (await readImportSettings(trx)).ownerUserId));
    const { subject, body } = write(language);
    for (const r of to) {
      try {
        await deps.sendMail({ to: r.email, subject, body }, {
          tenantId, workflowId: `${tenantId}/school-daily-import/${runId}`, elementId: 'school.import', loopCounter: 0, idempotencyKey: `school.import/${runId}/${kind}/${r.id}`, actorUserId: null,
        });
      } catch (error) {
        logger.warn({ tenantId, runId, userId: r.id, err: error }, 'the registry owner could not be mailed about the daily import');
      }
    }
  }

  function reportMail(report: ImportReport, job: DailyImportJob, file: string, language: Locale): { subject: string; body: string } {
    const rejected = report.rows.filter((r) => r.outcome === 'rejected');
    const lines = rejected.slice(0, MAX_MAILED_LINES).map((r) => m('school.import.mail-line', {
      row: r.row, name: [r.values.lastName, r.values.firstName].filter(Boolean).join(' '), nir: r.values.nir ?? '', reason: r.reason ? renderText(r.reason, language) : '',
    }).render(language)).join('\n');
    const c = report.counts;
    return {
      subject: m('school.import.mail-subject', { day: frenchDay(job.day), created: c.created, updated: c.updated, rejected: c.rejected }).render(language),
      body: m('school.import.mail-body', { day: frenchDay(job.day), file, ...c, lines, more: Math.max(0, rejected.length - MAX_MAILED_LINES), url: url() }).render(language),
    };
  }

  async function importDay(job: DailyImportJob, runId: string): Promise<DailyImportOutcome> {
    const settings = await inTenant(job.tenantId, readImportSettings);
    if (!settings.dropFolder) throw new DayFailure('not-configured', false);
    let file;
    try {
      const folder = dropFolderPath(dataDir(), job.tenantId, settings.dropFolder);
      file = await pickDroppedFile(folder, (sha256) => inTenant(job.tenantId, async (trx) => Boolean(
        await trx('schoolImportRuns').where({ fileSha256: sha256, dryRun: false, status: 'done' }).first('id'))));
    } catch (error) {
      // Retried: the day's file may be dropped late.
      throw new DayFailure(error instanceof DropFolderError ? error.code : 'folder-unreadable', true);
    }
    let report: ImportReport;
    try {
      report = await inTenant(job.tenantId, (trx) => importWorkbook(trx, job.tenantId, settings.ownerUserId, { buffer: file.buffer, originalname: file.name }, {
        dryRun: false, source: 'schedule', mappingName: settings.mappingName, runId, runDay: job.day,
      }));
    } catch (error) {
      // A file the mapping cannot read fails the same way at every attempt: flagged at once.
      if (error instanceof DomainError) throw new DayFailure('layout', false);
      throw error;
    }
    await mail(job.tenantId, runId, 'report', (language) => reportMail(report, job, file.name, language));
    return { ...job, runId, status: 'done', errorCode: null };
  }

  /** A day that failed past its retries: its run failed with the code, the owner mailed (once a day), said in the logs (ids only). */
  async function flag(job: DailyImportJob, runId: string, code: DayFailure['code'] | 'failed'): Promise<DailyImportOutcome> {
    await inTenant(job.tenantId, (trx) => trx('schoolImportRuns').where({ id: runId }).update({ status: 'failed', errorCode: code, finishedAt: trx.fn.now() }));
    logger.error({ tenantId: job.tenantId, runId, errorCode: code, day: job.day }, 'the daily student registry import failed after its retries');
    await mail(job.tenantId, runId, 'failure', (language) => ({
      subject: m('school.import.mail-failed-subject', { day: frenchDay(job.day) }).render(language),
      body: m('school.import.mail-failed-body', { day: frenchDay(job.day), reason: m(`school.import.error-${code}`).render(language), url: url() }).render(language),
    }));
    return { ...job, runId, status: 'failed', errorCode: code };
  }

  return {
    async 'school.import.due'({ tenantIds, day }) {
      const now = paris(deps.now?.() ?? new Date());
      const jobs: DailyImportJob[] = [];
      for (const tenantId of await tenantsWithVertical('school', deps.knex)) {
        if (tenantIds && !tenantIds.includes(tenantId)) continue;
        const due = await inTenant(tenantId, async (trx) => {
          const settings = await readImportSettings(trx);
          // From its hour on, each hour until the day is imported: a day that failed is tried again at the next hour.
          if (!tenantIds && (!settings.enabled || !settings.dropFolder || now.hour < settings.hour)) return false;
          const done = await trx('schoolImportRuns').where({ source: 'schedule', runDay: day ?? now.day, status: 'done' }).first('id');
          return !done;
        });
        if (due) jobs.push({ tenantId, day: day ?? now.day });
      }
      return jobs;
    },

    async 'school.import.day'(job) {
      const run = await openRun(job);
      if (run.status === 'done') return { ...job, runId: run.id, status: 'done', errorCode: null };
      try {
        return await importDay(job, run.id);
      } catch (error) {
        const failure = error instanceof DayFailure ? error : null;
        const attempt = deps.attempt?.() ?? Context.current().info.attempt;
        if ((failure?.retry ?? true) && attempt < DAILY_IMPORT_ATTEMPTS) {
          await inTenant(job.tenantId, (trx) => trx('schoolImportRuns').where({ id: run.id }).update({ errorCode: failure?.code ?? 'failed' }));
          throw ApplicationFailure.retryable(`The day could not be imported yet (${failure?.code ?? 'failed'}).`, failure?.code ?? 'failed');
        }
        if (!failure) logger.error({ tenantId: job.tenantId, runId: run.id, err: error }, 'the daily student registry import failed');
        return flag(job, run.id, failure?.code ?? 'failed');
      }
    },
  };
}
