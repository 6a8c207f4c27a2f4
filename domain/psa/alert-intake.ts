import type { Knex } from 'knex';
import { NotFoundError, ValidationError } from '../errors';
import { machinesMessage as m } from './machines.messages';
import { addTicketComment, openTicket, type TicketOutcome } from './ticket-actions';
import type { TicketPriority } from './ticket.schema';

/**
 * Alerts → tickets: the place the RMM agent (a later issue) plugs into. An alert on a machine opens a
 * ticket on the machine's client (source `rmm`, priority from the severity, the client's active
 * contract and SLA as any ticket); the same check alerting again on the same machine while its ticket
 * is still being worked on (neither resolved nor closed) adds an internal note to that ticket instead
 * of opening another. Concurrent alerts for the same machine and check are serialised by a
 * transaction lock, and a unique index (psa_tickets_open_alert) stands behind it.
 */
export const ALERT_SEVERITIES = ['info', 'warning', 'error', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

const PRIORITY: Record<AlertSeverity, TicketPriority> = { info: 'low', warning: 'normal', error: 'high', critical: 'critical' };

export function priorityOfSeverity(severity: AlertSeverity): TicketPriority {
  return PRIORITY[severity];
}

export interface AlertInput {
  tenantId: string;
  machineId: string;
  severity: AlertSeverity;
  /** What is wrong, as the check says it: « Disque C: plein à 95 % ». */
  title: string;
  details?: string | null;
  /** The check that raised it (« disk:C: »); by default the title: the same alert repeated is the same check. */
  check?: string;
}

export type AlertOutcome = TicketOutcome & { deduplicated: boolean };

export async function openTicketFromAlert(trx: Knex.Transaction, alert: AlertInput): Promise<AlertOutcome> {
  if (!ALERT_SEVERITIES.includes(alert.severity)) throw new ValidationError([{ field: 'severity', message: m('psa.machines.alert-severity') }]);
  const machine = await trx('psaMachines').where({ id: alert.machineId }).first('id', 'accountId', 'hostname');
  if (!machine) throw new NotFoundError({ fr: 'machine', en: 'machine' });
  const check = (alert.check ?? alert.title).trim().toLowerCase().slice(0, 200);
  const title = alert.title.trim().slice(0, 150);
  await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`psa-alert:${alert.tenantId}:${alert.machineId}:${check}`]);
  const actor = { system: 'rmm' as const, tenantId: alert.tenantId };
  const open = await trx('psaTickets').where({ machineId: alert.machineId, alertKey: check }).whereNotIn('status', ['resolved', 'closed']).first('id');
  if (open) {
    const note = `Alerte à nouveau (${alert.severity}) : ${title}${alert.details ? `\n\n${alert.details}` : ''}`;
    const outcome = await addTicketComment(trx, actor, open.id, { body: note.slice(0, 20_000), visibility: 'internal' });
    return { ...outcome, deduplicated: true };
  }
  const outcome = await openTicket(trx, actor, {
    accountId: machine.accountId, machineId: machine.id, title: `[${machine.hostname}] ${title}`.slice(0, 200),
    description: alert.details?.slice(0, 20_000) ?? null, priority: priorityOfSeverity(alert.severity), source: 'rmm',
  });
  await trx('psaTickets').where({ id: outcome.ticket.id }).update({ alertKey: check });
  return { ...outcome, deduplicated: false };
}
