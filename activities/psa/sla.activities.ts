import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import { updateRecord, type RequestContext } from '../../domain/core/record-service';
import { DomainError } from '../../domain/errors';
import { DEFAULT_LOCALE } from '../../domain/i18n/messages';
import {
  psaSlaEscalate, psaSlaPause, psaSlaPlan, psaSlaResume, psaTicketAutoClose, psaTicketBillingStatus, psaTicketTriage,
} from '../../domain/psa/sla.activity-contracts';
import { slaMessage } from '../../domain/psa/sla.messages';
import { escalateTicketSla, pauseTicketSla, planTicketSla, resumeTicketSla } from '../../domain/psa/sla-service';
import { changeTicketStatus, ticketChangeMessages, ticketMessagesAfterCommit } from '../../domain/psa/ticket-actions';
import { deliverTicketMessages } from '../../domain/psa/ticket-process';
import { psaTickets } from '../../domain/psa/ticket-resource';
import type { ModuleActivityDeps } from '../activities-module';
import { parseTaskInput, type ServiceTaskMeta } from '../registry';

/** What the process's tasks may do to tickets: read and update them (SLA columns, assignment, status). */
const SLA_PERMISSIONS = ['psa.ticket.read', 'psa.ticket.update', 'core.account.read'];

/**
 * The process's clock: when Temporal scheduled this task (the same on every retry; on the
 * time-skipping test server, its skipped time), so a task run late acts for when it was due.
 */
function processNow(): Date {
  try {
    return new Date(Context.current().info.scheduledTimestampMs);
  } catch {
    return new Date();
  }
}

/**
 * The service tasks of `psa.ticket-to-invoice` (contracts: domain/psa/sla.activity-contracts.ts),
 * thin: each runs a domain action on one ticket in the process's context (domain/psa/sla-service.ts,
 * ticket-actions.ts). A refusal of the domain (the ticket gone) fails the task without retrying:
 * an incident an operator resolves. Escalation mails go through comms, keyed on the task and the
 * recipient, so a retried task sends nothing twice.
 */
export function createSlaActivities(deps: Pick<ModuleActivityDeps, 'knex' | 'sendMail' | 'publicUrl' | 'temporal'>) {
  const inProcess = async <T>(meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>): Promise<T> => {
    try {
      return await withTenant({ tenantId: meta.tenantId }, (trx: Knex.Transaction) => fn(processContext(trx, meta.tenantId, meta.workflowId, SLA_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
    } catch (error) {
      if (error instanceof DomainError) throw ApplicationFailure.create({ type: 'TicketProcessRefused', nonRetryable: true, message: error.message });
      throw error;
    }
  };

  return {
    async 'psa.sla.plan'(raw: unknown, meta: ServiceTaskMeta) {
      const { ticketId, escalationPercents } = parseTaskInput(psaSlaPlan.input, raw);
      return inProcess(meta, (ctx) => planTicketSla(ctx, ticketId, escalationPercents));
    },

    async 'psa.sla.pause'(raw: unknown, meta: ServiceTaskMeta) {
      const { ticketId, reason } = parseTaskInput(psaSlaPause.input, raw);
      return inProcess(meta, (ctx) => pauseTicketSla(ctx, ticketId, processNow(), reason));
    },

    async 'psa.sla.resume'(raw: unknown, meta: ServiceTaskMeta) {
      const { ticketId } = parseTaskInput(psaSlaResume.input, raw);
      return inProcess(meta, (ctx) => resumeTicketSla(ctx, ticketId, processNow()));
    },

    async 'psa.sla.escalate'(raw: unknown, meta: ServiceTaskMeta) {
      const input = parseTaskInput(psaSlaEscalate.input, raw);
      const dueAt = new Date(input.dueAt);
      const escalation = await inProcess(meta, async (ctx) => {
        const found = await escalateTicketSla(ctx, input.ticketId, {
          target: input.target, level: input.level, percent: input.percent, at: dueAt,
          escalationRole: input.escalationRole, managerId: input.escalationManagerId ?? null, breachReassignTo: input.breachReassignTo,
        });
        const client = await ctx.trx('accounts').where({ id: found.ticket.accountId }).first('name');
        const reassigned = found.reassignedTo ? await ctx.trx('users').where({ id: found.reassignedTo }).first('displayName') : undefined;
        // Handed to a manager: the ticket is assigned, as if from its panel (a triage still open closes, ADR 0005).
        const messageIds = found.reassignedTo ? await ticketChangeMessages(ctx, { assigneeId: found.reassignedTo }, found.ticket) : [];
        return { ...found, clientName: String(client?.name ?? ''), reassignedName: (reassigned?.displayName as string | undefined) ?? null, messageIds };
      });
      const { ticket } = escalation;
      const dueText = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(dueAt);
      const facts = {
        number: Number(ticket.number), title: String(ticket.title), client: escalation.clientName, target: input.target, percent: input.percent,
        dueAt: dueText, reassigned: escalation.reassignedName ?? '', url: `${deps.publicUrl}/psa/tickets/${input.ticketId}`,
      };
      let notified = 0;
      for (const user of escalation.recipients) {
        await deps.sendMail({
          to: user.email,
          subject: slaMessage('psa.sla.escalation-subject', facts).render(DEFAULT_LOCALE),
          body: slaMessage('psa.sla.escalation-body', facts).render(DEFAULT_LOCALE),
          recordType: psaTickets.recordType, recordId: input.ticketId,
        }, { ...meta, idempotencyKey: `${meta.idempotencyKey}/${user.id}` });
        notified++;
      }
      // After the mails (a retried task records nothing more, so sends nothing): a failure is logged, the API's next start hands it over.
      if (deps.temporal) await ticketMessagesAfterCommit({ knex: deps.knex, temporal: deps.temporal }, meta.tenantId, escalation.messageIds);
      return { outcome: escalation.outcome, notified, reassignedTo: escalation.reassignedTo };
    },

    async 'psa.ticket.triage'(raw: unknown, meta: ServiceTaskMeta) {
      const { ticketId, ...choice } = parseTaskInput(psaTicketTriage.input, raw);
      const { ticket, messageIds, priorityChanged } = await inProcess(meta, async (ctx) => {
        const before = await ctx.trx('psaTickets').where({ id: ticketId }).first('priority', 'assigneeId', 'teamId', 'queueId');
        const patch = Object.fromEntries(Object.entries(choice).filter(([k, v]) => v !== undefined && !(k === 'priority' && v === null) && v !== before?.[k]));
        if (!Object.keys(patch).length) return { ticket: { id: ticketId, ...before }, messageIds: [] as string[], priorityChanged: false };
        const after = await updateRecord(ctx, psaTickets, ticketId, '*', patch);
        return { ticket: after, messageIds: await ticketChangeMessages(ctx, patch, after), priorityChanged: patch.priority !== undefined };
      });
      // A new priority changes the targets: the waiting process hears it (as it would from the ticket's panel).
      if (messageIds.length && deps.temporal) await deliverTicketMessages(deps.knex, deps.temporal, meta.tenantId, messageIds);
      return {
        assigneeId: (ticket.assigneeId as string | null) ?? null, teamId: (ticket.teamId as string | null) ?? null, queueId: (ticket.queueId as string | null) ?? null,
        priority: String(ticket.priority), priorityChanged,
      };
    },

    async 'psa.ticket.auto-close'(raw: unknown, meta: ServiceTaskMeta) {
      const { ticketId } = parseTaskInput(psaTicketAutoClose.input, raw);
      return inProcess(meta, async (ctx) => {
        const ticket = await ctx.trx('psaTickets').where({ id: ticketId }).forUpdate().first('status');
        // Confirmed, closed by hand or reopened meanwhile: nothing to close.
        if (!ticket || ticket.status !== 'resolved') return { closed: false, status: String(ticket?.status ?? 'missing') };
        const outcome = await changeTicketStatus(ctx.trx, { system: 'process', tenantId: meta.tenantId, actorUserId: meta.actorUserId ?? null, requestId: meta.workflowId }, ticketId, { status: 'closed' });
        return { closed: true, status: String(outcome.ticket.status) };
      });
    },

    async 'psa.ticket.billing-status'(raw: unknown, meta: ServiceTaskMeta) {
      const { ticketId } = parseTaskInput(psaTicketBillingStatus.input, raw);
      return inProcess(meta, async ({ trx }) => {
        const ticket = await trx('psaTickets').where({ id: ticketId }).first('approvedMinutes', 'billableAmountCents');
        const [entries] = await trx('psaTimeEntries').where({ ticketId }).select(
          trx.raw("count(*) filter (where status <> 'approved')::int as pending"),
          trx.raw("coalesce(sum(covered_minutes) filter (where status = 'approved'), 0)::int as covered"),
          trx.raw("coalesce(sum(billed_minutes) filter (where status = 'approved'), 0)::int as billed"),
        );
        const items: Array<{ status: string; invoiceId: string | null }> = await trx('psaPrebillingItems').where({ ticketId }).orderBy('createdAt', 'desc').select('status', 'invoiceId');
        const prebilling = items.some((i) => i.status === 'pending') ? 'pending' as const
          : items.some((i) => i.status === 'invoiced') ? 'invoiced' as const
            : items.length ? 'excluded' as const : 'none' as const;
        return {
          pendingEntries: Number(entries.pending), approvedMinutes: Number(ticket?.approvedMinutes ?? 0),
          coveredMinutes: Number(entries.covered), billedMinutes: Number(entries.billed), billableAmountCents: Number(ticket?.billableAmountCents ?? 0),
          prebilling, invoiceId: items.find((i) => i.status === 'invoiced')?.invoiceId ?? null,
        };
      });
    },
  };
}
