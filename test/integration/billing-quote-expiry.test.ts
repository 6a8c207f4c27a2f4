import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { expireOverdueQuotes } from '../../domain/billing/quote-expiry';
import { ensureQuoteExpirySchedule } from '../../worker/billing-quote-expiry-schedule';
import { QUOTE_EXPIRY_WORKFLOW, type QuoteExpiryResult } from '../../workflows/billing/quote-expiry.contract';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { BUYER, COMPLETE_PROFILE } from '../support/billing-fixtures';
import { engineWorker } from '../support/engine';
import { createOwnTenant } from '../support/fixtures';

/**
 * The daily expiry of quotes in two organisations of this file's own: only sent quotes whose validity
 * day is before the run's day expire, through the one write path, credited to the system with a French
 * reason; a second run changes nothing; the nightly Temporal Schedule and the workflow it starts.
 * Days of long ago: no other file's quote is due then.
 */
describe('billing: the daily expiry of quotes', () => {
  let t: TestContext;
  const TODAY = '1999-10-15';
  const LINE = { description: 'Audit de conformité', quantity: 1, unitPriceCents: 90_000, vatRateBasisPoints: 2000 };

  beforeAll(() => { t = testContext(); });
  afterAll(() => t.close());

  /** An organisation of its own with a complete legal profile, a client, and a way to make sent quotes valid until a given day. */
  async function organisation(name: string) {
    const tenant = await createOwnTenant(t.admin, name, ['psa']);
    const token = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    const api = (method: 'get' | 'post' | 'put', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
    expect((await api('put', '/api/v1/billing/profile').send(COMPLETE_PROFILE)).status).toBe(200);
    const accountId = (await api('post', '/api/v1/accounts').send(BUYER)).body.id as string;
    const sentQuote = async (validUntil: string): Promise<string> => {
      const draft = await api('post', '/api/v1/billing/quotes').send({ accountId, lines: [LINE] });
      expect(draft.status).toBe(201);
      expect((await api('post', `/api/v1/billing/quotes/${draft.body.id}/send`).send({})).status).toBe(200);
      await t.admin('billingQuotes').where({ id: draft.body.id }).update({ validUntil });
      return draft.body.id as string;
    };
    return { tenant, api, sentQuote };
  }
  const statusOf = async (id: string) => (await t.admin('billingQuotes').where({ id }).first('status')).status as string;

  it('expires only the sent quotes past their validity, once, credited to the system with a French reason; the schedule runs every night at 01:15 Paris time', async () => {
    const mine = await organisation('quote-expiry');
    const other = await organisation('quote-expiry-other');
    const past = await mine.sentQuote('1999-10-14');
    const validToday = await mine.sentQuote(TODAY);
    const accepted = await mine.sentQuote('1999-10-01');
    expect((await mine.api('post', `/api/v1/billing/quotes/${accepted}/accept`).send({ invoice: 'none' })).status).toBe(200);
    const draft = (await mine.api('post', '/api/v1/billing/quotes').send({ accountId: (await t.admin('billingQuotes').where({ id: past }).first('accountId')).accountId, lines: [LINE] })).body.id as string;
    await t.admin('billingQuotes').where({ id: draft }).update({ validUntil: '1999-10-01' });
    const othersPast = await other.sentQuote('1999-10-14');

    // The activity's work for one organisation: the first quote only; the other organisation's untouched.
    const run = await expireOverdueQuotes(t.knex, mine.tenant.tenantId, { today: TODAY, runId: 'test/quote-expiry' });
    expect(run).toEqual({ expired: [past], skipped: [] });
    expect([await statusOf(past), await statusOf(validToday), await statusOf(accepted), await statusOf(draft), await statusOf(othersPast)])
      .toEqual(['expired', 'sent', 'accepted', 'draft', 'sent']);
    const history = await t.admin('history').where({ recordId: past, action: 'expire' }).select('actorUserId', 'requestId', 'changes');
    expect(history).toEqual([{
      actorUserId: null, requestId: 'test/quote-expiry',
      changes: { status: { before: 'sent', after: 'expired' }, reason: "Expiré automatiquement : sans réponse du client, ce devis n'était valable que jusqu'au 14 oct. 1999." },
    }]);
    expect(await expireOverdueQuotes(t.knex, mine.tenant.tenantId, { today: TODAY })).toEqual({ expired: [], skipped: [] });

    // The schedule, and one run of the workflow it starts: the other organisation's quote now; then nothing more.
    const client = await t.deps.temporal();
    const scheduleId = `relais/billing-quote-expiry-test-${process.pid}`;
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker: Worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      await ensureQuoteExpirySchedule(client, TASK_QUEUE, scheduleId);
      await ensureQuoteExpirySchedule(client, TASK_QUEUE, scheduleId);
      const described = await client.schedule.getHandle(scheduleId).describe();
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 1, end: 1, step: 1 }], minute: [{ start: 15, end: 15, step: 1 }] });
      expect(described.spec.timezone).toBe('Europe/Paris');
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: QUOTE_EXPIRY_WORKFLOW, taskQueue: TASK_QUEUE });

      const runFor = async (n: number) => (await client.workflow.execute(QUOTE_EXPIRY_WORKFLOW, {
        taskQueue: TASK_QUEUE, workflowId: `relais/billing-quote-expiry-test-${process.pid}-${n}`, args: [{ today: TODAY }],
      })) as QuoteExpiryResult;
      expect((await runFor(1)).tenants).toEqual([{ tenantId: other.tenant.tenantId, expired: 1, skipped: 0 }]);
      expect((await runFor(2)).tenants).toEqual([]);
      expect([await statusOf(past), await statusOf(validToday), await statusOf(accepted), await statusOf(draft), await statusOf(othersPast)])
        .toEqual(['expired', 'sent', 'accepted', 'draft', 'expired']);
    } finally {
      await client.schedule.getHandle(scheduleId).delete().catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
