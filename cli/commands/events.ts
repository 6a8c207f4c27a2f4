import type { Command } from 'commander';
import { resolveCollaborator } from '../collaborators';
import { formatDateTime, parseDateTime } from '../dates';
import { usageError } from '../exit-codes';
import { renderList, renderRecord } from '../output';
import { required } from '../prompt';
import { fetchRecord, listRecords, patchFrom, resolveRef, updateRecord, type ListOptions, type RecordKind } from '../records';
import { CLIENTS } from './clients';
import { emit, withJson, withListOptions, type Context, type JsonFlag } from './common';
import { CONTRACTS } from './contracts';
import { importEvents } from './events-import';

export interface EventRecord {
  id: string;
  number: number;
  name: string;
  contractId: string;
  contractNumber: number;
  clientId: string;
  clientName: string;
  clientEmail: string | null;
  clientPhone: string | null;
  startsAt: string;
  endsAt: string;
  supportContactId: string | null;
  supportContactName: string | null;
  location: string | null;
  attendees: number | null;
  notes: string | null;
  status: 'planned' | 'closed';
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const EVENTS: RecordKind = {
  path: '/events/events',
  noun: 'event',
  flags: {
    name: '--name', contractId: '--contract', startsAt: '--start', endsAt: '--end', supportContactId: '--support',
    location: '--location', attendees: '--attendees', notes: '--notes',
  },
};

export function renderEvent(e: EventRecord, timeZone: string): string {
  return renderRecord(`Event #${e.number}: ${e.name}`, [
    ['Name', e.name],
    ['Contract', `#${e.contractNumber}`],
    ['Client', e.clientName],
    ['Client contact', [e.clientEmail, e.clientPhone].filter(Boolean).join(' ')],
    ['Starts', formatDateTime(e.startsAt, timeZone)],
    ['Ends', formatDateTime(e.endsAt, timeZone)],
    ['Support contact', e.supportContactName],
    ['Location', e.location],
    ['Attendees', e.attendees],
    ['Status', e.status === 'closed' ? `closed, ${formatDateTime(e.closedAt, timeZone)}` : 'planned'],
    ['Notes', e.notes],
    ['Id', e.id],
  ]);
}

function parseAttendees(text: string): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw usageError(`--attendees "${text}" must be a whole number, such as 75.`, [{ field: '--attendees', message: 'is not a whole number' }]);
  return n;
}

interface EventFlags extends JsonFlag {
  contract?: string;
  name?: string;
  start?: string;
  end?: string;
  support?: string;
  location?: string;
  attendees?: string;
  notes?: string;
  ifVersion?: string;
}

interface EventListFlags extends ListOptions, JsonFlag {
  withoutSupport?: boolean;
  withSupport?: boolean;
  mine?: boolean;
  status?: string;
  contract?: string;
  client?: string;
  support?: string;
}

const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

async function optionalFields(ctx: Context, o: EventFlags): Promise<Record<string, unknown>> {
  return patchFrom({
    supportContactId: o.support === undefined ? undefined : await resolveCollaborator(ctx.api(), o.support, 'support', '--support'),
    location: orNull(o.location),
    attendees: o.attendees === undefined ? undefined : o.attendees.trim() === '' ? null : parseAttendees(o.attendees),
    notes: orNull(o.notes),
  });
}

function eventFlags(cmd: Command): Command {
  return cmd
    .option('--location <text>', 'where it takes place')
    .option('--attendees <n>', 'expected number of attendees')
    .option('--notes <text>', 'notes');
}

export function registerEvents(program: Command, ctx: Context): void {
  const events = program.command('events').description('events: list, show, create, update, assign support, close, import a spreadsheet');

  withListOptions(events.command('list').description('list events, soonest first'), 'startsAt, number, createdAt, updatedAt')
    .option('--without-support', 'only events nobody from support is assigned to')
    .option('--with-support', 'only events with a support contact')
    .option('--mine', 'only the events I am the support contact of')
    .option('--status <status>', 'planned or closed')
    .option('--contract <contract>', 'only this contract\'s events (number or id)')
    .option('--client <client>', 'only this client\'s events (number or id)')
    .option('--support <who>', 'only events of this support contact: name, email, id or "me"')
    .action(async (o: EventListFlags) => {
      if (o.withSupport && o.withoutSupport) throw usageError('--with-support and --without-support exclude each other: give one.');
      if (o.status && !['planned', 'closed'].includes(o.status)) throw usageError(`--status "${o.status}" must be planned or closed.`, [{ field: '--status', message: 'must be planned or closed' }]);
      const api = ctx.api();
      const page = await listRecords<EventRecord>(api, EVENTS, {
        withoutSupport: o.withoutSupport ? 'true' : o.withSupport ? 'false' : undefined,
        mine: o.mine ? 'true' : undefined,
        status: o.status,
        contractId: o.contract ? await resolveRef(api, CONTRACTS, o.contract, '--contract') : undefined,
        clientId: o.client ? await resolveRef(api, CLIENTS, o.client, '--client') : undefined,
        supportContactId: o.support ? (await resolveCollaborator(api, o.support, 'support', '--support')) ?? 'null' : undefined,
      }, o);
      emit(ctx, o, page, () => renderList(page.items, [
        { header: 'No.', value: (e) => e.number, align: 'right' },
        { header: 'Name', value: (e) => e.name },
        { header: 'Client', value: (e) => e.clientName },
        { header: 'Starts', value: (e) => formatDateTime(e.startsAt, ctx.timeZone) },
        { header: 'Ends', value: (e) => formatDateTime(e.endsAt, ctx.timeZone) },
        { header: 'Support', value: (e) => e.supportContactName ?? '(none)' },
        { header: 'Location', value: (e) => e.location },
        { header: 'Attendees', value: (e) => e.attendees, align: 'right' },
        { header: 'Status', value: (e) => e.status },
      ], 'event', page.nextCursor));
    });

  withJson(events.command('show').argument('<event>', 'event number (12) or id').description('show one event'))
    .action(async (ref: string, o: JsonFlag) => {
      const { body } = await fetchRecord<EventRecord>(ctx.api(), EVENTS, ref);
      emit(ctx, o, body, () => renderEvent(body, ctx.timeZone));
    });

  withJson(eventFlags(events.command('create').description('create an event for a signed contract (the client\'s sales contact)')
    .option('--contract <contract>', 'the signed contract (number or id; required)')
    .option('--name <name>', 'event name (required)')
    .option('--start <date-time>', 'start: "2026-06-04 13:00" (Paris time) or ISO 8601 (required)')
    .option('--end <date-time>', 'end, same formats (required)')))
    .action(async (o: EventFlags) => {
      const api = ctx.api();
      // Flags given are checked before anything is asked or sent, so that a typo fails fast.
      const start = o.start === undefined ? undefined : parseDateTime(o.start, '--start', ctx.timeZone);
      const end = o.end === undefined ? undefined : parseDateTime(o.end, '--end', ctx.timeZone);
      const optional = await optionalFields(ctx, o);
      const contractId = await required(o.contract, { flag: '--contract', label: 'Contract (number or id)', parse: (t) => resolveRef(api, CONTRACTS, t, '--contract') });
      const name = await required(o.name, { flag: '--name', label: 'Event name', parse: (t) => t.trim() });
      const startsAt = start ?? await required(undefined, { flag: '--start', label: 'Starts (2026-06-04 13:00)', parse: (t) => parseDateTime(t, '--start', ctx.timeZone) });
      const endsAt = end ?? await required(undefined, { flag: '--end', label: 'Ends (2026-06-05 02:00)', parse: (t) => parseDateTime(t, '--end', ctx.timeZone) });
      const body = { contractId, name, startsAt, endsAt, ...optional };
      const created = (await api.post<EventRecord>(EVENTS.path, body, { flags: EVENTS.flags })).body;
      emit(ctx, o, created, () => `Created event #${created.number}.\n${renderEvent(created, ctx.timeZone)}`);
    });

  withJson(eventFlags(events.command('update').argument('<event>', 'event number (12) or id').description('change an event (only the flags given)')
    .option('--name <name>', 'event name')
    .option('--start <date-time>', 'start')
    .option('--end <date-time>', 'end')
    .option('--support <who>', 'support contact: name, email, id, "me" or "none"'))
    .option('--if-version <n>', 'fail (exit 6) unless the event is still at this version'))
    .action(async (ref: string, o: EventFlags) => {
      const patch = {
        ...patchFrom({
          name: o.name,
          startsAt: o.start === undefined ? undefined : parseDateTime(o.start, '--start', ctx.timeZone),
          endsAt: o.end === undefined ? undefined : parseDateTime(o.end, '--end', ctx.timeZone),
        }),
        ...(await optionalFields(ctx, o)),
      };
      const { body } = await updateRecord<EventRecord>(ctx.api(), EVENTS, ref, patch, o.ifVersion);
      emit(ctx, o, body, () => `Updated event #${body.number}.\n${renderEvent(body, ctx.timeZone)}`);
    });

  withJson(events.command('assign-support').argument('<event>', 'event number (12) or id')
    .argument('<who>', 'the support collaborator: name, email or id ("none" to unassign)')
    .description('choose who from support runs an event (management)')
    .option('--if-version <n>', 'fail (exit 6) unless the event is still at this version'))
    .action(async (ref: string, who: string, o: JsonFlag & { ifVersion?: string }) => {
      const api = ctx.api();
      const supportContactId = await resolveCollaborator(api, who, 'support', '<who>');
      const { body } = await updateRecord<EventRecord>(api, EVENTS, ref, { supportContactId }, o.ifVersion);
      emit(ctx, o, body, () => (body.supportContactName
        ? `Event #${body.number} (${body.name}) is now run by ${body.supportContactName}.`
        : `Event #${body.number} (${body.name}) has no support contact any more.`));
    });

  withJson(events.command('close').argument('<event>', 'event number (12) or id').description('close an event that is over, with its notes (its support contact)')
    .option('--notes <text>', 'how it went; replaces the event\'s notes'))
    .action(async (ref: string, o: JsonFlag & { notes?: string }) => {
      const api = ctx.api();
      const id = await resolveRef(api, EVENTS, ref);
      const closed = (await api.post<EventRecord>(`${EVENTS.path}/${id}/close`, patchFrom({ notes: o.notes }), { flags: EVENTS.flags })).body;
      emit(ctx, o, closed, () => `Event #${closed.number} is closed.\n${renderEvent(closed, ctx.timeZone)}`);
    });

  withJson(events.command('import').argument('<file>', 'an .xlsx file, one sheet per event as in the current spreadsheet')
    .description('import events from the spreadsheet Epic Events used before (management)')
    .option('--dry-run', 'report what would be imported, write nothing'))
    .action((file: string, o: JsonFlag & { dryRun?: boolean }) => importEvents(ctx, file, o));
}
