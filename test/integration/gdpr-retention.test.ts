import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { NativeConnection, type Worker } from '@temporalio/worker';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { withTenant } from '../../db/tenant-scope';
import { expiredRowsSql, dryRun, runRetention } from '../../domain/gdpr/retention-run';
import { tenantRules } from '../../domain/gdpr/retention-rules';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { ensureRetentionSchedule, RETENTION_AT } from '../../worker/gdpr-retention-schedule';
import { RETENTION_WORKFLOW, type RetentionRunResult } from '../../workflows/gdpr/retention.contract';
import { TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { engineWorker } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';

/**
 * Retention (issue 15, docs/adr/0026-retention.md), on organisations of this file's own with "today"
 * injected: a prospect expires on the day its last contact is three years ago and not the day before, with
 * its history, messages and documents' files; a client, a held record and another organisation's rows stay;
 * a lifted hold lets the next run apply; a run is idempotent; a restored row keeps its clock; the daily
 * schedule and its workflow on Temporal.
 */
describe('gdpr retention run', () => {
  let t: TestContext;
  let mine: OwnTenant;
  let other: OwnTenant;
  let storage: ReturnType<typeof localDiskStorage>;
  let number = 0;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-retention-'));

  /** An account as a restore or an import would write it: its own dates. */
  async function account(tenant: OwnTenant, status: string, updatedAt: string, extra: Record<string, unknown> = {}): Promise<string> {
    const [row] = await t.admin('accounts').insert({
      tenantId: tenant.tenantId, number: ++number, name: `Prospect ${crypto.randomBytes(3).toString('hex')} Martin`, email: 'claire.martin@exemple.fr', phone: '+33 6 12 34 56 78',
      notes: 'Rappeler le lundi', addressLine1: '12 rue Nationale', postalCode: '59000', city: 'Lille', status, createdAt: updatedAt, updatedAt, ...extra,
    }).returning('id');
    return String(row.id);
  }
  const read = (id: string) => t.admin('accounts').where({ id }).first('name', 'email', 'phone', 'notes', 'addressLine1', 'postalCode', 'city', 'searchName', 'updatedAt');
  const run = (tenant: OwnTenant, today: string, runId = `${today}-${crypto.randomUUID()}`) => runRetention(t.knex, tenant.tenantId, { today, runId, storage });
  const accountsOf = (report: { tables: Array<{ table: string; expired: number; held: number }> }) => report.tables.find((c) => c.table === 'accounts')!;

  beforeAll(async () => {
    t = testContext();
    [mine, other] = await Promise.all([createOwnTenant(t.admin, 'retention', ['psa']), createOwnTenant(t.admin, 'retention-other', ['psa'])]);
    storage = localDiskStorage(dir);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every declared clock and scope is valid SQL over its table', async () => {
    await withTenant({ tenantId: mine.tenantId }, async (trx) => {
      for (const rule of await tenantRules(trx, mine.tenantId, 'fr')) {
        await trx.raw(`explain ${expiredRowsSql(rule)}`, { today: '2026-01-01', cutoff: '2023-01-01', table: rule.table, activity: rule.activity, subjectHeld: [] });
      }
    }, t.knex);
  });

  it('a prospect expires on the day its last contact is three years ago, with its history, messages and files; clients and another organisation\'s rows stay', async () => {
    const prospect = await account(mine, 'prospect', '2023-03-10T09:00:00+01:00');
    const client = await account(mine, 'active', '2023-03-10T09:00:00+01:00');
    const elsewhere = await account(other, 'prospect', '2023-03-10T09:00:00+01:00');
    const before = await read(prospect);
    await t.admin('history').insert({ tenantId: mine.tenantId, recordType: 'account', recordId: prospect, action: 'update', changes: JSON.stringify({ name: { before: 'Claire Martin', after: before.name } }) });
    await t.admin('messages').insert({
      tenantId: mine.tenantId, channel: 'mail', recipient: 'claire.martin@exemple.fr', subject: 'Votre devis', body: 'Bonjour Claire', status: 'sent',
      recordType: 'account', recordId: prospect, idempotencyKey: crypto.randomUUID(), createdAt: '2026-01-05T10:00:00Z',
    });
    const storageKey = `${mine.tenantId}/${crypto.randomUUID()}`;
    await storage.put(storageKey, Buffer.from('%PDF devis de Claire Martin'));
    await t.admin('documents').insert({ tenantId: mine.tenantId, accountId: prospect, filename: 'devis-claire-martin.pdf', mimeType: 'application/pdf', sizeBytes: 27, sha256: 'x', storageKey });

    const dayBefore = await withTenant({ tenantId: mine.tenantId }, (trx) => dryRun(trx, mine.tenantId, '2026-03-09', 5), t.knex);
    expect(accountsOf(dayBefore).expired).toBe(0);
    expect(accountsOf(await run(mine, '2026-03-09')).expired).toBe(0);
    expect(await read(prospect)).toEqual(before);

    const onTheDay = await withTenant({ tenantId: mine.tenantId }, (trx) => dryRun(trx, mine.tenantId, '2026-03-10', 5), t.knex);
    const tableOnTheDay = onTheDay.tables.find((c) => c.table === 'accounts')!;
    expect(tableOnTheDay).toMatchObject({ expired: 1, held: 0, sample: [{ id: prospect, clockDay: '2023-03-10', expiredOn: '2026-03-10' }] });
    expect(JSON.stringify(onTheDay)).not.toMatch(/Martin|exemple\.fr|Lille/);

    const report = await run(mine, '2026-03-10');
    expect(accountsOf(report)).toMatchObject({ expired: 1, held: 0, followed: { history: 1, messages: 1, documents: 1 } });
    const after = await read(prospect);
    expect(after).toMatchObject({ email: '***@exemple.fr', phone: null, notes: null, addressLine1: null, postalCode: '59', city: 'Lille' });
    expect(after.name).toMatch(/^pseudo:k1:/);
    // The generated search name follows its source.
    expect(after.searchName).not.toContain('martin');
    expect((await t.admin('history').where({ recordId: prospect }).first('changes')).changes).toEqual({});
    expect(await t.admin('messages').where({ recordId: prospect }).first('recipient', 'subject', 'body')).toMatchObject({ recipient: expect.stringMatching(/^pseudo:/), subject: null, body: '' });
    expect(await t.admin('documents').where({ storageKey }).first('filename', 'sizeBytes')).toEqual({ filename: '', sizeBytes: 0 });
    expect((await storage.get(storageKey)).length).toBe(0);
    // A client's relationship has not ended; another organisation's prospect is not this run's.
    expect((await read(client)).name).toMatch(/Martin$/);
    expect((await read(elsewhere)).name).toMatch(/Martin$/);

    // Idempotent: the next run finds nothing, and the row stays as it is; a run id done answers its report again.
    const again = await run(mine, '2026-03-11');
    expect(accountsOf(again).expired).toBe(0);
    expect(await read(prospect)).toEqual(after);
    expect(await run(mine, '2026-03-10', report.runId)).toEqual(report);
    const stored = await withTenant({ tenantId: other.tenantId }, (trx) => trx('gdprRetentionRuns').select('id'), t.knex);
    expect(stored).toEqual([]);
  });

  it('a legal hold keeps a record or a person\'s rows (not after its end); lifting it lets the next run apply', async () => {
    const held = await account(mine, 'prospect', '2020-01-15T12:00:00Z');
    const person = await account(mine, 'prospect', '2020-01-15T12:00:00Z');
    const [contact] = await t.admin('contacts').insert({ tenantId: mine.tenantId, accountId: person, firstName: 'Paul', lastName: 'Durand', email: 'paul@exemple.fr', updatedAt: '2020-01-15T12:00:00Z' }).returning('id');
    const hold = async (values: Record<string, unknown>) => String((await t.admin('gdprLegalHolds').insert({ tenantId: mine.tenantId, reason: 'Contentieux prud’homal', ...values }).returning('id'))[0].id);
    const recordHold = await hold({ scope: 'record', tableName: 'accounts', recordId: held });
    // A person under a hold: their rows as the declarations' subject links find them (ADR 0023).
    const subjectHold = await hold({ scope: 'subject', subjectKind: 'contact', subjectId: contact.id });
    // A hold whose end passed keeps nothing.
    await hold({ scope: 'activity', activityKey: 'core.customers', until: '2026-03-31' });

    const kept = await run(mine, '2026-04-01');
    expect(accountsOf(kept)).toMatchObject({ expired: 1, held: 1 });
    expect(kept.tables.find((c) => c.table === 'contacts')).toMatchObject({ expired: 0, held: 1 });
    expect((await read(held)).name).toMatch(/Martin$/);
    expect((await read(person)).name).toMatch(/^pseudo:/);
    expect((await t.admin('contacts').where({ id: contact.id }).first('email')).email).toBe('paul@exemple.fr');

    await t.admin('gdprLegalHolds').whereIn('id', [recordHold, subjectHold]).update({ liftedAt: t.admin.fn.now() });
    await t.admin('gdprLegalHolds').where({ tenantId: mine.tenantId }).update({ liftedAt: t.admin.fn.now() });
    const lifted = await run(mine, '2026-04-02');
    expect(accountsOf(lifted)).toMatchObject({ expired: 1, held: 0 });
    expect((await read(held)).name).toMatch(/^pseudo:/);
    expect(await t.admin('contacts').where({ id: contact.id }).first('firstName', 'lastName', 'email')).toEqual({ firstName: 'P.', lastName: 'D.', email: null });
  });

  it('a record restored from a backup keeps its original clock: it expires on its own day', async () => {
    const restored = await account(mine, 'prospect', '2023-05-02T08:00:00Z');
    // As a restore does (domain/backup/database-copy.ts): the row copied out, then loaded back with triggers off.
    const client = new pg.Client({ connectionString: process.env.DATABASE_ADMIN_URL });
    await client.connect();
    try {
      const columns = (await client.query("select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as list from information_schema.columns where table_name = 'accounts' and is_generated = 'NEVER'")).rows[0].list as string;
      const chunks: Buffer[] = [];
      await pipeline(client.query(copyTo(`copy (select ${columns} from accounts where id = '${restored}') to stdout`)), async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) chunks.push(chunk);
      });
      await client.query('delete from accounts where id = $1', [restored]);
      await client.query('begin');
      await client.query('set local session_replication_role = replica');
      await pipeline(Readable.from(chunks), client.query(copyFrom(`copy accounts (${columns}) from stdin`)));
      await client.query('commit');
    } finally {
      await client.end();
    }
    const sampleOn = async (today: string) => (await withTenant({ tenantId: mine.tenantId }, (trx) => dryRun(trx, mine.tenantId, today, 50), t.knex))
      .tables.find((c) => c.table === 'accounts')!.sample;
    expect((await sampleOn('2026-05-01')).map((s) => s.id)).not.toContain(restored);
    expect(await sampleOn('2026-05-02')).toContainEqual({ id: restored, clockDay: '2023-05-02', expiredOn: '2026-05-02' });
  });

  it('runs daily on a Temporal Schedule; a run of its workflow goes through the organisations and reports counts only', async () => {
    const client = await t.deps.temporal();
    const scheduleId = `relais/gdpr-retention-test-${process.pid}`;
    const handle = client.schedule.getHandle(scheduleId);
    const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const worker: Worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    const running = worker.run();
    try {
      await ensureRetentionSchedule(client, TASK_QUEUE, scheduleId);
      await ensureRetentionSchedule(client, TASK_QUEUE, scheduleId);
      const described = await handle.describe();
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: RETENTION_AT.hour, end: RETENTION_AT.hour, step: 1 }] });
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: RETENTION_WORKFLOW, taskQueue: TASK_QUEUE });
      // A prospect of long ago, run for a day of long ago: nobody else's data is that old.
      const ancient = await account(mine, 'prospect', '1995-06-01T10:00:00Z');
      const result = await client.workflow.execute(RETENTION_WORKFLOW, { taskQueue: TASK_QUEUE, workflowId: `${scheduleId}-${Date.now()}`, args: [{ today: '2000-01-01' }] }) as RetentionRunResult;
      expect(result.tenants).toContainEqual({ tenantId: mine.tenantId, anonymised: 1, deleted: 0, held: 0 });
      expect(result.tenants.filter((x) => x.tenantId !== mine.tenantId).every((x) => x.anonymised + x.deleted === 0)).toBe(true);
      expect((await read(ancient)).name).toMatch(/^pseudo:/);
    } finally {
      await handle.delete().catch(() => undefined);
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
