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
import { tr } from '../i18n';

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
  command: 'events',
  noun: { fr: ['événement', 'événements'], en: ['event', 'events'] },
  flags: {
    name: '--name', contractId: '--contract', startsAt: '--start', endsAt: '--end', supportContactId: '--support',
    location: '--location', attendees: '--attendees', notes: '--notes',
  },
};

export function renderEvent(e: EventRecord, timeZone: string): string {
  return renderRecord(tr(`Événement n° ${e.number} : ${e.name}`, `Event #${e.number}: ${e.name}`), [
    [tr('Nom', 'Name'), e.name],
    [tr('Contrat', 'Contract'), tr(`n° ${e.contractNumber}`, `#${e.contractNumber}`)],
    [tr('Client', 'Client'), e.clientName],
    [tr('Contact du client', 'Client contact'), [e.clientEmail, e.clientPhone].filter(Boolean).join(' ')],
    [tr('Début', 'Starts'), formatDateTime(e.startsAt, timeZone)],
    [tr('Fin', 'Ends'), formatDateTime(e.endsAt, timeZone)],
    [tr('Support', 'Support contact'), e.supportContactName],
    [tr('Lieu', 'Location'), e.location],
    [tr('Participants', 'Attendees'), e.attendees],
    [tr('Statut', 'Status'), e.status === 'closed' ? `${status('closed')}, ${formatDateTime(e.closedAt, timeZone)}` : status('planned')],
    [tr('Notes', 'Notes'), e.notes],
    [tr('Identifiant', 'Id'), e.id],
  ]);
}

/** An event's status: planned or closed. */
const status = (value: string) => tr(({ planned: 'prévu', closed: 'clôturé' } as Record<string, string>)[value] ?? value, value);

function parseAttendees(text: string): number {
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw usageError(
      tr(`--attendees "${text}" doit être un nombre entier, comme 75.`, `--attendees "${text}" must be a whole number, such as 75.`),
      [{ field: '--attendees', message: tr('n\'est pas un nombre entier', 'is not a whole number') }],
    );
  }
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

const NUMBER_OR_ID = () => tr('numéro de l\'événement (12) ou identifiant', 'event number (12) or id');

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
    .option(tr('--location <texte>', '--location <text>'), tr('où il a lieu', 'where it takes place'))
    .option('--attendees <n>', tr('nombre de participants attendus', 'expected number of attendees'))
    .option(tr('--notes <texte>', '--notes <text>'), tr('notes', 'notes'));
}

export function registerEvents(program: Command, ctx: Context): void {
  const events = program.command('events').description(tr(
    'événements : lister, afficher, créer, modifier, affecter le support, clôturer, importer un classeur',
    'events: list, show, create, update, assign support, close, import a spreadsheet',
  ));

  withListOptions(events.command('list').description(tr('liste les événements, les plus proches d\'abord', 'list events, soonest first')), 'startsAt, number, createdAt, updatedAt')
    .option('--without-support', tr('seulement les événements sans personne du support', 'only events nobody from support is assigned to'))
    .option('--with-support', tr('seulement les événements qui ont un support', 'only events with a support contact'))
    .option('--mine', tr('seulement les événements dont je suis le support', 'only the events I am the support contact of'))
    .option(tr('--status <statut>', '--status <status>'), tr('planned (prévu) ou closed (clôturé)', 'planned or closed'))
    .option(tr('--contract <contrat>', '--contract <contract>'), tr('seulement les événements de ce contrat (numéro ou identifiant)', 'only this contract\'s events (number or id)'))
    .option('--client <client>', tr('seulement les événements de ce client (numéro ou identifiant)', 'only this client\'s events (number or id)'))
    .option(tr('--support <qui>', '--support <who>'), tr('seulement les événements de ce support : nom, e-mail, identifiant ou « me »', 'only events of this support contact: name, email, id or "me"'))
    .action(async (o: EventListFlags) => {
      if (o.withSupport && o.withoutSupport) throw usageError(tr('--with-support et --without-support s\'excluent : donnez-en une.', '--with-support and --without-support exclude each other: give one.'));
      if (o.status && !['planned', 'closed'].includes(o.status)) {
        throw usageError(
          tr(`--status "${o.status}" doit valoir planned ou closed.`, `--status "${o.status}" must be planned or closed.`),
          [{ field: '--status', message: tr('doit valoir planned ou closed', 'must be planned or closed') }],
        );
      }
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
        { header: tr('N°', 'No.'), value: (e) => e.number, align: 'right' },
        { header: tr('Nom', 'Name'), value: (e) => e.name },
        { header: tr('Client', 'Client'), value: (e) => e.clientName },
        { header: tr('Début', 'Starts'), value: (e) => formatDateTime(e.startsAt, ctx.timeZone) },
        { header: tr('Fin', 'Ends'), value: (e) => formatDateTime(e.endsAt, ctx.timeZone) },
        { header: tr('Support', 'Support'), value: (e) => e.supportContactName ?? tr('(aucun)', '(none)') },
        { header: tr('Lieu', 'Location'), value: (e) => e.location },
        { header: tr('Participants', 'Attendees'), value: (e) => e.attendees, align: 'right' },
        { header: tr('Statut', 'Status'), value: (e) => status(e.status) },
      ], EVENTS.noun, page.nextCursor));
    });

  withJson(events.command('show').argument('<event>', NUMBER_OR_ID()).description(tr('affiche un événement', 'show one event')))
    .action(async (ref: string, o: JsonFlag) => {
      const { body } = await fetchRecord<EventRecord>(ctx.api(), EVENTS, ref);
      emit(ctx, o, body, () => renderEvent(body, ctx.timeZone));
    });

  withJson(eventFlags(events.command('create').description(tr('crée un événement pour un contrat signé (le commercial du client)', 'create an event for a signed contract (the client\'s sales contact)'))
    .option(tr('--contract <contrat>', '--contract <contract>'), tr('le contrat signé (numéro ou identifiant ; obligatoire)', 'the signed contract (number or id; required)'))
    .option(tr('--name <nom>', '--name <name>'), tr('nom de l\'événement (obligatoire)', 'event name (required)'))
    .option(tr('--start <date-heure>', '--start <date-time>'), tr('début : « 2026-06-04 13:00 » (heure de Paris) ou ISO 8601 (obligatoire)', 'start: "2026-06-04 13:00" (Paris time) or ISO 8601 (required)'))
    .option(tr('--end <date-heure>', '--end <date-time>'), tr('fin, mêmes formats (obligatoire)', 'end, same formats (required)'))))
    .action(async (o: EventFlags) => {
      const api = ctx.api();
      // Flags given are checked before anything is asked or sent, so that a typo fails fast.
      const start = o.start === undefined ? undefined : parseDateTime(o.start, '--start', ctx.timeZone);
      const end = o.end === undefined ? undefined : parseDateTime(o.end, '--end', ctx.timeZone);
      const optional = await optionalFields(ctx, o);
      const contractId = await required(o.contract, { flag: '--contract', label: tr('Contrat (numéro ou identifiant)', 'Contract (number or id)'), parse: (t) => resolveRef(api, CONTRACTS, t, '--contract') });
      const name = await required(o.name, { flag: '--name', label: tr('Nom de l\'événement', 'Event name'), parse: (t) => t.trim() });
      const startsAt = start ?? await required(undefined, { flag: '--start', label: tr('Début (2026-06-04 13:00)', 'Starts (2026-06-04 13:00)'), parse: (t) => parseDateTime(t, '--start', ctx.timeZone) });
      const endsAt = end ?? await required(undefined, { flag: '--end', label: tr('Fin (2026-06-05 02:00)', 'Ends (2026-06-05 02:00)'), parse: (t) => parseDateTime(t, '--end', ctx.timeZone) });
      const body = { contractId, name, startsAt, endsAt, ...optional };
      const created = (await api.post<EventRecord>(EVENTS.path, body, { flags: EVENTS.flags })).body;
      emit(ctx, o, created, () => `${tr(`Événement n° ${created.number} créé.`, `Created event #${created.number}.`)}\n${renderEvent(created, ctx.timeZone)}`);
    });

  withJson(eventFlags(events.command('update').argument('<event>', NUMBER_OR_ID()).description(tr('modifie un événement (seulement les options données)', 'change an event (only the flags given)'))
    .option(tr('--name <nom>', '--name <name>'), tr('nom de l\'événement', 'event name'))
    .option(tr('--start <date-heure>', '--start <date-time>'), tr('début', 'start'))
    .option(tr('--end <date-heure>', '--end <date-time>'), tr('fin', 'end'))
    .option(tr('--support <qui>', '--support <who>'), tr('support : nom, e-mail, identifiant, « me » ou « none »', 'support contact: name, email, id, "me" or "none"')))
    .option('--if-version <n>', tr('échoue (code 6) si l\'événement n\'est plus à cette version', 'fail (exit 6) unless the event is still at this version')))
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
      emit(ctx, o, body, () => `${tr(`Événement n° ${body.number} modifié.`, `Updated event #${body.number}.`)}\n${renderEvent(body, ctx.timeZone)}`);
    });

  withJson(events.command('assign-support').argument('<event>', NUMBER_OR_ID())
    .argument('<who>', tr('le collaborateur du support : nom, e-mail ou identifiant (« none » pour désaffecter)', 'the support collaborator: name, email or id ("none" to unassign)'))
    .description(tr('choisit qui, au support, s\'occupe d\'un événement (gestion)', 'choose who from support runs an event (management)'))
    .option('--if-version <n>', tr('échoue (code 6) si l\'événement n\'est plus à cette version', 'fail (exit 6) unless the event is still at this version')))
    .action(async (ref: string, who: string, o: JsonFlag & { ifVersion?: string }) => {
      const api = ctx.api();
      const supportContactId = await resolveCollaborator(api, who, 'support', '<who>');
      const { body } = await updateRecord<EventRecord>(api, EVENTS, ref, { supportContactId }, o.ifVersion);
      emit(ctx, o, body, () => (body.supportContactName
        ? tr(`L'événement n° ${body.number} (${body.name}) est désormais suivi par ${body.supportContactName}.`, `Event #${body.number} (${body.name}) is now run by ${body.supportContactName}.`)
        : tr(`L'événement n° ${body.number} (${body.name}) n'a plus de support.`, `Event #${body.number} (${body.name}) has no support contact any more.`)));
    });

  withJson(events.command('close').argument('<event>', NUMBER_OR_ID()).description(tr('clôture un événement terminé, avec ses notes (son support)', 'close an event that is over, with its notes (its support contact)'))
    .option(tr('--notes <texte>', '--notes <text>'), tr('comment il s\'est passé ; remplace les notes de l\'événement', 'how it went; replaces the event\'s notes')))
    .action(async (ref: string, o: JsonFlag & { notes?: string }) => {
      const api = ctx.api();
      const id = await resolveRef(api, EVENTS, ref);
      const closed = (await api.post<EventRecord>(`${EVENTS.path}/${id}/close`, patchFrom({ notes: o.notes }), { flags: EVENTS.flags })).body;
      emit(ctx, o, closed, () => `${tr(`L'événement n° ${closed.number} est clôturé.`, `Event #${closed.number} is closed.`)}\n${renderEvent(closed, ctx.timeZone)}`);
    });

  withJson(events.command('import').argument('<file>', tr('un fichier .xlsx, une feuille par événement comme dans le classeur actuel', 'an .xlsx file, one sheet per event as in the current spreadsheet'))
    .description(tr('importe les événements du classeur qu\'Epic Events utilisait avant (gestion)', 'import events from the spreadsheet Epic Events used before (management)'))
    .option('--dry-run', tr('dit ce qui serait importé, sans rien écrire', 'report what would be imported, write nothing')))
    .action((file: string, o: JsonFlag & { dryRun?: boolean }) => importEvents(ctx, file, o));
}
