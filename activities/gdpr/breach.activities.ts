import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import type { RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { peopleMail } from '../../domain/gdpr/breach-notification';
import { notifyingOrganisation } from '../../domain/gdpr/breach-organisation';
import { escalationAt, mustInformPeople } from '../../domain/gdpr/breach-rules';
import {
  gdprBreachAssess, gdprBreachEscalate, gdprBreachInformPeople, gdprBreachPlan, gdprBreachRecordNotification,
} from '../../domain/gdpr/breach.activity-contracts';
import { breachMessage } from '../../domain/gdpr/breach.messages';
import { escalateBreach, readBreach, recordCommunication, recordNotification, updateBreach } from '../../domain/gdpr/breaches';
import { DEFAULT_LOCALE } from '../../domain/i18n/messages';
import { COMMS_FAILURE } from '../../workflows/comms/comms.contract';
import type { ModuleActivityDeps } from '../activities-module';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

/** What the process's tasks may do to breaches. */
const BREACH_PERMISSIONS = ['gdpr.breach.read', 'gdpr.breach.update'];

/** The process's clock: when Temporal scheduled this task (the time-skipping server's in tests). */
function processNow(): Date {
  try {
    return new Date(Context.current().info.scheduledTimestampMs);
  } catch {
    return new Date();
  }
}

/**
 * The service tasks of `gdpr.breach-response` (contracts: domain/gdpr/breach.activity-contracts.ts), thin:
 * each runs the register's write path (domain/gdpr/breaches.ts) on one breach in the process's context.
 * A refusal of the domain fails the task without retrying (an incident an operator resolves). Mails go
 * through comms keyed on the task and the person, so a retried task sends nothing twice.
 */
export function createBreachActivities(deps: Pick<ModuleActivityDeps, 'knex' | 'sendMail' | 'publicUrl'>) {
  const inProcess = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => fn(processContext(trx, meta.tenantId, meta.workflowId, BREACH_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'BreachProcessRefused', nonRetryable: true, message: error.message });
      throw error;
    }
  };
  const keyed = (meta: ServiceTaskMeta, what: string): ServiceTaskMeta => ({ ...meta, idempotencyKey: `${meta.idempotencyKey}/${what}` });

  return {
    async 'gdpr.breach.plan'(raw: unknown, meta: ServiceTaskMeta) {
      const { breachId } = parseTaskInput(gdprBreachPlan.input, raw);
      return inProcess(meta, async (ctx) => {
        const breach = await readBreach(ctx, breachId, processNow());
        return {
          number: breach.number, pending: breach.msLeft !== null,
          firstAt: escalationAt(breach.discoveredAt, 24).toISOString(), secondAt: escalationAt(breach.discoveredAt, 48).toISOString(), deadlineAt: breach.deadlineAt,
        };
      });
    },

    async 'gdpr.breach.assess'(raw: unknown, meta: ServiceTaskMeta) {
      const { breachId, ...assessment } = parseTaskInput(gdprBreachAssess.input, raw);
      return inProcess(meta, async (ctx) => {
        const { breach } = await updateBreach(ctx, breachId, {
          riskLevel: assessment.riskLevel, authorityDecision: assessment.authorityDecision, authorityReason: assessment.authorityReason ?? null,
          ...(assessment.peopleDecision !== undefined ? { peopleDecision: assessment.peopleDecision } : {}), peopleReason: assessment.peopleReason ?? null,
        }, '*', processNow());
        return { notifyAuthority: breach.authorityDecision === 'notify' && breach.status !== 'notified', status: breach.status };
      });
    },

    async 'gdpr.breach.record-notification'(raw: unknown, meta: ServiceTaskMeta) {
      const { breachId, reference, notifiedAt, delayReason } = parseTaskInput(gdprBreachRecordNotification.input, raw);
      return inProcess(meta, async (ctx) => {
        const current = await readBreach(ctx, breachId, processNow());
        // Recorded meanwhile from the breach's panel, or by an earlier try of this task: kept as it is.
        if (current.notifications.some((n) => n.phase === 'initial')) return { status: current.status, recorded: false };
        const { breach } = await recordNotification(ctx, breachId, { phase: 'initial', reference, notifiedAt, delayReason: delayReason ?? null }, processNow());
        return { status: breach.status, recorded: true };
      });
    },

    async 'gdpr.breach.escalate'(raw: unknown, meta: ServiceTaskMeta) {
      const { breachId, hours, dueAt } = parseTaskInput(gdprBreachEscalate.input, raw);
      const found = await inProcess(meta, (ctx) => escalateBreach(ctx, breachId, hours, new Date(dueAt)));
      if (found.outcome === 'met') return { outcome: found.outcome, notified: 0 };
      const facts = { number: found.breach.number, title: found.breach.title, hours, deadlineAt: found.breach.deadlineAt, url: `${deps.publicUrl}/gdpr/breaches/${breachId}` };
      for (const user of found.recipients) {
        await deps.sendMail({
          to: user.email,
          subject: breachMessage('gdpr.breach.escalation-subject', facts).render(DEFAULT_LOCALE),
          body: breachMessage('gdpr.breach.escalation-body', facts).render(DEFAULT_LOCALE),
          recordType: 'gdpr-breach', recordId: breachId,
        }, keyed(meta, user.id));
      }
      return { outcome: found.outcome, notified: found.recipients.length };
    },

    async 'gdpr.breach.inform-people'(raw: unknown, meta: ServiceTaskMeta) {
      const { breachId } = parseTaskInput(gdprBreachInformPeople.input, raw);
      const facts = await inProcess(meta, async (ctx) => {
        const breach = await readBreach(ctx, breachId, processNow());
        if (!mustInformPeople(breach) || !breach.contactIds.length) return null;
        const contacts: Array<{ id: string; firstName: string | null; lastName: string | null; email: string | null }> = await ctx.trx('contacts')
          .whereIn('id', breach.contactIds).orderBy('id').select('id', 'firstName', 'lastName', 'email');
        return { breach, contacts, organisation: await notifyingOrganisation(ctx.trx, meta.tenantId) };
      });
      if (!facts) return { informed: false, sent: 0, skipped: 0 };
      const messageIds: string[] = [];
      let skipped = 0;
      let text = '';
      for (const contact of facts.contacts) {
        if (!contact.email) { skipped++; continue; }
        const mail = peopleMail(facts.breach, facts.organisation, [contact.firstName, contact.lastName].filter(Boolean).join(' ') || 'Madame, Monsieur');
        text = peopleMail(facts.breach, facts.organisation, 'Madame, Monsieur').body;
        try {
          const sent = await deps.sendMail({ to: contact.email, contactId: contact.id, subject: mail.subject, body: mail.body, recordType: 'gdpr-breach', recordId: breachId }, keyed(meta, contact.id));
          messageIds.push(sent.messageId);
        } catch (error) {
          if (error instanceof ApplicationFailure && (error.type === COMMS_FAILURE.refused || error.type === COMMS_FAILURE.rejected)) { skipped++; continue; }
          throw error;
        }
      }
      if (messageIds.length) {
        await inProcess(meta, async (ctx) => {
          const current = await readBreach(ctx, breachId, processNow());
          // An earlier try of this task recorded it already.
          if (current.communications.some((c) => c.messageIds.some((id) => messageIds.includes(id)))) return;
          await recordCommunication(ctx, breachId, { at: processNow().toISOString(), channel: 'mail', text, recipients: messageIds.length, messageIds }, processNow());
        });
      }
      return { informed: messageIds.length > 0, sent: messageIds.length, skipped };
    },
  };
}
