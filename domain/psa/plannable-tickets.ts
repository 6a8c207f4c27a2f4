import type { PlannableSource } from '../planning/plannable';

const PRIORITY_ORDER = "case t.priority when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end";

/**
 * The MSP's records to plan (the agenda's side list, domain/planning/plannable.ts): open tickets (not
 * resolved nor closed) that no live agenda entry plans yet, of a team when one is asked, the most
 * urgent first. Dropped on the agenda, one becomes a one-hour intervention at the ticket's client.
 */
export const ticketsToPlan: PlannableSource = {
  recordType: 'psa-ticket',
  label: { fr: 'Tickets', en: 'Tickets' },
  subject: 'PsaTicket',
  async list(trx, { teamId, q, limit }) {
    const query = trx('psaTickets as t').join('accounts as a', 'a.id', 't.accountId')
      .whereNotIn('t.status', ['resolved', 'closed'])
      .whereNotExists((sub) => {
        sub.from('planningEntries as e').whereRaw("e.record_type = 'psa-ticket' and e.record_id = t.id and e.status <> 'cancelled'");
      })
      .orderByRaw(`${PRIORITY_ORDER}, t.resolution_due_at nulls last, t.created_at`)
      .limit(limit)
      .select('t.id', 't.number', 't.title', 't.priority', 't.status', 't.accountId', 'a.name as accountName');
    if (teamId) query.where('t.teamId', teamId);
    if (q) query.whereRaw("t.title ilike '%' || ? || '%'", [q.replace(/[\\%_]/g, (c) => `\\${c}`)]);
    const rows = await query;
    return rows.map((r) => ({
      recordType: 'psa-ticket', recordId: r.id, title: `#${r.number} ${r.title}`, subtitle: r.accountName,
      accountId: r.accountId, accountName: r.accountName, siteId: null, priority: r.priority, suggestedMinutes: 60,
    }));
  },
};
