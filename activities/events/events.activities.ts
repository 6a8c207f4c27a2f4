import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { ApplicationFailure } from '@temporalio/activity';
import type { z } from 'zod';
import { withTenant } from '../../db/tenant-scope';
import { appendHistory } from '../../domain/core/history';
import { nextNumber } from '../../domain/core/tenant-counter';
import { composeNotification, type NotificationKind } from '../../domain/events/notifications';
import type { MailSendInput, SendOutput } from '../../domain/comms/comms.activity-contracts';
import type { ServiceTaskMeta } from '../registry';
import {
  eventsAssignSupport, eventsCloseEvent, eventsCreateContract, eventsCreateEvent, eventsLoadContract, eventsNotify, eventsSignContract,
} from '../../domain/events/events.activity-contracts';

export interface EventsActivityDeps {
  knex: Knex;
  publicUrl: string;
  /** The comms mail activity: notifications go through the same outbox, consent and retry rules. */
  sendMail: (input: MailSendInput, meta: ServiceTaskMeta) => Promise<SendOutput>;
}

type Row = Record<string, unknown>;

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
  throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `Invalid input: ${why}` });
}

/** A record id derived from the task's idempotency key: a retried task finds the record it already created. */
export function idFromKey(key: string): string {
  const h = crypto.createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function fail(message: string): never {
  throw ApplicationFailure.create({ type: 'EventsRuleViolation', nonRetryable: true, message });
}

const tenantTx = <T>(deps: EventsActivityDeps, meta: ServiceTaskMeta, fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId: meta.tenantId }, fn, deps.knex);

export function createEventsActivities(deps: EventsActivityDeps) {
  const history = (trx: Knex.Transaction, meta: ServiceTaskMeta, recordType: string, recordId: string, action: 'create' | 'sign' | 'assign' | 'close', changes: Row) =>
    appendHistory(trx, meta.tenantId, { recordType, recordId, action, actorUserId: null, requestId: meta.workflowId, changes });

  return {
    async 'events.create-contract'(raw: unknown, meta: ServiceTaskMeta) {
      const input = parse(eventsCreateContract.input, raw);
      const id = idFromKey(meta.idempotencyKey);
      return tenantTx(deps, meta, async (trx) => {
        const existing = await trx('event_contracts').where({ id }).first('id', 'number');
        if (existing) return { contractId: id, contractNumber: existing.number as number };
        if (!(await trx('event_clients').where({ id: input.clientId }).first('id'))) fail(`The client ${input.clientId} no longer exists.`);
        const due = input.amountDueCents ?? input.totalAmountCents;
        if (due > input.totalAmountCents) fail('The amount due cannot exceed the total amount.');
        const number = await nextNumber(trx, meta.tenantId, 'event-contract');
        await trx('event_contracts').insert({
          id, tenantId: meta.tenantId, number, clientId: input.clientId, totalAmountCents: input.totalAmountCents, amountDueCents: due, notes: input.notes ?? null,
        });
        await history(trx, meta, 'event-contract', id, 'create', { totalAmountCents: { before: null, after: input.totalAmountCents } });
        return { contractId: id, contractNumber: number };
      });
    },

    async 'events.sign-contract'(raw: unknown, meta: ServiceTaskMeta) {
      const { contractId } = parse(eventsSignContract.input, raw);
      return tenantTx(deps, meta, async (trx) => {
        const [row] = await trx('event_contracts').where({ id: contractId, signed: false })
          .update({ signed: true, signedAt: trx.fn.now(), version: trx.raw('version + 1'), updatedAt: trx.fn.now() }).returning('id');
        if (row) await history(trx, meta, 'event-contract', contractId, 'sign', { signed: { before: false, after: true } });
        else if (!(await trx('event_contracts').where({ id: contractId }).first('id'))) fail(`The contract ${contractId} no longer exists.`);
        return { signed: true };
      });
    },

    async 'events.create-event'(raw: unknown, meta: ServiceTaskMeta) {
      const input = parse(eventsCreateEvent.input, raw);
      const id = idFromKey(meta.idempotencyKey);
      return tenantTx(deps, meta, async (trx) => {
        let row = await trx('event_events').where({ id }).first('startsAt', 'endsAt');
        if (!row) {
          const contract = await trx('event_contracts').where({ id: input.contractId }).first('signed');
          if (!contract) fail(`The contract ${input.contractId} no longer exists.`);
          if (!contract.signed) fail('The contract is not signed: an event can only be created for a signed contract.');
          if (Date.parse(input.endsAt) <= Date.parse(input.startsAt)) fail('The event must end after it starts.');
          const number = await nextNumber(trx, meta.tenantId, 'event');
          [row] = await trx('event_events').insert({
            id, tenantId: meta.tenantId, number, contractId: input.contractId, name: input.name, startsAt: input.startsAt, endsAt: input.endsAt,
            location: input.location ?? null, attendees: input.attendees ?? null, notes: input.notes ?? null,
          }).returning(['startsAt', 'endsAt']);
          await history(trx, meta, 'event', id, 'create', { name: { before: null, after: input.name } });
        }
        return { eventId: id, eventStartsAt: (row.startsAt as Date).toISOString(), eventEndsAt: (row.endsAt as Date).toISOString() };
      });
    },

    async 'events.assign-support'(raw: unknown, meta: ServiceTaskMeta) {
      const { eventId, supportContactId } = parse(eventsAssignSupport.input, raw);
      return tenantTx(deps, meta, async (trx) => {
        const support = await trx('users as u').join('userRoles as ur', 'ur.userId', 'u.id').join('roles as r', 'r.id', 'ur.roleId')
          .where({ 'u.id': supportContactId, 'u.active': true, 'r.key': 'support' }).first('u.id');
        if (!support) fail('The chosen person is not an active member of the support department.');
        const current = await trx('event_events').where({ id: eventId }).first('supportContactId');
        if (!current) fail(`The event ${eventId} no longer exists.`);
        if (current.supportContactId !== supportContactId) {
          await trx('event_events').where({ id: eventId }).update({ supportContactId, version: trx.raw('version + 1'), updatedAt: trx.fn.now() });
          await history(trx, meta, 'event', eventId, 'assign', { supportContactId: { before: current.supportContactId ?? null, after: supportContactId } });
        }
        return { supportContactId };
      });
    },

    async 'events.close-event'(raw: unknown, meta: ServiceTaskMeta) {
      const { eventId, notes } = parse(eventsCloseEvent.input, raw);
      return tenantTx(deps, meta, async (trx) => {
        const current = await trx('event_events').where({ id: eventId }).first('closedAt', 'notes');
        if (!current) fail(`The event ${eventId} no longer exists.`);
        if (!current.closedAt) {
          const after = notes === undefined ? current.notes : notes;
          await trx('event_events').where({ id: eventId }).update({ closedAt: trx.fn.now(), notes: after, version: trx.raw('version + 1'), updatedAt: trx.fn.now() });
          await history(trx, meta, 'event', eventId, 'close', { status: { before: 'planned', after: 'closed' } });
        }
        return { closed: true };
      });
    },

    async 'events.load-contract'(raw: unknown, meta: ServiceTaskMeta) {
      const { contractId } = parse(eventsLoadContract.input, raw);
      return tenantTx(deps, meta, async (trx) => {
        const row = await trx('event_contracts').where({ id: contractId }).first('signed', 'amountDueCents');
        if (!row) fail(`The contract ${contractId} no longer exists.`);
        return { signed: Boolean(row.signed), amountDueCents: Number(row.amountDueCents) };
      });
    },

    async 'events.notify'(raw: unknown, meta: ServiceTaskMeta) {
      const input = parse(eventsNotify.input, raw);
      const { recipients, facts, record } = await tenantTx(deps, meta, (trx) => gatherNotification(trx, input.kind, input.eventId, input.contractId));
      let sent = 0;
      for (const user of recipients) {
        const { subject, body } = composeNotification(input.kind, { ...facts, publicUrl: deps.publicUrl, timeZone: 'Europe/Paris' });
        // One message per recipient, each idempotent on the task's key.
        await deps.sendMail({ to: user.email, subject, body, recordType: record.type, recordId: record.id }, { ...meta, idempotencyKey: `${meta.idempotencyKey}/${user.id}` });
        sent++;
      }
      return { sent, recipients: recipients.length };
    },
  };
}

async function gatherNotification(trx: Knex.Transaction, kind: NotificationKind, eventId?: string, contractId?: string) {
  const event = eventId ? await trx('event_events as e').join('event_contracts as k', 'k.id', 'e.contractId').join('event_clients as c', 'c.id', 'k.clientId')
    .where('e.id', eventId).first('e.number', 'e.name', 'e.startsAt', 'e.endsAt', 'e.location', 'e.supportContactId', 'e.contractId', 'c.fullName as clientName') : undefined;
  if (eventId && !event) fail(`The event ${eventId} no longer exists.`);
  const cid = contractId ?? (event?.contractId as string | undefined);
  const contract = cid ? await trx('event_contracts as k').join('event_clients as c', 'c.id', 'k.clientId')
    .where('k.id', cid).first('k.number', 'k.amountDueCents', 'k.currency', 'c.fullName as clientName', 'c.salesContactId') : undefined;
  const users = trx('users').where({ active: true }).select('id', 'email');
  let recipients: Array<{ id: string; email: string }>;
  if (kind === 'escalation-no-support') {
    recipients = await users.whereIn('id', trx('userRoles as ur').join('roles as r', 'r.id', 'ur.roleId').where('r.key', 'management').select('ur.userId'));
  } else if (kind === 'payment-reminder') {
    if (!contract) fail('A payment reminder needs the contract.');
    recipients = contract.salesContactId ? await users.where({ id: contract.salesContactId }) : [];
  } else {
    if (!event) fail('This notification needs the event.');
    recipients = event.supportContactId ? await users.where({ id: event.supportContactId }) : [];
  }
  return {
    recipients,
    record: event ? { type: 'event', id: eventId! } : { type: 'event-contract', id: cid! },
    facts: {
      event: event && { number: event.number, name: event.name, startsAt: event.startsAt, endsAt: event.endsAt, location: event.location, clientName: event.clientName },
      contract: contract && { number: contract.number, clientName: contract.clientName, amountDueCents: Number(contract.amountDueCents), currency: contract.currency },
    },
  };
}
