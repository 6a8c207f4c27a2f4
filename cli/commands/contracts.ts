import type { Command } from 'commander';
import { CliError, usageError } from '../exit-codes';
import { formatDate, formatDateTime, parseDate } from '../dates';
import { formatCents, parseAmount } from '../money';
import { renderList, renderRecord, renderTable, yesNo } from '../output';
import { required } from '../prompt';
import { fetchRecord, listRecords, patchFrom, resolveRef, updateRecord, type ListOptions, type RecordKind } from '../records';
import { CLIENTS } from './clients';
import { emit, withJson, withListOptions, type Context, type JsonFlag } from './common';
import { tr } from '../i18n';

export interface Contract {
  id: string;
  number: number;
  clientId: string;
  clientName: string;
  salesContactId: string | null;
  salesContactName: string | null;
  totalAmountCents: number;
  amountDueCents: number;
  currency: string;
  signed: boolean;
  signedAt: string | null;
  notes: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Payment {
  id: string;
  amountCents: number;
  paidOn: string;
  method: string;
  reference: string | null;
}

export const CONTRACTS: RecordKind = {
  path: '/events/contracts',
  command: 'contracts',
  noun: { fr: ['contrat', 'contrats'], en: ['contract', 'contracts'] },
  flags: { clientId: '--client', totalAmountCents: '--total', amountDueCents: '--due', notes: '--notes', amountCents: '--amount', paidOn: '--on', method: '--method', reference: '--reference' },
};

const METHODS = ['transfer', 'card', 'cheque', 'cash', 'other'];
/** Payment methods as French says them (the API's keys stay as they are). */
const METHOD_NAMES: Record<string, string> = { transfer: 'virement', card: 'carte', cheque: 'chèque', cash: 'espèces', other: 'autre' };
const method = (key: string) => tr(METHOD_NAMES[key] ?? key, key);

export function renderContract(c: Contract, timeZone: string, payments?: Payment[]): string {
  const view = renderRecord(tr(`Contrat n° ${c.number} de ${c.clientName}`, `Contract #${c.number} for ${c.clientName}`), [
    [tr('Client', 'Client'), c.clientName],
    [tr('Commercial', 'Sales contact'), c.salesContactName],
    [tr('Total', 'Total'), formatCents(c.totalAmountCents)],
    [tr('Reste dû', 'Amount due'), formatCents(c.amountDueCents)],
    [tr('Signé', 'Signed'), c.signed ? `${yesNo(true)}, ${formatDateTime(c.signedAt, timeZone)}` : yesNo(false)],
    [tr('Créé', 'Created'), formatDateTime(c.createdAt, timeZone)],
    [tr('Notes', 'Notes'), c.notes],
    [tr('Identifiant', 'Id'), c.id],
  ]);
  if (!payments?.length) return view;
  return `${view}\n${tr('Paiements', 'Payments')}\n${renderTable(payments, [
    { header: tr('Payé le', 'Paid on'), value: (p) => p.paidOn },
    { header: tr('Montant', 'Amount'), value: (p) => formatCents(p.amountCents), align: 'right' },
    { header: tr('Moyen', 'Method'), value: (p) => method(p.method) },
    { header: tr('Référence', 'Reference'), value: (p) => p.reference },
  ])}`;
}

interface ContractFlags extends JsonFlag {
  client?: string;
  total?: string;
  due?: string;
  notes?: string;
  ifVersion?: string;
}

interface ContractListFlags extends ListOptions, JsonFlag {
  unsigned?: boolean;
  signed?: boolean;
  unpaid?: boolean;
  paid?: boolean;
  mine?: boolean;
  client?: string;
}

const NUMBER_OR_ID = () => tr('numéro du contrat (12) ou identifiant', 'contract number (12) or id');

const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

export function registerContracts(program: Command, ctx: Context): void {
  const contracts = program.command('contracts').description(tr(
    'contrats : lister, afficher, créer, modifier, signer, enregistrer des paiements', 'contracts: list, show, create, update, sign, record payments',
  ));

  withListOptions(contracts.command('list').description(tr('liste les contrats, les plus récents d\'abord', 'list contracts, newest first')), 'number, amountDueCents, createdAt, updatedAt')
    .option('--unsigned', tr('seulement les contrats pas encore signés', 'only contracts not signed yet'))
    .option('--signed', tr('seulement les contrats signés', 'only signed contracts'))
    .option('--unpaid', tr('seulement les contrats pas entièrement payés', 'only contracts not fully paid'))
    .option('--paid', tr('seulement les contrats entièrement payés', 'only fully paid contracts'))
    .option('--mine', tr('seulement les contrats de mes clients (j\'en suis le commercial)', 'only contracts of my clients (I am their sales contact)'))
    .option('--client <client>', tr('seulement les contrats de ce client (numéro ou identifiant)', 'only this client\'s contracts (number or id)'))
    .action(async (o: ContractListFlags) => {
      if (o.signed && o.unsigned) throw usageError(tr('--signed et --unsigned s\'excluent : donnez-en une.', '--signed and --unsigned exclude each other: give one.'));
      if (o.paid && o.unpaid) throw usageError(tr('--paid et --unpaid s\'excluent : donnez-en une.', '--paid and --unpaid exclude each other: give one.'));
      const api = ctx.api();
      const page = await listRecords<Contract>(api, CONTRACTS, {
        signed: o.unsigned ? 'false' : o.signed ? 'true' : undefined,
        fullyPaid: o.unpaid ? 'false' : o.paid ? 'true' : undefined,
        salesContactId: o.mine ? 'me' : undefined,
        clientId: o.client ? await resolveRef(api, CLIENTS, o.client, '--client') : undefined,
      }, o);
      emit(ctx, o, page, () => renderList(page.items, [
        { header: tr('N°', 'No.'), value: (c) => c.number, align: 'right' },
        { header: tr('Client', 'Client'), value: (c) => c.clientName },
        { header: tr('Commercial', 'Sales contact'), value: (c) => c.salesContactName },
        { header: tr('Total', 'Total'), value: (c) => formatCents(c.totalAmountCents), align: 'right' },
        { header: tr('Reste dû', 'Due'), value: (c) => formatCents(c.amountDueCents), align: 'right' },
        { header: tr('Signé', 'Signed'), value: (c) => yesNo(c.signed) },
        { header: tr('Créé', 'Created'), value: (c) => formatDateTime(c.createdAt, ctx.timeZone).slice(0, 10) },
      ], CONTRACTS.noun, page.nextCursor));
    });

  withJson(contracts.command('show').argument('<contract>', NUMBER_OR_ID()).description(tr('affiche un contrat et ses paiements', 'show one contract and its payments')))
    .action(async (ref: string, o: JsonFlag) => {
      const api = ctx.api();
      const { body } = await fetchRecord<Contract>(api, CONTRACTS, ref);
      if (o.json) return emit(ctx, o, body, () => '');
      // Payments are a detail: a role that may not read them still sees the contract.
      const payments = await api.get<{ items: Payment[] }>(`${CONTRACTS.path}/${body.id}/payments`).then((r) => r.body.items, (e) => {
        if (e instanceof CliError && (e.status === 403 || e.status === 404)) return undefined;
        throw e;
      });
      emit(ctx, o, body, () => renderContract(body, ctx.timeZone, payments));
    });

  withJson(contracts.command('create').description(tr('crée un contrat pour un client (gestion)', 'create a contract for a client (management)'))
    .option('--client <client>', tr('le client (numéro ou identifiant ; obligatoire)', 'the client (number or id; required)'))
    .option(tr('--total <montant>', '--total <amount>'), tr('montant total en euros : 1500, 1500.50, « 1 500,50 € » (obligatoire)', 'total amount in euros: 1500, 1500.50, "1 500,50 €" (required)'))
    .option(tr('--due <montant>', '--due <amount>'), tr('reste à payer (par défaut : le total)', 'amount still to pay (default: the total)'))
    .option(tr('--notes <texte>', '--notes <text>'), tr('notes', 'notes')))
    .action(async (o: ContractFlags) => {
      const api = ctx.api();
      // Flags given are checked before anything is asked or sent, so that a typo fails fast.
      const total = o.total === undefined ? undefined : parseAmount(o.total, '--total');
      const amountDueCents = o.due === undefined ? undefined : parseAmount(o.due, '--due');
      const clientId = await required(o.client, { flag: '--client', label: tr('Client (numéro ou identifiant)', 'Client (number or id)'), parse: (t) => resolveRef(api, CLIENTS, t, '--client') });
      const totalAmountCents = total ?? await required(undefined, { flag: '--total', label: tr('Montant total (€)', 'Total amount (€)'), parse: (t) => parseAmount(t, '--total') });
      const body = patchFrom({ clientId, totalAmountCents, amountDueCents, notes: orNull(o.notes) ?? undefined });
      const created = (await api.post<Contract>(CONTRACTS.path, body, { flags: CONTRACTS.flags })).body;
      emit(ctx, o, created, () => `${tr(`Contrat n° ${created.number} créé.`, `Created contract #${created.number}.`)}\n${renderContract(created, ctx.timeZone)}`);
    });

  withJson(contracts.command('update').argument('<contract>', NUMBER_OR_ID()).description(tr('modifie les montants ou les notes d\'un contrat', 'change a contract\'s amounts or notes'))
    .option(tr('--total <montant>', '--total <amount>'), tr('montant total en euros', 'total amount in euros'))
    .option(tr('--due <montant>', '--due <amount>'), tr('reste à payer', 'amount still to pay'))
    .option(tr('--notes <texte>', '--notes <text>'), tr('notes ("" les efface)', 'notes ("" clears them)'))
    .option('--if-version <n>', tr('échoue (code 6) si le contrat n\'est plus à cette version', 'fail (exit 6) unless the contract is still at this version')))
    .action(async (ref: string, o: ContractFlags) => {
      const patch = patchFrom({
        totalAmountCents: o.total === undefined ? undefined : parseAmount(o.total, '--total'),
        amountDueCents: o.due === undefined ? undefined : parseAmount(o.due, '--due'),
        notes: orNull(o.notes),
      });
      const { body } = await updateRecord<Contract>(ctx.api(), CONTRACTS, ref, patch, o.ifVersion);
      emit(ctx, o, body, () => `${tr(`Contrat n° ${body.number} modifié.`, `Updated contract #${body.number}.`)}\n${renderContract(body, ctx.timeZone)}`);
    });

  withJson(contracts.command('sign').argument('<contract>', NUMBER_OR_ID()).description(tr('marque un contrat comme signé par le client', 'mark a contract as signed by the client')))
    .action(async (ref: string, o: JsonFlag) => {
      const api = ctx.api();
      const id = await resolveRef(api, CONTRACTS, ref);
      const signed = (await api.post<Contract>(`${CONTRACTS.path}/${id}/sign`)).body;
      emit(ctx, o, signed, () => `${tr(`Le contrat n° ${signed.number} est signé.`, `Contract #${signed.number} is signed.`)}\n${renderContract(signed, ctx.timeZone)}`);
    });

  withJson(contracts.command('pay').argument('<contract>', NUMBER_OR_ID()).description(tr('enregistre un paiement sur le reste dû (gestion)', 'record a payment against the amount due (management)'))
    .option(tr('--amount <montant>', '--amount <amount>'), tr('montant reçu en euros (obligatoire)', 'amount received in euros (required)'))
    .option('--on <date>', tr('date de réception (par défaut : aujourd\'hui)', 'date received (default: today)'))
    .option(tr('--method <moyen>', '--method <method>'), tr(`${METHODS.join(', ')} (transfer : un virement)`, METHODS.join(', ')), 'transfer')
    .option(tr('--reference <texte>', '--reference <text>'), tr('référence bancaire, numéro de chèque…', 'bank reference, cheque number…')))
    .action(async (ref: string, o: JsonFlag & { amount?: string; on?: string; method: string; reference?: string }) => {
      const api = ctx.api();
      if (!METHODS.includes(o.method)) {
        throw usageError(
          tr(`--method "${o.method}" doit valoir l'un de ${METHODS.join(', ')}.`, `--method "${o.method}" must be one of ${METHODS.join(', ')}.`),
          [{ field: '--method', message: tr('n\'est pas un moyen de paiement', 'is not a payment method') }],
        );
      }
      const amountCents = await required(o.amount, { flag: '--amount', label: tr('Montant reçu (€)', 'Amount received (€)'), parse: (t) => parseAmount(t, '--amount') });
      const id = await resolveRef(api, CONTRACTS, ref);
      const body = patchFrom({
        amountCents, method: o.method, reference: o.reference,
        paidOn: o.on === undefined ? formatDate(new Date(), ctx.timeZone) : parseDate(o.on, '--on', ctx.timeZone),
      });
      const result = (await api.post<{ payment: Payment; contract: Contract }>(`${CONTRACTS.path}/${id}/payments`, body, { flags: CONTRACTS.flags })).body;
      emit(ctx, o, result, () => tr(
        `${formatCents(result.payment.amountCents)} enregistrés sur le contrat n° ${result.contract.number} ; reste dû : ${formatCents(result.contract.amountDueCents)}.`,
        `Recorded ${formatCents(result.payment.amountCents)} on contract #${result.contract.number}; ${formatCents(result.contract.amountDueCents)} remain due.`,
      ));
    });
}
