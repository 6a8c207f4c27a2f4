import { idFromKey } from '../../domain/core/id-from-key';
import type { Knex } from 'knex';
import { ApplicationFailure } from '@temporalio/activity';
import type { z } from 'zod';
import { withTenant } from '../../db/tenant-scope';
import { processContext } from '../../domain/core/process-context';
import { createRecord, getRecord, updateRecord, type RequestContext } from '../../domain/core/record-service';
import { DomainError, UnprocessableError, type FieldProblem } from '../../domain/errors';
import { signContract } from '../../domain/events/contract-actions';
import { closeEvent } from '../../domain/events/event-actions';
import { composeNotification, type NotificationKind } from '../../domain/events/notifications';
import { eventContracts, eventEvents } from '../../domain/events/resources';
import type { MailSendInput, SendOutput } from '../../domain/comms/comms.activity-contracts';
import { bpmnError, type ServiceTaskMeta } from '../registry';
import {
  eventsAssignSupport, eventsCloseEvent, eventsCreateContract, eventsCreateEvent, eventsLoadContract, eventsNotify, eventsSignContract,
} from '../../domain/events/events.activity-contracts';

export interface EventsActivityDeps {
  knex: Knex;
  publicUrl: string;
  /** The comms mail activity: notifications go through the same outbox, consent and retry rules. */
  sendMail: (input: MailSendInput, meta: ServiceTaskMeta) => Promise<SendOutput>;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
  throw ApplicationFailure.create({ type: 'InvalidInput', nonRetryable: true, message: `Invalid input: ${why}` });
}

/** What the lead-to-event tasks may do, on every record of their organisation. */
const PROCESS_PERMISSIONS = [
  'events.client.read', 'events.contract.read', 'events.contract.create', 'events.contract.update', 'events.event.read', 'events.event.create', 'events.event.update',
];

/**
 * A domain refusal as the engine takes it: a rule the task declares (the
 * field of the rule violation → its error code) is a BPMN error a boundary
 * event may catch; any other refusal fails the task without retrying (an
 * incident); anything else (the database away) is retried.
 */
function asTaskFailure(err: unknown, codes: Record<string, string>): unknown {
  if (err instanceof UnprocessableError) {
    const field = (err.extra.errors as FieldProblem[] | undefined)?.[0]?.field;
    if (field && codes[field]) return bpmnError(codes[field], err.message);
  }
  if (err instanceof DomainError) return ApplicationFailure.create({ type: 'EventsRuleViolation', nonRetryable: true, message: err.message });
  return err;
}

/**
 * Runs a task through the domain's actions, the same rules as the API, in the
 * process's context (processContext: no user; history credited to the person
 * the task acts for, with the workflow id).
 */
async function inProcess<T>(deps: EventsActivityDeps, meta: ServiceTaskMeta, fn: (ctx: RequestContext) => Promise<T>, codes: Record<string, string> = {}): Promise<T> {
  try {
    return await withTenant({ tenantId: meta.tenantId }, (trx) => fn(processContext(trx, meta.tenantId, meta.workflowId, PROCESS_PERMISSIONS, meta.actorUserId ?? null)), deps.knex);
  } catch (err) {
    throw asTaskFailure(err, codes);
  }
}

export function createEventsActivities(deps: EventsActivityDeps) {
  return {
    async 'events.create-contract'(raw: unknown, meta: ServiceTaskMeta) {
      const { amountDueCents, ...input } = parse(eventsCreateContract.input, raw);
      const data = parse(eventContracts.createSchema, { ...input, ...(amountDueCents === null || amountDueCents === undefined ? {} : { amountDueCents }) });
      return inProcess(deps, meta, async (ctx) => {
        const contract = await createRecord(ctx, eventContracts, data, { id: idFromKey(meta.idempotencyKey) });
        return { contractId: contract.id as string, contractNumber: contract.number as number };
      });
    },

    async 'events.sign-contract'(raw: unknown, meta: ServiceTaskMeta) {
      const { contractId } = parse(eventsSignContract.input, raw);
      return inProcess(deps, meta, async (ctx) => {
        await signContract(ctx, contractId);
        return { signed: true };
      });
    },

    async 'events.create-event'(raw: unknown, meta: ServiceTaskMeta) {
      const data = parse(eventEvents.createSchema, parse(eventsCreateEvent.input, raw));
      return inProcess(deps, meta, async (ctx) => {
        const event = await createRecord(ctx, eventEvents, data, { id: idFromKey(meta.idempotencyKey) });
        return { eventId: event.id as string, eventStartsAt: event.startsAt as string, eventEndsAt: event.endsAt as string };
      }, { contractId: 'contract-not-signed' });
    },

    async 'events.assign-support'(raw: unknown, meta: ServiceTaskMeta) {
      const { eventId, supportContactId } = parse(eventsAssignSupport.input, raw);
      return inProcess(deps, meta, async (ctx) => {
        const event = await getRecord(ctx, eventEvents, eventId);
        if (event.supportContactId !== supportContactId) await updateRecord(ctx, eventEvents, eventId, event.version as number, { supportContactId });
        return { supportContactId };
      });
    },

    async 'events.close-event'(raw: unknown, meta: ServiceTaskMeta) {
      const { eventId, notes } = parse(eventsCloseEvent.input, raw);
      return inProcess(deps, meta, async (ctx) => {
        await closeEvent(ctx, eventId, { notes });
        return { closed: true };
      }, { endsAt: 'event-not-over' });
    },

    async 'events.load-contract'(raw: unknown, meta: ServiceTaskMeta) {
      const { contractId } = parse(eventsLoadContract.input, raw);
      return inProcess(deps, meta, async (ctx) => {
        const contract = await getRecord(ctx, eventContracts, contractId);
        return { signed: Boolean(contract.signed), amountDueCents: Number(contract.amountDueCents) };
      });
    },

    async 'events.notify'(raw: unknown, meta: ServiceTaskMeta) {
      const input = parse(eventsNotify.input, raw);
      const { recipients, facts, record } = await inProcess(deps, meta, (ctx) => gatherNotification(ctx.trx, input.kind, input.eventId, input.contractId));
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

function fail(message: string): never {
  throw ApplicationFailure.create({ type: 'EventsRuleViolation', nonRetryable: true, message });
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
