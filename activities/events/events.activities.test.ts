import knexFactory, { type Knex } from 'knex';
import { ApplicationFailure } from '@temporalio/activity';
import { knexConfig } from '../../db/knexfile';
import type { ServiceTaskMeta } from '../registry';
import { createEventsActivities } from './events.activities';

/**
 * The lead-to-event service tasks go through the domain's actions: the same
 * rules as the API, one write per task execution (ids from the task's key).
 */
describe('events activities (through the domain actions)', () => {
  let admin: Knex;
  let knex: Knex;
  let tenantId: string;
  let clientId: string;
  const run = `${process.pid}-${Date.now()}`;
  const activities = () => createEventsActivities({ knex, publicUrl: 'http://localhost', sendMail: async () => { throw new Error('no mail in this test'); } });
  const meta = (task: string): ServiceTaskMeta => ({
    tenantId, workflowId: `${tenantId}/events.lead-to-event/${run}`, elementId: task, loopCounter: 0, idempotencyKey: `${run}/${task}`,
  });
  const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();

  async function signedContract(task: string): Promise<string> {
    const { contractId } = await activities()['events.create-contract']({ clientId, totalAmountCents: 100_00 }, meta(`${task}-contract`));
    await activities()['events.sign-contract']({ contractId }, meta(`${task}-sign`));
    return contractId;
  }

  beforeAll(async () => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 3));
    tenantId = (await admin('tenants').where({ slug: 'epic-events' }).first('id')).id;
    const number = 900_000 + Math.floor(Math.random() * 90_000);
    [{ id: clientId }] = await admin('event_clients').insert({ tenantId, number, fullName: `Activity Client ${run}` }).returning('id');
  });
  afterAll(async () => {
    await knex.destroy();
    await admin.destroy();
  });

  it('creates a contract once per task execution: the retried task answers the same contract', async () => {
    const first = await activities()['events.create-contract']({ clientId, totalAmountCents: 500_00, amountDueCents: 200_00 }, meta('retried'));
    const again = await activities()['events.create-contract']({ clientId, totalAmountCents: 500_00, amountDueCents: 200_00 }, meta('retried'));
    expect(again).toEqual(first);
    const rows = await admin('event_contracts').where({ clientId, id: first.contractId });
    expect(rows).toHaveLength(1);
    expect(Number(rows[0].amountDueCents)).toBe(200_00);
    const history = await admin('history').where({ recordId: first.contractId });
    expect(history).toEqual([expect.objectContaining({ action: 'create', actorUserId: null, requestId: meta('retried').workflowId })]);
  });

  it('refuses to close an event that is not over, as the API does, with the code a process can catch', async () => {
    const contractId = await signedContract('future');
    const { eventId } = await activities()['events.create-event']({ contractId, name: 'Not over yet', startsAt: hours(-1), endsAt: hours(2) }, meta('future-event'));
    const error = await activities()['events.close-event']({ eventId, notes: 'too early' }, meta('future-close')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'BpmnError', nonRetryable: true, details: ['event-not-over'] });
    expect(await admin('event_events').where({ id: eventId }).first('closedAt', 'notes')).toEqual({ closedAt: null, notes: null });
  });

  it('closes an event that is over, with its notes, in the history by the process', async () => {
    const contractId = await signedContract('past');
    const { eventId } = await activities()['events.create-event']({ contractId, name: 'Over', startsAt: hours(-5), endsAt: hours(-1) }, meta('past-event'));
    await expect(activities()['events.close-event']({ eventId, notes: 'went well' }, meta('past-close'))).resolves.toEqual({ closed: true });
    const event = await admin('event_events').where({ id: eventId }).first('closedAt', 'notes');
    expect(event.closedAt).not.toBeNull();
    expect(event.notes).toBe('went well');
    expect(await admin('history').where({ recordId: eventId, action: 'close' }).select('actorUserId', 'requestId')).toEqual([{ actorUserId: null, requestId: meta('past-close').workflowId }]);
  });

  it('refuses an event for a contract not signed with the declared code', async () => {
    const { contractId } = await activities()['events.create-contract']({ clientId, totalAmountCents: 0 }, meta('unsigned-contract'));
    const error = await activities()['events.create-event']({ contractId, name: 'Too soon', startsAt: hours(24), endsAt: hours(26) }, meta('unsigned-event')).catch((e: unknown) => e);
    expect(error).toMatchObject({ type: 'BpmnError', details: ['contract-not-signed'] });
  });
});
