import type { RequestContext } from '../../domain/core/record-service';
import type { ImportReport } from '../../domain/events/spreadsheet-import';
import type { ApiDeps } from '../http/deps';
import { joinLeadToEvent } from './lead-to-event.link';

/**
 * Events imported from the spreadsheet that are still to come join the
 * lead-to-event process where they stand (joinLeadToEvent): the client's
 * instance is started (unless it runs already) and told, in order, that the
 * contract exists and is signed, that the event exists and, when the sheet
 * named one, who supports it. The instance's inbox takes these at once, so it
 * waits where a real event would: for a support contact (with the escalation),
 * or for the reminder and the end. Past events stay records only.
 */
export async function joinProcess(deps: ApiDeps, ctx: RequestContext, report: ImportReport, now = new Date()): Promise<{ joined: number; afterCommit?: () => Promise<void> }> {
  if (report.dryRun) return { joined: 0 };
  const ids = report.sheets.filter((s) => s.status === 'created' && s.eventId).map((s) => s.eventId!);
  if (!ids.length) return { joined: 0 };
  const events = await ctx.trx('event_events as e').join('event_contracts as k', 'k.id', 'e.contractId').join('event_clients as c', 'c.id', 'k.clientId')
    .whereIn('e.id', ids).whereNull('e.closedAt').where('e.endsAt', '>', now)
    .select('e.id', 'e.contractId', 'k.signed', 'e.startsAt', 'e.endsAt', 'e.supportContactId', 'c.id as clientId', 'c.salesContactId');
  const tell: Array<() => Promise<void>> = [];
  for (const e of events) {
    const { afterCommit } = await joinLeadToEvent(deps, ctx, { id: e.clientId, salesContactId: e.salesContactId }, {
      contract: { id: e.contractId, signed: e.signed },
      event: { id: e.id, startsAt: e.startsAt, endsAt: e.endsAt, supportContactId: e.supportContactId, closedAt: null },
    }, { records: 'this-transaction', now });
    if (afterCommit) tell.push(afterCommit);
  }
  return { joined: events.length, afterCommit: tell.length ? async () => { for (const t of tell) await t(); } : undefined };
}
