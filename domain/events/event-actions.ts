import { ruleViolation } from '../errors';
import { appendHistoryAs, getRecord, loadFor, type RequestContext } from '../core/record-service';
import { eventEvents } from './resources';
import { eventsMessage as m } from './events.messages';

type Row = Record<string, unknown>;

/**
 * Closes an event once it is over (spec 001 process: "after the end, support
 * closes the event with its notes"). Closing a closed event changes nothing.
 */
export async function closeEvent(ctx: RequestContext, id: string, input: { notes?: string | null }, now = new Date()): Promise<{ event: Row; changed: boolean }> {
  const current = await loadFor(ctx, eventEvents, id, 'update', true);
  if (current.closedAt) return { event: await getRecord(ctx, eventEvents, id), changed: false };
  const endsAt = current.endsAt as Date;
  if (endsAt.getTime() > now.getTime()) {
    throw ruleViolation('endsAt', m('events.close-before-end', { endsAt: endsAt.toISOString() }));
  }
  const notes = input.notes === undefined ? current.notes : input.notes;
  await ctx.trx('event_events').where({ id }).update({ closedAt: ctx.trx.fn.now(), notes, version: Number(current.version) + 1, updatedAt: ctx.trx.fn.now() });
  await appendHistoryAs(ctx, {
    recordType: eventEvents.recordType, recordId: id, action: 'close',
    changes: { status: { before: 'planned', after: 'closed' }, ...(notes !== current.notes ? { notes: { before: current.notes, after: notes } } : {}) },
  });
  return { event: await getRecord(ctx, eventEvents, id), changed: true };
}
