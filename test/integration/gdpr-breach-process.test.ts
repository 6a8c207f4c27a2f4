import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import request from 'supertest';
import { untilWorkflowLists } from '../../api/process/workflow-sync';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../../domain/core/record-service';
import { signalBreach, startBreachResponse } from '../../domain/gdpr/breach-process';
import { BREACH_RESPONSE, declareBreach, recordNotification, updateBreach } from '../../domain/gdpr/breaches';
import { buildAbility } from '../../domain/identity/ability';
import { loadPrincipal } from '../../domain/identity/principal';
import { getTask, validateTaskData } from '../../domain/process/tasks-service';
import type { ProcessResult } from '../../kernel/process/engine-types';
import { completeTaskUpdate, processStateQuery } from '../../workflows/engine/contract';
import { loginAs, testContext, type TestContext } from '../support/api';
import { engineWorker, resultSkippingTime, skipTime, timeSkippingEnv } from '../support/engine';
import { createOwnTenant, type OwnTenant } from '../support/fixtures';
import { startLoopbackSmtp, type LoopbackSmtp } from '../support/loopback-smtp';
import { until } from '../support/worker-process';

/**
 * « Réponse à une violation de données » (gdpr.breach-response, ADR 0025) on Temporal's time-skipping test
 * server: the data protection officer and the direction reminded 24 h and 48 h after the discovery and the
 * overdue recorded at 72 h (each checked an hour before and after); nothing once the CNIL is notified; a
 * high-risk breach's people mailed through comms (the loopback SMTP server) and the communication recorded;
 * decided « no notification needed » from the breach's panel, it ends with its reason. An MSP organisation of its own.
 */
describe('gdpr: the response to a data breach, on the time-skipping server', () => {
  let t: TestContext;
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let smtp: LoopbackSmtp;
  let tenant: OwnTenant;
  let contactIds: string[];
  const taskQueue = `breach-${process.pid}`;
  const HOUR = 3_600_000;

  beforeAll(async () => {
    t = testContext();
    smtp = await startLoopbackSmtp();
    env = await timeSkippingEnv(t.knex);
    worker = await engineWorker(env.nativeConnection, taskQueue, t.knex);
    running = worker.run();
    tenant = await createOwnTenant(t.admin, 'breach-process', ['psa']);
    const admin = (await loginAs(t.app, 'admin', tenant.slug)).accessToken;
    const settings = await request(t.app).put('/api/v1/comms/settings').set('Authorization', `Bearer ${admin}`).send({
      smsProvider: 'sandbox', mailProvider: 'smtp', smtpHost: '127.0.0.1', smtpPort: smtp.port, smtpSecure: false,
      smtpUser: 'relais', smtpPassword: 'smtp-secret', mailFrom: 'Relais Test <noreply@relais.test>',
    });
    expect(settings.status).toBe(200);
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: 1, name: 'Boulangerie Martin' }).returning('id');
    contactIds = (await t.admin('contacts').insert([
      { tenantId: tenant.tenantId, accountId: account.id, firstName: 'Jeanne', lastName: 'Martin', email: 'jeanne@boulangerie.example' },
      { tenantId: tenant.tenantId, accountId: account.id, firstName: 'Paul', lastName: 'Martin', email: 'paul@boulangerie.example' },
    ]).returning('id')).map((r: { id: string }) => r.id);
    await installShippedProcesses(t.admin, [tenant.tenantId]);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await smtp?.close();
    await t.close();
  });

  const asDpo = <T>(fn: (ctx: RequestContext) => Promise<T>) => withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    const principal = (await loadPrincipal(trx, tenant.tenantId, tenant.userIds.dpo!))!;
    return fn({ trx, principal, ability: buildAbility(principal) });
  }, t.knex);
  const now = async () => new Date(await env.currentTimeMs());

  /** A breach discovered at the test server's now, its process started as the declaration's API answer starts it. */
  async function declared(extra: Record<string, unknown> = {}) {
    const at = await now();
    const breach = await asDpo((ctx) => declareBreach(ctx, {
      title: 'Perte d’un ordinateur portable', nature: ['confidentiality'], description: 'Oublié dans un train', startedAt: null, discoveredAt: at.toISOString(),
      dataCategories: ['identity', 'contact'], peopleCategories: ['Contacts des entreprises clientes'], approxPeople: 2, approxRecords: 2,
      consequences: 'Hameçonnage', measuresTaken: 'Mots de passe changés', measuresProposed: 'Chiffrement', contactIds: [], ...extra,
    }, at));
    expect(await startBreachResponse(t.knex, env.client, taskQueue, tenant.tenantId, breach.id)).toBe('started');
    const workflowId = `${tenant.tenantId}/${BREACH_RESPONSE}/${breach.id}`;
    return { id: breach.id, discoveredAt: at.getTime(), workflowId, handle: env.client.workflow.getHandle(workflowId) };
  }
  type Declared = Awaited<ReturnType<typeof declared>>;
  const state = (b: Declared) => b.handle.query(processStateQuery);
  const waitingAt = (b: Declared, elementId: string) => until(`the breach's process at ${elementId}`, async () => ((await state(b)).activeElements.includes(elementId) ? true : undefined));
  const advanceTo = async (instant: number) => {
    const wait = instant - await env.currentTimeMs();
    if (wait > 0) await skipTime(env, wait);
  };
  const row = (b: Declared) => t.admin('gdprBreaches').where({ id: b.id }).first();
  const escalated = async (b: Declared) => ((await row(b)).escalations as Array<{ hours: number }>).map((e) => e.hours);
  const mailsAbout = (b: Declared) => t.admin('messages').where({ tenantId: tenant.tenantId, recordType: 'gdpr-breach', recordId: b.id }).orderBy('createdAt').select('recipient', 'subject', 'status', 'contactId');
  const complete = async (b: Declared, elementId: string, data: Record<string, unknown>) => {
    const task = await until(`the task ${elementId}`, async () => (await t.admin('tasks').where({ workflowId: b.workflowId, elementId, status: 'open' }).first()) ?? undefined);
    await untilWorkflowLists(b.handle, { taskId: task.id });
    await b.handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, userId: tenant.userIds.dpo!, roles: ['dpo'], data }] });
    return task;
  };

  it('reminds the officer and the direction 24 h and 48 h after the discovery, records the overdue at 72 h, and stops once the CNIL is notified', async () => {
    const b = await declared();
    await waitingAt(b, 'Assess');
    // The task's row is written by the activity the element runs: it may come a moment after the element is active.
    const task = await until('the assessment task', async () => (await t.admin('tasks').where({ workflowId: b.workflowId, elementId: 'Assess', status: 'open' }).first()) ?? undefined);
    expect(task).toMatchObject({ name: 'Évaluer la violation', formKey: 'gdpr.breach-response.assess', candidateRoles: ['dpo'] });

    const expected: number[] = [];
    for (const hours of [24, 48, 72]) {
      await advanceTo(b.discoveredAt + hours * HOUR - HOUR);
      await waitingAt(b, 'Assess');
      expect(await escalated(b)).toEqual(expected);
      await advanceTo(b.discoveredAt + hours * HOUR + HOUR);
      expected.push(hours);
      await until(`the escalation at ${hours} h`, async () => ((await escalated(b)).length === expected.length ? true : undefined));
      expect(await escalated(b)).toEqual(expected);
    }
    const mails = await mailsAbout(b);
    // Each time to the data protection officer and the administrator (who reads breaches), through comms.
    expect(mails.map((m) => m.recipient).sort()).toEqual([
      ...Array(3).fill(`admin@${tenant.slug}.demo`), ...Array(3).fill(`dpo@${tenant.slug}.demo`),
    ]);
    expect(mails.map((m) => m.subject)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Violation n° \d+ : 24 h écoulées depuis la découverte/), expect.stringMatching(/^Délai de 72 h dépassé : violation n° \d+ non notifiée à la CNIL$/),
    ]));

    // Notified from the breach's panel (late: with its reasons): the process hears it, tells nobody, and ends.
    await asDpo((ctx) => recordNotification(ctx, b.id, { phase: 'initial', notifiedAt: new Date(b.discoveredAt + 75 * HOUR).toISOString(), reference: 'CNIL-2026-0001', delayReason: 'Week-end' }, new Date(b.discoveredAt + 75 * HOUR)));
    expect(await signalBreach(t.knex, async () => env.client, tenant.tenantId, b.id, { kind: 'notified' })).toEqual({ message: 'gdpr.breach-notified', delivered: true });
    expect((await resultSkippingTime<ProcessResult>(env, b.handle.workflowId)).status).toBe('completed');
    expect((await state(b)).completedElements).toMatchObject({ NotifiedMeanwhile: 1, InformPeople: 1, BreachHandled: 1 });
    expect((await t.admin('tasks').where({ id: task.id }).first('status')).status).toBe('cancelled');
    expect(await mailsAbout(b)).toHaveLength(6);
  });

  it('a high-risk breach: assessed in its task, the CNIL notified from the pre-filled task, the people mailed through SMTP, then nothing more', async () => {
    const b = await declared({ contactIds });
    // The task's form refuses what the register refuses, in French, before the process moves.
    const assess = await until('the assessment task', async () => (await t.admin('tasks').where({ workflowId: b.workflowId, elementId: 'Assess', status: 'open' }).first()) ?? undefined);
    expect(() => validateTaskData(assess, { riskLevel: 'high', authorityDecision: 'not-required' })).toThrow(expect.objectContaining({
      problems: expect.arrayContaining([expect.objectContaining({ field: 'authorityDecision' }), expect.objectContaining({ field: 'authorityReason' })]),
    }));
    await complete(b, 'Assess', { riskLevel: 'high', authorityDecision: 'notify', peopleDecision: 'inform' });
    await waitingAt(b, 'NotifyCnil');
    expect((await row(b)).status).toBe('assessed');
    // The task's form opens with the notification prepared from the record.
    const notifyTask = await until('the notification task', async () => (await t.admin('tasks').where({ workflowId: b.workflowId, elementId: 'NotifyCnil', status: 'open' }).first()) ?? undefined);
    const shown = await asDpo((ctx) => getTask(ctx, notifyTask.id));
    expect(shown).toMatchObject({ title: 'Réponse à une violation de données', label: expect.stringMatching(/^Violation n° \d+ — Perte d’un ordinateur portable$/) });
    const prepared = (shown.form!.schema.properties as Record<string, { default?: string }>).notificationText!.default!;
    expect(prepared).toContain('Nature de la violation : Perte de confidentialité');
    expect(prepared).toContain('Niveau de risque estimé : Risque élevé pour les droits et libertés des personnes');
    expect((shown.form!.schema.properties as Record<string, { default?: boolean }>).late!.default).toBe(false);
    expect(() => validateTaskData(notifyTask, { reference: 'X', notifiedAt: (new Date()).toISOString(), late: true })).toThrow(expect.objectContaining({
      problems: [expect.objectContaining({ field: 'delayReason' })],
    }));
    expect(await escalated(b)).toEqual([]);

    const before = smtp.received.length;
    await complete(b, 'NotifyCnil', { notificationText: prepared, reference: 'CNIL-2026-0002', notifiedAt: (await now()).toISOString() });
    expect((await resultSkippingTime<ProcessResult>(env, b.handle.workflowId)).status).toBe('completed');
    expect((await state(b)).completedElements).toMatchObject({ RecordNotification: 1, InformPeople: 1 });
    const breach = await row(b);
    expect(breach).toMatchObject({ status: 'notified', notifications: [expect.objectContaining({ phase: 'initial', reference: 'CNIL-2026-0002' })] });
    expect(breach.communications).toEqual([expect.objectContaining({ channel: 'mail', recipients: 2, messageIds: [expect.any(String), expect.any(String)] })]);
    const toPeople = smtp.received.slice(before).filter((m) => m.to.some((to) => to.endsWith('@boulangerie.example')));
    expect(toPeople.flatMap((m) => m.to).sort()).toEqual(['jeanne@boulangerie.example', 'paul@boulangerie.example']);
    expect(toPeople.map((m) => /Bonjour (\w+ Martin),/.exec(m.raw)?.[1]).sort()).toEqual(['Jeanne Martin', 'Paul Martin']);
    expect((await mailsAbout(b)).filter((m) => m.contactId).map((m) => m.subject)).toEqual(Array(2).fill(`Information importante concernant vos données personnelles — Test ${tenant.slug}`));

    // 80 hours later: no escalation, nothing more sent.
    await skipTime(env, 80 * HOUR);
    expect(await escalated(b)).toEqual([]);
    expect((await mailsAbout(b)).map((m) => m.contactId).sort()).toEqual([...contactIds].sort());
  });

  it('decided « no notification needed » from the breach\'s panel: the process ends with the reason documented, and reminds nobody', async () => {
    const b = await declared();
    await waitingAt(b, 'Assess');
    const { signal } = await asDpo((ctx) => updateBreach(ctx, b.id, { riskLevel: 'none', authorityDecision: 'not-required', authorityReason: 'Données chiffrées, clé non compromise' }, '*', new Date(b.discoveredAt)));
    expect(signal).toEqual({ kind: 'documented' });
    expect(await signalBreach(t.knex, async () => env.client, tenant.tenantId, b.id, signal!)).toEqual({ message: 'gdpr.breach-documented', delivered: true });
    expect((await resultSkippingTime<ProcessResult>(env, b.handle.workflowId)).status).toBe('completed');
    expect((await state(b)).completedElements).toMatchObject({ DocumentedMeanwhile: 1, DocumentedByDecision: 1 });
    expect((await state(b)).completedElements.InformPeople).toBeUndefined();
    await skipTime(env, 80 * HOUR);
    expect(await row(b)).toMatchObject({ status: 'documented', authorityReason: 'Données chiffrées, clé non compromise', escalations: [] });
    expect(await mailsAbout(b)).toEqual([]);
  });
});
