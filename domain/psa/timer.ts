import { createRecord, type RequestContext } from '../core/record-service';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { coreMessage } from '../i18n/core.messages';
import { psaTimeEntries } from './time-entries';
import { timeMessage as m } from './time.messages';

/**
 * The start/stop timer (spec 003 §2.3.2): one per person, kept by the server (`psa_timers`), so it
 * keeps running with the laptop closed and every device shows the same one, its elapsed time by
 * the database's clock. Stopping it writes a draft time entry of the elapsed time in whole
 * minutes, a started minute counted (at least 1; a timer left running more than 24 hours gives
 * 1,440 minutes, flagged `capped`, for the technician to correct before submitting).
 */
type Row = Record<string, unknown>;

/** Who may run a timer: who may enter time (the timer writes an entry). */
function requireTimeEntry(ctx: RequestContext): void {
  if (!ctx.ability.can('create', 'PsaTimeEntry')) {
    throw new ForbiddenError(coreMessage('record.forbidden-create', { fr: 'saisie de temps', en: 'time entry', permission: 'psa.time-entry.create' }));
  }
}

async function running(ctx: RequestContext, lock = false): Promise<Row | undefined> {
  const qb = ctx.trx('psaTimers as tm').join('psaTickets as tk', 'tk.id', 'tm.ticketId').join('accounts as a', 'a.id', 'tk.accountId')
    .where('tm.userId', ctx.principal.userId)
    .first('tm.ticketId', 'tk.number as ticketNumber', 'tk.title as ticketTitle', 'a.name as accountName', 'tm.startedAt', 'tm.note',
      ctx.trx.raw('floor(extract(epoch from (now() - tm.started_at)))::int as elapsed_seconds'));
  if (lock) qb.forUpdate('tm');
  return (await qb) as Row | undefined;
}

function present(row: Row | undefined): Row | null {
  if (!row) return null;
  return {
    ticketId: row.ticketId, ticketNumber: Number(row.ticketNumber), ticketTitle: row.ticketTitle, accountName: row.accountName,
    startedAt: (row.startedAt as Date).toISOString(), note: (row.note as string | null) ?? null, elapsedSeconds: Math.max(0, Number(row.elapsedSeconds)),
  };
}

async function serverNow(ctx: RequestContext): Promise<string> {
  const { rows } = await ctx.trx.raw<{ rows: Array<{ now: Date }> }>('select now() as now');
  return rows[0]!.now.toISOString();
}

/** The caller's running timer (null when none), and the server's time. */
export async function currentTimer(ctx: RequestContext): Promise<{ timer: Row | null; now: string }> {
  return { timer: present(await running(ctx)), now: await serverNow(ctx) };
}

/**
 * Starts the caller's timer on a ticket. Starting it again on the same ticket answers the one
 * running (a second device, a double click); on another ticket it is refused (409) naming the
 * ticket it runs on.
 */
export async function startTimer(ctx: RequestContext, input: { ticketId: string; note?: string | null }): Promise<{ timer: Row; started: boolean; now: string }> {
  requireTimeEntry(ctx);
  const ticket = await ctx.trx('psaTickets').where({ id: input.ticketId }).first('id');
  if (!ticket) throw new ValidationError([{ field: 'ticketId', message: m('psa.time.no-such-ticket') }]);
  const inserted = await ctx.trx('psaTimers')
    .insert({ tenantId: ctx.principal.tenantId, userId: ctx.principal.userId, ticketId: input.ticketId, note: input.note ?? null })
    .onConflict(['tenantId', 'userId']).ignore().returning('ticketId');
  const now = await running(ctx);
  if (!inserted.length && now && now.ticketId !== input.ticketId) {
    throw new ConflictError(m('psa.time.timer-running', { number: Number(now.ticketNumber), title: String(now.ticketTitle), startedAt: (now.startedAt as Date).toISOString() }), { timer: present(now) });
  }
  return { timer: present(now)!, started: inserted.length > 0, now: await serverNow(ctx) };
}

/** Stops the caller's timer: a draft entry of the elapsed minutes on its ticket (409 when none runs). */
export async function stopTimer(ctx: RequestContext, input: { kind: string; description?: string | null }): Promise<{ entry: Row; elapsedSeconds: number; capped: boolean }> {
  requireTimeEntry(ctx);
  const timer = await running(ctx, true);
  if (!timer) throw new ConflictError(m('psa.time.no-timer'));
  await ctx.trx('psaTimers').where({ userId: ctx.principal.userId }).delete();
  const elapsedSeconds = Math.max(0, Number(timer.elapsedSeconds));
  const whole = Math.max(1, Math.ceil(elapsedSeconds / 60));
  const entry = await createRecord(ctx, psaTimeEntries, {
    ticketId: timer.ticketId, minutes: Math.min(whole, 1440), kind: input.kind,
    description: input.description ?? (timer.note as string | null) ?? null, startedAt: (timer.startedAt as Date).toISOString(),
  });
  return { entry, elapsedSeconds, capped: whole > 1440 };
}

/** Drops the caller's timer without writing time (started by mistake). */
export async function discardTimer(ctx: RequestContext): Promise<void> {
  requireTimeEntry(ctx);
  const removed = await ctx.trx('psaTimers').where({ userId: ctx.principal.userId }).delete();
  if (!removed) throw new ConflictError(m('psa.time.no-timer'));
}
