import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { reserveSlot } from '../../domain/comms/rate-limit';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * The organisation-wide cap on sends per minute (domain/comms/rate-limit.ts),
 * taken by one statement on its own: concurrent senders never get more slots
 * than the limit in a minute, each organisation has its own counter, and the
 * application role writes only its own organisation's row.
 */
describe('comms: the organisation-wide rate limit', () => {
  let knex: Knex;
  let admin: Knex;
  let first: OwnTenant;
  let second: OwnTenant;

  beforeAll(async () => {
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 10));
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    first = await createOwnTenant(admin, 'rate-a', ['school']);
    second = await createOwnTenant(admin, 'rate-b', ['school']);
  });

  afterAll(async () => {
    await knex.destroy();
    await admin.destroy();
  });

  /** The counters are per calendar minute: start the concurrent takes early in one. */
  async function atTheStartOfAMinute(): Promise<void> {
    const { rows } = await admin.raw<{ rows: Array<{ ms: number }> }>("select extract(epoch from (date_trunc('minute', clock_timestamp()) + interval '1 minute' - clock_timestamp())) * 1000 as ms");
    if (Number(rows[0]!.ms) < 20_000) await new Promise((r) => setTimeout(r, Number(rows[0]!.ms) + 100));
  }

  it('gives at most the limit to concurrent senders, then says when the next minute starts; each organisation counts apart', async () => {
    await atTheStartOfAMinute();
    const slots = await Promise.all(Array.from({ length: 12 }, () => reserveSlot(knex, first.tenantId, 'sms', 5)));
    expect(slots.filter((s) => s.ok)).toHaveLength(5);
    for (const slot of slots.filter((s) => !s.ok)) {
      expect(slot).toEqual({ ok: false, retryAfterMs: expect.any(Number) });
      if (!slot.ok) expect(slot.retryAfterMs).toBeGreaterThanOrEqual(100);
      if (!slot.ok) expect(slot.retryAfterMs).toBeLessThanOrEqual(60_000);
    }
    // Another organisation and another channel have their own counters.
    expect(await reserveSlot(knex, second.tenantId, 'sms', 5)).toEqual({ ok: true });
    expect(await reserveSlot(knex, first.tenantId, 'mail', 5)).toEqual({ ok: true });
    const rows = await admin('commsRateWindows').whereIn('tenantId', [first.tenantId, second.tenantId]).select('tenantId', 'channel', 'used');
    expect(rows).toEqual(expect.arrayContaining([
      { tenantId: first.tenantId, channel: 'sms', used: 5 },
      { tenantId: first.tenantId, channel: 'mail', used: 1 },
      { tenantId: second.tenantId, channel: 'sms', used: 1 },
    ]));
  });

  it('forgets minutes older than ten when a new minute starts', async () => {
    await admin('commsRateWindows').where({ tenantId: second.tenantId }).delete();
    await admin('commsRateWindows').insert({ tenantId: second.tenantId, channel: 'mail', windowStart: admin.raw("date_trunc('minute', now()) - interval '11 minutes'"), used: 3 });
    expect(await reserveSlot(knex, second.tenantId, 'mail', 5)).toEqual({ ok: true });
    expect(await admin('commsRateWindows').where({ tenantId: second.tenantId }).select('used')).toEqual([{ used: 1 }]);
  });
});
