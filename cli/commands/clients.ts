import type { Command } from 'commander';
import { resolveCollaborator } from '../collaborators';
import { formatDateTime, parseDate, parseDateTime } from '../dates';
import { renderList, renderRecord } from '../output';
import { required } from '../prompt';
import { fetchRecord, listRecords, patchFrom, updateRecord, type ListOptions, type RecordKind } from '../records';
import { emit, withJson, withListOptions, type Context, type JsonFlag } from './common';

export interface Client {
  id: string;
  number: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  firstContactOn: string | null;
  lastContactAt: string | null;
  salesContactId: string | null;
  salesContactName: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const CLIENTS: RecordKind = {
  path: '/events/clients',
  noun: 'client',
  flags: {
    fullName: '--name', email: '--email', phone: '--phone', companyName: '--company', firstContactOn: '--first-contact',
    lastContactAt: '--last-contact', salesContactId: '--sales-contact', notes: '--notes',
  },
};

interface ClientFlags extends JsonFlag {
  name?: string;
  email?: string;
  phone?: string;
  company?: string;
  firstContact?: string;
  lastContact?: string;
  salesContact?: string;
  notes?: string;
  ifVersion?: string;
}

/** An empty flag (`--phone ""`) clears an optional field. */
const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

async function fieldsFrom(ctx: Context, o: ClientFlags): Promise<Record<string, unknown>> {
  const api = ctx.api();
  return patchFrom({
    email: orNull(o.email),
    phone: orNull(o.phone),
    companyName: orNull(o.company),
    firstContactOn: o.firstContact === undefined ? undefined : parseDate(o.firstContact, '--first-contact', ctx.timeZone),
    lastContactAt: o.lastContact === undefined ? undefined : o.lastContact.trim() === '' ? null : parseDateTime(o.lastContact, '--last-contact', ctx.timeZone),
    salesContactId: o.salesContact === undefined ? undefined : await resolveCollaborator(api, o.salesContact, 'sales', '--sales-contact'),
    notes: orNull(o.notes),
  });
}

export function renderClient(c: Client, timeZone: string): string {
  return renderRecord(`Client #${c.number}: ${c.fullName}`, [
    ['Full name', c.fullName],
    ['Company', c.companyName],
    ['Email', c.email],
    ['Phone', c.phone],
    // A calendar date; the first ten characters in case the API answers it as a timestamp.
    ['First contact', c.firstContactOn?.slice(0, 10)],
    ['Last contact', formatDateTime(c.lastContactAt, timeZone)],
    ['Sales contact', c.salesContactName],
    ['Notes', c.notes],
    ['Updated', formatDateTime(c.updatedAt, timeZone)],
    ['Id', c.id],
  ]);
}

function clientFlags(cmd: Command): Command {
  return cmd
    .option('--email <email>', 'email')
    .option('--phone <phone>', 'phone (06 12 34 56 78 or +33 6 12 34 56 78)')
    .option('--company <name>', 'company name')
    .option('--first-contact <date>', 'date of the first contact (2026-04-18)')
    .option('--last-contact <date-time>', 'last contact ("2026-04-18 14:30", Paris time)')
    .option('--sales-contact <who>', 'sales contact: name, email, id, "me" or "none"')
    .option('--notes <text>', 'notes');
}

export function registerClients(program: Command, ctx: Context): void {
  const clients = program.command('clients').description('Epic Events clients: list, show, create, update');

  withListOptions(clients.command('list').description('list clients (everyone can read them all)'), 'fullName, number, createdAt, updatedAt')
    .option('--mine', 'only the clients I am the sales contact of')
    .action(async (o: ListOptions & JsonFlag & { mine?: boolean }) => {
      const page = await listRecords<Client>(ctx.api(), CLIENTS, { salesContactId: o.mine ? 'me' : undefined }, o);
      emit(ctx, o, page, () => renderList(page.items, [
        { header: 'No.', value: (c) => c.number, align: 'right' },
        { header: 'Name', value: (c) => c.fullName },
        { header: 'Company', value: (c) => c.companyName },
        { header: 'Email', value: (c) => c.email },
        { header: 'Phone', value: (c) => c.phone },
        { header: 'Sales contact', value: (c) => c.salesContactName },
        { header: 'Last contact', value: (c) => formatDateTime(c.lastContactAt, ctx.timeZone) },
      ], 'client', page.nextCursor));
    });

  withJson(clients.command('show').argument('<client>', 'client number (12) or id').description('show one client'))
    .action(async (ref: string, o: JsonFlag) => {
      const { body } = await fetchRecord<Client>(ctx.api(), CLIENTS, ref);
      emit(ctx, o, body, () => renderClient(body, ctx.timeZone));
    });

  withJson(clientFlags(clients.command('create').description('create a client (a salesperson becomes its sales contact)')
    .option('--name <full name>', 'full name (required; asked when missing in a terminal)')))
    .action(async (o: ClientFlags) => {
      // Not logged in, or a bad flag: said before any question is asked.
      const api = ctx.api();
      const fields = await fieldsFrom(ctx, o);
      const fullName = await required(o.name, { flag: '--name', label: 'Full name', parse: (t) => t.trim() });
      const created = (await api.post<Client>(CLIENTS.path, { fullName, ...fields }, { flags: CLIENTS.flags })).body;
      emit(ctx, o, created, () => `Created client #${created.number}.\n${renderClient(created, ctx.timeZone)}`);
    });

  withJson(clientFlags(clients.command('update').argument('<client>', 'client number (12) or id').description('change a client (only the flags given)')
    .option('--name <full name>', 'full name'))
    .option('--if-version <n>', 'fail (exit 6) unless the client is still at this version'))
    .action(async (ref: string, o: ClientFlags) => {
      const patch = { ...patchFrom({ fullName: o.name }), ...(await fieldsFrom(ctx, o)) };
      const { body } = await updateRecord<Client>(ctx.api(), CLIENTS, ref, patch, o.ifVersion);
      emit(ctx, o, body, () => `Updated client #${body.number}.\n${renderClient(body, ctx.timeZone)}`);
    });
}
