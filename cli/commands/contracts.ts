import type { Command } from 'commander';
import { CliError, usageError } from '../exit-codes';
import { formatDate, formatDateTime, parseDate } from '../dates';
import { formatCents, parseAmount } from '../money';
import { renderList, renderRecord, renderTable } from '../output';
import { required } from '../prompt';
import { fetchRecord, listRecords, patchFrom, resolveRef, updateRecord, type ListOptions, type RecordKind } from '../records';
import { CLIENTS } from './clients';
import { emit, withJson, withListOptions, type Context, type JsonFlag } from './common';

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
  noun: 'contract',
  flags: { clientId: '--client', totalAmountCents: '--total', amountDueCents: '--due', notes: '--notes', amountCents: '--amount', paidOn: '--on', method: '--method', reference: '--reference' },
};

const METHODS = ['transfer', 'card', 'cheque', 'cash', 'other'];

export function renderContract(c: Contract, timeZone: string, payments?: Payment[]): string {
  const view = renderRecord(`Contract #${c.number} for ${c.clientName}`, [
    ['Client', c.clientName],
    ['Sales contact', c.salesContactName],
    ['Total', formatCents(c.totalAmountCents)],
    ['Amount due', formatCents(c.amountDueCents)],
    ['Signed', c.signed ? `yes, ${formatDateTime(c.signedAt, timeZone)}` : 'no'],
    ['Created', formatDateTime(c.createdAt, timeZone)],
    ['Notes', c.notes],
    ['Id', c.id],
  ]);
  if (!payments?.length) return view;
  return `${view}\nPayments\n${renderTable(payments, [
    { header: 'Paid on', value: (p) => p.paidOn },
    { header: 'Amount', value: (p) => formatCents(p.amountCents), align: 'right' },
    { header: 'Method', value: (p) => p.method },
    { header: 'Reference', value: (p) => p.reference },
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

const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() === '' ? null : value);

export function registerContracts(program: Command, ctx: Context): void {
  const contracts = program.command('contracts').description('contracts: list, show, create, update, sign, record payments');

  withListOptions(contracts.command('list').description('list contracts, newest first'), 'number, amountDueCents, createdAt, updatedAt')
    .option('--unsigned', 'only contracts not signed yet')
    .option('--signed', 'only signed contracts')
    .option('--unpaid', 'only contracts not fully paid')
    .option('--paid', 'only fully paid contracts')
    .option('--mine', 'only contracts of my clients (I am their sales contact)')
    .option('--client <client>', 'only this client\'s contracts (number or id)')
    .action(async (o: ContractListFlags) => {
      if (o.signed && o.unsigned) throw usageError('--signed and --unsigned exclude each other: give one.');
      if (o.paid && o.unpaid) throw usageError('--paid and --unpaid exclude each other: give one.');
      const api = ctx.api();
      const page = await listRecords<Contract>(api, CONTRACTS, {
        signed: o.unsigned ? 'false' : o.signed ? 'true' : undefined,
        fullyPaid: o.unpaid ? 'false' : o.paid ? 'true' : undefined,
        salesContactId: o.mine ? 'me' : undefined,
        clientId: o.client ? await resolveRef(api, CLIENTS, o.client, '--client') : undefined,
      }, o);
      emit(ctx, o, page, () => renderList(page.items, [
        { header: 'No.', value: (c) => c.number, align: 'right' },
        { header: 'Client', value: (c) => c.clientName },
        { header: 'Sales contact', value: (c) => c.salesContactName },
        { header: 'Total', value: (c) => formatCents(c.totalAmountCents), align: 'right' },
        { header: 'Due', value: (c) => formatCents(c.amountDueCents), align: 'right' },
        { header: 'Signed', value: (c) => (c.signed ? 'yes' : 'no') },
        { header: 'Created', value: (c) => formatDateTime(c.createdAt, ctx.timeZone).slice(0, 10) },
      ], 'contract', page.nextCursor));
    });

  withJson(contracts.command('show').argument('<contract>', 'contract number (12) or id').description('show one contract and its payments'))
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

  withJson(contracts.command('create').description('create a contract for a client (management)')
    .option('--client <client>', 'the client (number or id; required)')
    .option('--total <amount>', 'total amount in euros: 1500, 1500.50, "1 500,50 €" (required)')
    .option('--due <amount>', 'amount still to pay (default: the total)')
    .option('--notes <text>', 'notes'))
    .action(async (o: ContractFlags) => {
      const api = ctx.api();
      // Flags given are checked before anything is asked or sent, so that a typo fails fast.
      const total = o.total === undefined ? undefined : parseAmount(o.total, '--total');
      const amountDueCents = o.due === undefined ? undefined : parseAmount(o.due, '--due');
      const clientId = await required(o.client, { flag: '--client', label: 'Client (number or id)', parse: (t) => resolveRef(api, CLIENTS, t, '--client') });
      const totalAmountCents = total ?? await required(undefined, { flag: '--total', label: 'Total amount (€)', parse: (t) => parseAmount(t, '--total') });
      const body = patchFrom({ clientId, totalAmountCents, amountDueCents, notes: orNull(o.notes) ?? undefined });
      const created = (await api.post<Contract>(CONTRACTS.path, body, { flags: CONTRACTS.flags })).body;
      emit(ctx, o, created, () => `Created contract #${created.number}.\n${renderContract(created, ctx.timeZone)}`);
    });

  withJson(contracts.command('update').argument('<contract>', 'contract number (12) or id').description('change a contract\'s amounts or notes')
    .option('--total <amount>', 'total amount in euros')
    .option('--due <amount>', 'amount still to pay')
    .option('--notes <text>', 'notes ("" clears them)')
    .option('--if-version <n>', 'fail (exit 6) unless the contract is still at this version'))
    .action(async (ref: string, o: ContractFlags) => {
      const patch = patchFrom({
        totalAmountCents: o.total === undefined ? undefined : parseAmount(o.total, '--total'),
        amountDueCents: o.due === undefined ? undefined : parseAmount(o.due, '--due'),
        notes: orNull(o.notes),
      });
      const { body } = await updateRecord<Contract>(ctx.api(), CONTRACTS, ref, patch, o.ifVersion);
      emit(ctx, o, body, () => `Updated contract #${body.number}.\n${renderContract(body, ctx.timeZone)}`);
    });

  withJson(contracts.command('sign').argument('<contract>', 'contract number (12) or id').description('mark a contract as signed by the client'))
    .action(async (ref: string, o: JsonFlag) => {
      const api = ctx.api();
      const id = await resolveRef(api, CONTRACTS, ref);
      const signed = (await api.post<Contract>(`${CONTRACTS.path}/${id}/sign`)).body;
      emit(ctx, o, signed, () => `Contract #${signed.number} is signed.\n${renderContract(signed, ctx.timeZone)}`);
    });

  withJson(contracts.command('pay').argument('<contract>', 'contract number (12) or id').description('record a payment against the amount due (management)')
    .option('--amount <amount>', 'amount received in euros (required)')
    .option('--on <date>', 'date received (default: today)')
    .option('--method <method>', `${METHODS.join(', ')} (default: transfer)`, 'transfer')
    .option('--reference <text>', 'bank reference, cheque number…'))
    .action(async (ref: string, o: JsonFlag & { amount?: string; on?: string; method: string; reference?: string }) => {
      const api = ctx.api();
      if (!METHODS.includes(o.method)) throw usageError(`--method "${o.method}" must be one of ${METHODS.join(', ')}.`, [{ field: '--method', message: 'is not a payment method' }]);
      const amountCents = await required(o.amount, { flag: '--amount', label: 'Amount received (€)', parse: (t) => parseAmount(t, '--amount') });
      const id = await resolveRef(api, CONTRACTS, ref);
      const body = patchFrom({
        amountCents, method: o.method, reference: o.reference,
        paidOn: o.on === undefined ? formatDate(new Date(), ctx.timeZone) : parseDate(o.on, '--on', ctx.timeZone),
      });
      const result = (await api.post<{ payment: Payment; contract: Contract }>(`${CONTRACTS.path}/${id}/payments`, body, { flags: CONTRACTS.flags })).body;
      emit(ctx, o, result, () => `Recorded ${formatCents(result.payment.amountCents)} on contract #${result.contract.number}; ${formatCents(result.contract.amountDueCents)} remain due.`);
    });
}
