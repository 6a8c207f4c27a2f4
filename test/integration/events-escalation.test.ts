import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { DEFAULT_LEAD_TO_EVENT_DURATIONS, LEAD_TO_EVENT, LEAD_TO_EVENT_MESSAGES } from '../../domain/events/lead-to-event';
import { completeTaskUpdate, processMessageSignal, processStateQuery } from '../../workflows/engine/contract';
import type { Plan } from '../../kernel/process/plan';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { engineWorker, skipTime, startInstance, timeSkippingEnv } from '../support/engine';
import { recordingHistories, saveHistoryFixture } from '../support/history-fixtures';

const DAY = 86_400_000;

/**
 * The escalation of `events.lead-to-event` on Temporal's time-skipping test
 * server, with the shipped definition as deployed for Epic Events: weeks
 * pass in milliseconds, and the notification lands in the real outbox.
 */
describe('events.lead-to-event escalation', () => {
  let env: TestWorkflowEnvironment;
  let admin: Knex;
  let knex: Knex;
  let worker: Worker;
  let running: Promise<void>;
  let tenantId: string;
  let plan: Plan;
  const users: Record<string, string> = {};
  const taskQueue = `events-escalation-${process.pid}`;

  beforeAll(async () => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 5));
    env = await timeSkippingEnv(knex);
    tenantId = (await admin('tenants').where({ slug: 'epic-events' }).first('id')).id;
    for (const role of ['management', 'sales', 'support']) users[role] = (await admin('users').where({ tenantId, email: `${role}@epic-events.demo` }).first('id')).id;
    const row = await admin('processDefinitions').where({ tenantId, key: LEAD_TO_EVENT, status: 'deployed' }).orderBy('version', 'desc').first('plan');
    plan = row.plan as Plan;
    worker = await engineWorker(env.nativeConnection, taskQueue, knex);
    running = worker.run();
  });
  /** Runs of the shipped process kept as replay fixtures when RECORD_HISTORIES=1. */
  const recorded: string[] = [];
  afterAll(async () => {
    if (recordingHistories()) {
      for (const [i, workflowId] of recorded.entries()) await saveHistoryFixture(env.client, admin, `events-lead-to-event-${i + 1}`, workflowId, tenantId);
    }
    worker?.shutdown();
    await running;
    await env?.teardown();
    await knex?.destroy();
    await admin?.destroy();
  });

  async function openTask(instanceId: string, elementId: string) {
    for (let i = 0; i < 600; i++) {
      const row = await admin('tasks').where({ instanceId, elementId, status: 'open' }).first();
      if (row) return row;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no open ${elementId} task`);
  }

  /** Runs the process from a new client to the "assign a support contact" task, through its task forms. */
  async function untilSupportIsToBeAssigned(startsInDays: number) {
    const [client] = await admin('eventClients').insert({ tenantId, number: 9000 + Math.floor(Math.random() * 100_000), fullName: 'Client Escalade', salesContactId: users.sales }).returning('id');
    const started = await startInstance(admin, env.client, taskQueue, tenantId, plan, {
      clientId: client.id, salesContactId: users.sales, ...DEFAULT_LEAD_TO_EVENT_DURATIONS,
    });
    recorded.push(started.workflowId);
    const complete = async (elementId: string, role: string, data: Record<string, unknown>) => {
      const task = await openTask(started.instanceId, elementId);
      await untilWorkflowLists(started.handle, { taskId: task.id });
      await started.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: users[role]!, roles: [role], data }] });
    };
    await complete('CreateContract', 'management', { totalAmountCents: 1_250_000 });
    await complete('SignContract', 'sales', { signed: true });
    const now = await env.currentTimeMs();
    await complete('CreateEvent', 'sales', {
      name: 'Séminaire annuel', startsAt: new Date(now + startsInDays * DAY).toISOString(), endsAt: new Date(now + (startsInDays + 1) * DAY).toISOString(),
      location: 'Salle des fêtes de Mufflins', attendees: 120,
    });
    await openTask(started.instanceId, 'AssignSupport');
    const event = await admin('eventEvents as e').join('eventContracts as k', 'k.id', 'e.contractId').where('k.clientId', client.id).first('e.id');
    return { ...started, eventId: event.id as string, complete };
  }

  const escalations = (eventId: string) => admin('messages').where({ tenantId, recordType: 'event', recordId: eventId, channel: 'mail' })
    .where('subject', 'like', 'Escalade%').select('recipient', 'subject', 'body');

  it('alerts management 14 days before the start when no support contact is assigned, and the task stays open', async () => {
    const run = await untilSupportIsToBeAssigned(20);
    // Five days later (15 days before the start) nothing has happened yet.
    await skipTime(env, 5 * DAY);
    expect(await escalations(run.eventId)).toEqual([]);
    // Two more days: the 14-day mark has passed.
    await skipTime(env, 2 * DAY);
    let sent: Array<{ recipient: string; subject: string; body: string }> = [];
    for (let i = 0; i < 600 && sent.length === 0; i++) {
      sent = await escalations(run.eventId);
      if (!sent.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(sent.map((m) => m.recipient)).toEqual(['management@epic-events.demo']);
    expect(sent[0]!.subject).toMatch(/aucun support désigné pour l'événement n° \d+/);
    expect(sent[0]!.body).toContain('Séminaire annuel');
    // Non-interrupting: management can still assign support from the same task.
    const state = await run.handle.query(processStateQuery);
    expect(state.activeElements).toContain('AssignSupport');
    await run.complete('AssignSupport', 'management', { supportContactId: users.support });
    await openTask(run.instanceId, 'CloseEvent').catch(() => undefined);
    expect((await admin('eventEvents').where({ id: run.eventId }).first('supportContactId')).supportContactId).toBe(users.support);
  });

  it('does not escalate when support is assigned in time; tells the support contact, then reminds them two days before', async () => {
    const run = await untilSupportIsToBeAssigned(30);
    await run.complete('AssignSupport', 'management', { supportContactId: users.support });
    const toSupport = async (count: number) => {
      let rows: Array<{ subject: string }> = [];
      for (let i = 0; i < 600 && rows.length < count; i++) {
        rows = await admin('messages').where({ tenantId, recordType: 'event', recordId: run.eventId, recipient: 'support@epic-events.demo' }).orderBy('createdAt').select('subject');
        if (rows.length < count) await new Promise((r) => setTimeout(r, 50));
      }
      return rows.map((m) => m.subject);
    };
    expect(await toSupport(1)).toEqual([expect.stringMatching(/^Vous êtes le contact support de l'événement n° \d+/)]);
    // 29 days on: the 14-day mark passed with support assigned, and the 2-day reminder went out.
    await skipTime(env, 29 * DAY);
    expect(await toSupport(2)).toEqual([expect.stringMatching(/^Vous êtes le contact support/), expect.stringMatching(/^Rappel : l'événement n° \d+ approche/)]);
    expect(await escalations(run.eventId)).toEqual([]);
  });

  it('moves the reminder when the event is rescheduled (the records send the new dates)', async () => {
    const run = await untilSupportIsToBeAssigned(30);
    await run.complete('AssignSupport', 'management', { supportContactId: users.support });
    const now = await env.currentTimeMs();
    const startsAt = new Date(now + 60 * DAY).toISOString();
    const endsAt = new Date(now + 61 * DAY).toISOString();
    await admin('eventEvents').where({ id: run.eventId }).update({ startsAt, endsAt });
    // What PATCH /api/v1/events/events/:id sends when the dates change.
    await run.handle.signal(processMessageSignal, { name: LEAD_TO_EVENT_MESSAGES.eventRescheduled, correlationKey: run.workflowId.split('/').pop()!, variables: { eventStartsAt: startsAt, eventEndsAt: endsAt } });
    const reminders = () => admin('messages').where({ tenantId, recordType: 'event', recordId: run.eventId }).where('subject', 'like', 'Rappel%').select('id');
    // The old reminder date (day 28) passes quietly…
    await skipTime(env, 40 * DAY);
    expect(await reminders()).toEqual([]);
    expect((await run.handle.query(processStateQuery)).activeElements).toEqual(expect.arrayContaining(['WaitBeforeEvent']));
    // …and the new one (day 58) reminds.
    await skipTime(env, 19 * DAY);
    let sent: unknown[] = [];
    for (let i = 0; i < 600 && sent.length === 0; i++) {
      sent = await reminders();
      if (!sent.length) await new Promise((r) => setTimeout(r, 50));
    }
    expect(sent).toHaveLength(1);
  });
});
