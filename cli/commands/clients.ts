import type { Command } from 'commander';
import { resolveCollaborator } from '../collaborators';
import { formatDateTime, parseDate, parseDateTime } from '../dates';
import { renderList, renderRecord } from '../output';
import { required } from '../prompt';
import { fetchRecord, listRecords, patchFrom, updateRecord, type ListOptions, type RecordKind } from '../records';
import { emit, withJson, withListOptions, type Context, type JsonFlag } from './common';
import { tr } from '../i18n';

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
  command: 'clients',
  noun: { fr: ['client', 'clients'], en: ['client', 'clients'] },
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
  return renderRecord(tr(`Client n° ${c.number} : ${c.fullName}`, `Client #${c.number}: ${c.fullName}`), [
    [tr('Nom complet', 'Full name'), c.fullName],
    [tr('Société', 'Company'), c.companyName],
    [tr('E-mail', 'Email'), c.email],
    [tr('Téléphone', 'Phone'), c.phone],
    // A calendar date; the first ten characters in case the API answers it as a timestamp.
    [tr('Premier contact', 'First contact'), c.firstContactOn?.slice(0, 10)],
    [tr('Dernier contact', 'Last contact'), formatDateTime(c.lastContactAt, timeZone)],
    [tr('Commercial', 'Sales contact'), c.salesContactName],
    [tr('Notes', 'Notes'), c.notes],
    [tr('Modifié', 'Updated'), formatDateTime(c.updatedAt, timeZone)],
    [tr('Identifiant', 'Id'), c.id],
  ]);
}

function clientFlags(cmd: Command): Command {
  return cmd
    .option('--email <email>', tr('e-mail', 'email'))
    .option(tr('--phone <téléphone>', '--phone <phone>'), tr('téléphone (06 12 34 56 78 ou +33 6 12 34 56 78)', 'phone (06 12 34 56 78 or +33 6 12 34 56 78)'))
    .option(tr('--company <nom>', '--company <name>'), tr('nom de la société', 'company name'))
    .option('--first-contact <date>', tr('date du premier contact (2026-04-18)', 'date of the first contact (2026-04-18)'))
    .option(tr('--last-contact <date-heure>', '--last-contact <date-time>'), tr('dernier contact (« 2026-04-18 14:30 », heure de Paris)', 'last contact ("2026-04-18 14:30", Paris time)'))
    .option(tr('--sales-contact <qui>', '--sales-contact <who>'), tr('commercial : nom, e-mail, identifiant, « me » ou « none »', 'sales contact: name, email, id, "me" or "none"'))
    .option(tr('--notes <texte>', '--notes <text>'), tr('notes', 'notes'));
}

export function registerClients(program: Command, ctx: Context): void {
  const clients = program.command('clients').description(tr('clients d\'Epic Events : lister, afficher, créer, modifier', 'Epic Events clients: list, show, create, update'));

  withListOptions(clients.command('list').description(tr('liste les clients (chacun peut tous les lire)', 'list clients (everyone can read them all)')), 'fullName, number, createdAt, updatedAt')
    .option('--mine', tr('seulement les clients dont je suis le commercial', 'only the clients I am the sales contact of'))
    .action(async (o: ListOptions & JsonFlag & { mine?: boolean }) => {
      const page = await listRecords<Client>(ctx.api(), CLIENTS, { salesContactId: o.mine ? 'me' : undefined }, o);
      emit(ctx, o, page, () => renderList(page.items, [
        { header: tr('N°', 'No.'), value: (c) => c.number, align: 'right' },
        { header: tr('Nom', 'Name'), value: (c) => c.fullName },
        { header: tr('Société', 'Company'), value: (c) => c.companyName },
        { header: tr('E-mail', 'Email'), value: (c) => c.email },
        { header: tr('Téléphone', 'Phone'), value: (c) => c.phone },
        { header: tr('Commercial', 'Sales contact'), value: (c) => c.salesContactName },
        { header: tr('Dernier contact', 'Last contact'), value: (c) => formatDateTime(c.lastContactAt, ctx.timeZone) },
      ], CLIENTS.noun, page.nextCursor));
    });

  withJson(clients.command('show').argument('<client>', tr('numéro du client (12) ou identifiant', 'client number (12) or id')).description(tr('affiche un client', 'show one client')))
    .action(async (ref: string, o: JsonFlag) => {
      const { body } = await fetchRecord<Client>(ctx.api(), CLIENTS, ref);
      emit(ctx, o, body, () => renderClient(body, ctx.timeZone));
    });

  withJson(clientFlags(clients.command('create').description(tr('crée un client (un commercial en devient le commercial)', 'create a client (a salesperson becomes its sales contact)'))
    .option(tr('--name <nom complet>', '--name <full name>'), tr('nom complet (obligatoire ; demandé s\'il manque, dans un terminal)', 'full name (required; asked when missing in a terminal)'))))
    .action(async (o: ClientFlags) => {
      // Not logged in, or a bad flag: said before any question is asked.
      const api = ctx.api();
      const fields = await fieldsFrom(ctx, o);
      const fullName = await required(o.name, { flag: '--name', label: tr('Nom complet', 'Full name'), parse: (t) => t.trim() });
      const created = (await api.post<Client>(CLIENTS.path, { fullName, ...fields }, { flags: CLIENTS.flags })).body;
      emit(ctx, o, created, () => `${tr(`Client n° ${created.number} créé.`, `Created client #${created.number}.`)}\n${renderClient(created, ctx.timeZone)}`);
    });

  withJson(clientFlags(clients.command('update').argument('<client>', tr('numéro du client (12) ou identifiant', 'client number (12) or id'))
    .description(tr('modifie un client (seulement les options données)', 'change a client (only the flags given)'))
    .option(tr('--name <nom complet>', '--name <full name>'), tr('nom complet', 'full name')))
    .option('--if-version <n>', tr('échoue (code 6) si le client n\'est plus à cette version', 'fail (exit 6) unless the client is still at this version')))
    .action(async (ref: string, o: ClientFlags) => {
      const patch = { ...patchFrom({ fullName: o.name }), ...(await fieldsFrom(ctx, o)) };
      const { body } = await updateRecord<Client>(ctx.api(), CLIENTS, ref, patch, o.ifVersion);
      emit(ctx, o, body, () => `${tr(`Client n° ${body.number} modifié.`, `Updated client #${body.number}.`)}\n${renderClient(body, ctx.timeZone)}`);
    });
}
