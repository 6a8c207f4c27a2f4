import type { Knex } from 'knex';
import { logger } from '../../config/logger';
import { tenantsWithVertical, withTenant } from '../../db/tenant-scope';
import { defaultSecretBox, type SecretBox } from '../../domain/core/secret-box';
import { applySync, forgetCandidates, planPullFor, pushCandidates } from '../../domain/school/alumni-sync';
import { failRun, runError, startRun } from '../../domain/school/alumni-sync-runs';
import { alumniMessage as m } from '../../domain/school/alumni.messages';
import { openAlumnetConnection, sandboxStore, type OpenedAlumnetConnection } from '../../domain/school/alumnet-connection';
import { createAlumniNetwork } from '../../integrations/alumni-network/alumni-network.factory';
import { isAlumniNetworkError, type AlumniNetworkPort } from '../../integrations/alumni-network/alumni-network.port';
import type { AlumniSyncActivities, AlumniSyncOutcome } from '../../workflows/school/alumni-sync.contract';
import type { ModuleActivityDeps } from '../activities-module';

export interface AlumniSyncDeps extends Pick<ModuleActivityDeps, 'knex' | 'sendMail' | 'publicUrl'> {
  box?: SecretBox;
  /** How the Alumnet adapter waits between its retries (tests: not at all). */
  sleep?: (ms: number) => Promise<void>;
}

/** The port of an organisation's connection (the sandbox's members in its table). */
export function alumniNetworkOf(knex: Knex, tenantId: string, connection: OpenedAlumnetConnection, sleep?: (ms: number) => Promise<void>): AlumniNetworkPort {
  if (connection.adapter === 'sandbox') {
    return createAlumniNetwork({ provider: 'sandbox', store: sandboxStore(tenantId, (fn) => withTenant({ tenantId }, fn, knex)), settings: connection.settings });
  }
  return createAlumniNetwork({ provider: 'alumnet', baseUrl: connection.baseUrl ?? '', apiKey: connection.apiKey ?? '', sleep });
}

const whenInParis = (d: Date, language: 'fr' | 'en') =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(d);

/**
 * The activities of the Alumnet sync (workflows/school/alumni-sync.contract.ts): thin, over domain/school/alumni-sync.ts.
 * One run: the connection opened, the run recorded, the members changed pulled and the identities pushed with no
 * transaction held, then the run's changes written in one transaction. Any failure on the way (the network away
 * after its retries, a changed answer, a refusal) records the run failed with its code, mails the IT office
 * through comms, and writes nothing else: the next run starts from the last successful one's clock.
 */
export function createAlumniSyncActivities(deps: AlumniSyncDeps): AlumniSyncActivities {
  const box = () => deps.box ?? defaultSecretBox();
  const inTenant = <T>(tenantId: string, fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId }, fn, deps.knex);

  async function mailItOffice(tenantId: string, runId: string, code: string, startedAt: Date): Promise<number> {
    const { recipients, language } = await inTenant(tenantId, async (trx) => ({
      recipients: await trx('users as u').join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId')
        .where({ 'r.key': 'it-office', 'u.active': true }).whereNotNull('u.email').distinct('u.id', 'u.email') as Array<{ id: string; email: string }>,
      language: ((await trx('tenants').first('locale'))?.locale === 'en' ? 'en' : 'fr') as 'fr' | 'en',
    }));
    const reason = runError(code)![language];
    const subject = m('school.alumni.failure-subject', { code }).render(language);
    const body = m('school.alumni.failure-body', { reason, startedAt: whenInParis(startedAt, language), url: `${deps.publicUrl.replace(/\/$/, '')}/school/alumnet` }).render(language);
    let sent = 0;
    for (const r of recipients) {
      try {
        await deps.sendMail({ to: r.email, subject, body }, {
          tenantId, workflowId: `${tenantId}/school-alumni-sync/${runId}`, elementId: 'school.alumni-sync', loopCounter: 0, idempotencyKey: `school.alumni-sync/${runId}/${r.id}`, actorUserId: null,
        });
        sent += 1;
      } catch (error) {
        logger.warn({ tenantId, runId, userId: r.id, err: error }, 'the IT office could not be mailed about a failed Alumnet sync');
      }
    }
    return sent;
  }

  return {
    async 'school.alumni-sync.jobs'({ tenantIds, trigger = 'schedule', startedBy = null }) {
      const tenants = (await tenantsWithVertical('school', deps.knex)).filter((id) => !tenantIds || tenantIds.includes(id));
      const jobs = [];
      for (const tenantId of tenants) {
        const enabled = await inTenant(tenantId, async (trx) => Boolean((await trx('schoolAlumnetConnections').first('enabled'))?.enabled));
        if (enabled) jobs.push({ tenantId, trigger, startedBy });
      }
      return jobs;
    },

    async 'school.alumni-sync.run'({ tenantId, trigger, startedBy }): Promise<AlumniSyncOutcome> {
      const none = { pulled: 0, pushed: 0, conflicts: 0 };
      const connection = await inTenant(tenantId, (trx) => openAlumnetConnection(trx, tenantId, box()));
      if (!connection?.enabled) return { tenantId, runId: null, status: 'skipped', ...none, errorCode: null };
      const startedAt = new Date();
      const runId = await inTenant(tenantId, (trx) => startRun(trx, tenantId, trigger, connection.adapter, startedBy));
      try {
        const port = alumniNetworkOf(deps.knex, tenantId, connection, deps.sleep);
        const changes = await port.changesSince(connection.pullCursor);
        const { plan } = await inTenant(tenantId, (trx) => planPullFor(trx, changes.members));
        const toPush = await inTenant(tenantId, (trx) => pushCandidates(trx, plan.repush));
        const pushed: Array<{ studentId: string; memberId: string; hash: string }> = [];
        for (const { push, hash } of toPush) {
          const answer = await port.pushIdentity(push);
          pushed.push({ studentId: push.externalRef, memberId: answer.memberId, hash });
        }
        // A withdrawn consent: the network forgets the alumnus (idempotent: a member already gone is done).
        const forgotten = await inTenant(tenantId, (trx) => forgetCandidates(trx));
        for (const studentId of forgotten) await port.forgetMember(studentId);
        const applied = await inTenant(tenantId, (trx) => applySync(trx, tenantId, { runId, plan, pulledStudents: plan.matched, pushed, forgotten, asOf: changes.asOf }));
        return { tenantId, runId, status: 'succeeded', ...applied, errorCode: null };
      } catch (error) {
        const code = isAlumniNetworkError(error) ? error.code : 'internal';
        // The detail names fields and statuses, never a value (a value may be a person's name).
        const detail = isAlumniNetworkError(error) ? error.message : (error as Error).name;
        await inTenant(tenantId, (trx) => failRun(trx, runId, code, detail));
        logger.error({ tenantId, runId, code, status: isAlumniNetworkError(error) ? error.status : undefined, ...(isAlumniNetworkError(error) ? {} : { err: error }) }, 'the Alumnet sync failed; nothing local was changed');
        await mailItOffice(tenantId, runId, code, startedAt);
        return { tenantId, runId, status: 'failed', ...none, errorCode: code };
      }
    },
  };
}
