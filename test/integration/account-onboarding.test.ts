import { NativeConnection, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { serveStartRequests } from '../../api/process/start-requests';
import { seedDemoAccounts } from '../../db/seed';
import { DEMO_TENANTS } from '../../db/seeds/demo-tenants';
import { installShippedProcesses } from '../../db/seeds/shipped-processes';
import { ACCOUNT_ONBOARDING } from '../../domain/core/account-onboarding';
import { processStateQuery } from '../../workflows/engine/contract';
import { engineWorker } from '../support/engine';
import { createOwnTenant, uniqueName, type OwnTenant } from '../support/fixtures';
import { loginAs, TASK_QUEUE, testContext, type TestContext } from '../support/api';
import { until } from '../support/worker-process';

/**
 * « Accueil d'un nouveau compte client » (core.account-onboarding), the core's process every
 * organisation gets: run to its end in a telecom operator (the manager names the owner, the
 * salesperson completes the account and checks satisfaction), started from the account in an
 * audit firm (its mission lead is asked), and the demo's onboardings started once when the API
 * starts. Each organisation here is this file's own, and so is the worker.
 */
describe('account onboarding, the process every organisation gets', () => {
  let t: TestContext;
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  let telecom: OwnTenant;
  let audits: OwnTenant;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    telecom = await createOwnTenant(t.admin, 'onboard-tel', ['telecom']);
    audits = await createOwnTenant(t.admin, 'onboard-aud', ['audits']);
    await installShippedProcesses(t.admin, [telecom.tenantId, audits.tenantId]);
  });
  afterAll(async () => {
    worker.shutdown();
    await running;
    await connection.close();
    await t.close();
  });

  const as = async (tenant: OwnTenant, role: string) => {
    const key = `${tenant.slug}/${role}`;
    if (!tokens.has(key)) tokens.set(key, (await loginAs(t.app, role, tenant.slug)).accessToken);
    const auth = { Authorization: `Bearer ${tokens.get(key)}`, 'Accept-Language': 'fr' };
    return {
      get: (url: string) => request(t.app).get(url).set(auth),
      post: (url: string, body: object = {}) => request(t.app).post(url).set(auth).send(body),
    };
  };
  /** An account written without the API, as a client just arrived: no owner, one contact, no site. */
  const newAccount = async (tenant: OwnTenant, name: string, contact: { email: string; consent: boolean }) => {
    const [{ n }] = await t.admin('accounts').where({ tenantId: tenant.tenantId }).max('number as n');
    const [account] = await t.admin('accounts').insert({ tenantId: tenant.tenantId, number: Number(n ?? 0) + 1, name, legalName: `${name} SAS`, siren: '382094613', status: 'prospect' }).returning(['id', 'number']);
    const [person] = await t.admin('contacts').insert({ tenantId: tenant.tenantId, accountId: account.id, firstName: 'Jeanne', lastName: 'Accueil', email: contact.email }).returning('id');
    if (contact.consent) await t.admin('gdprConsentEntries').insert({ tenantId: tenant.tenantId, subjectKind: 'contact', subjectId: person.id, purpose: 'comms.marketing', channel: 'mail', decision: 'opt-in', source: 'form', sourceDetail: 'Bon de commande signé' });
    return { id: account.id as string, number: account.number as number, contactId: person.id as string };
  };
  /** The open onboarding tasks a person may act on (À faire), once those expected are there. */
  const todo = (tenant: OwnTenant, role: string, expected: (tasks: Array<Record<string, any>>) => boolean) => until(`${role}'s onboarding tasks`, async () => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await (await as(tenant, role)).get(`/api/v1/tasks?candidate=me&processKey=${ACCOUNT_ONBOARDING}`);
    expect(res.status).toBe(200);
    return expected(res.body.items) ? res.body.items as Array<Record<string, any>> : undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  });

  it('runs to its end: the manager names the owner, the owner completes the account, the welcome goes out, the owner checks satisfaction', async () => {
    const name = uniqueName('Boulangerie');
    const account = await newAccount(telecom, name, { email: 'jeanne@boulangerie.test', consent: true });
    const manager = await as(telecom, 'manager');
    // Started from the API, with the wait before the satisfaction check shortened.
    const started = await manager.post('/api/v1/process-instances', { processKey: ACCOUNT_ONBOARDING, businessKey: account.id, variables: { accountId: account.id, satisfactionDelay: 'PT1S' } });
    expect(started.status).toBe(201);

    // The account has no owner: the telecom operator's managers are asked to name one, by the account's name.
    const [appoint] = await todo(telecom, 'manager', (tasks) => tasks.some((x) => x.businessKey === account.id));
    expect(appoint).toMatchObject({
      elementId: 'AppointOwner', name: 'Désigner le responsable du compte', candidateRoles: ['manager'], assignee: null,
      title: 'Accueil d\'un nouveau compte client', label: `${name} — compte n° ${account.number}`,
    });
    expect((await todo(telecom, 'sales', () => true)).some((x) => x.businessKey === account.id)).toBe(false);
    // The form offers the people who may own an account, by name.
    const detail = await manager.get(`/api/v1/tasks/${appoint!.id}`);
    const choices = detail.body.form.schema.properties.ownerId.oneOf as Array<{ const: string; title: string }>;
    expect(choices).toContainEqual({ const: telecom.userIds.sales, title: `Sales ${telecom.slug}` });
    expect(choices.map((c) => c.const)).not.toContain(telecom.userIds['support-n1']);
    expect((await manager.post(`/api/v1/tasks/${appoint!.id}/complete`, { ownerId: telecom.userIds.sales })).status).toBe(200);

    // The salesperson now owns the account (credited to the manager on its timeline) and is asked to complete it: it has no site.
    const [complete] = await todo(telecom, 'sales', (tasks) => tasks.some((x) => x.businessKey === account.id));
    expect(complete).toMatchObject({ elementId: 'CompleteRecords', name: 'Compléter contacts et sites', assignee: telecom.userIds.sales, label: `${name} — compte n° ${account.number}` });
    expect(await t.admin('accounts').where({ id: account.id }).first('ownerId')).toEqual({ ownerId: telecom.userIds.sales });
    const credited = await t.admin('history').where({ recordType: 'account', recordId: account.id, action: 'update' }).first('actorUserId', 'changes');
    expect(credited).toMatchObject({ actorUserId: telecom.userIds.manager, changes: { ownerId: { before: null, after: telecom.userIds.sales } } });
    const sales = await as(telecom, 'sales');
    expect((await sales.post(`/api/v1/tasks/${complete!.id}/complete`, { recordsCompleted: false })).status).toBe(400);
    expect((await sales.post(`/api/v1/tasks/${complete!.id}/complete`, { recordsCompleted: true })).status).toBe(200);

    // The contact who consented gets the welcome mail (sandbox), on the account's timeline.
    const welcome: { recipient: string; subject: string; body: string; contactId: string } = await until('the welcome mail', async () => (
      await t.admin('messages').where({ tenantId: telecom.tenantId, recordType: 'account', recordId: account.id }).first('recipient', 'subject', 'body', 'contactId')) ?? undefined);
    expect(welcome).toMatchObject({ recipient: 'jeanne@boulangerie.test', subject: `Bienvenue chez Test ${telecom.slug}`, contactId: account.contactId });
    expect(welcome.body).toContain(`Sales ${telecom.slug}`);

    // After the (shortened) wait, the owner checks satisfaction; then the process ends.
    const [check] = await todo(telecom, 'sales', (tasks) => tasks.some((x) => x.businessKey === account.id && x.elementId === 'SatisfactionCheck'));
    expect(check).toMatchObject({ name: 'Point de satisfaction à J+30', assignee: telecom.userIds.sales });
    expect((await sales.post(`/api/v1/tasks/${check!.id}/complete`, { satisfaction: 4, satisfactionNotes: 'Ravie de la nouvelle ligne.' })).status).toBe(200);
    const ended = await until('the end', async () => {
      const row = await t.admin('processInstances').where({ id: started.body.id }).first('status', 'variables');
      return row?.status === 'completed' ? row : undefined;
    });
    expect(ended.variables).toMatchObject({ legalIdentity: { status: 'consistent', registryChecked: false }, satisfaction: 4, ownerId: telecom.userIds.sales });
    const listed = await manager.get(`/api/v1/process-instances?processKey=${ACCOUNT_ONBOARDING}`);
    expect(listed.body.items.find((i: { id: string }) => i.id === started.body.id)).toMatchObject({ status: 'completed', label: `${name} — compte n° ${account.number}` });
  });

  it('starts from the account in an audit firm, asks its mission leads, refuses a second start and stays invisible to other organisations', async () => {
    const name = uniqueName('Mairie');
    const account = await newAccount(audits, name, { email: 'accueil@mairie.test', consent: false });
    const lead = await as(audits, 'mission-lead');
    const started = await lead.post(`/api/v1/accounts/${account.id}/onboarding`);
    expect(started.status).toBe(201);
    const [appoint] = await todo(audits, 'mission-lead', (tasks) => tasks.some((x) => x.businessKey === account.id));
    expect(appoint).toMatchObject({ elementId: 'AppointOwner', candidateRoles: ['mission-lead'], label: `${name} — compte n° ${account.number}` });
    // An auditor works on assigned accounts only: not asked, and cannot own accounts.
    expect((await todo(audits, 'auditor', () => true)).some((x) => x.businessKey === account.id)).toBe(false);
    const choices = (await lead.get(`/api/v1/tasks/${appoint!.id}`)).body.form.schema.properties.ownerId.oneOf.map((c: { const: string }) => c.const);
    expect(choices.sort()).toEqual([audits.userIds['mission-lead'], audits.userIds.administration].sort());

    const again = await lead.post(`/api/v1/accounts/${account.id}/onboarding`);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe(`L'accueil de « ${name} » est déjà en cours : suivez-le dans Processus → Suivi.`);
    const standing = await lead.get(`/api/v1/accounts/${account.id}/onboarding`);
    expect(standing.body.onboarding).toMatchObject({ id: started.body.id, status: 'running', openTasks: [{ name: 'Désigner le responsable du compte' }] });
    // Who may not edit the account may not start its onboarding; nor may anyone with a body it does not take.
    expect((await (await as(audits, 'auditor')).post(`/api/v1/accounts/${account.id}/onboarding`)).status).toBe(404);
    expect((await lead.post(`/api/v1/accounts/${account.id}/onboarding`, { satisfactionDelay: 'PT1S' })).status).toBe(400);

    // Another organisation sees neither the instance, nor its tasks, nor the account's onboarding.
    const stranger = await as(telecom, 'manager');
    expect((await stranger.get(`/api/v1/process-instances/${started.body.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/tasks/${appoint!.id}`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/accounts/${account.id}/onboarding`)).status).toBe(404);
    expect((await stranger.post(`/api/v1/accounts/${account.id}/onboarding`)).status).toBe(404);
    const theirs = await stranger.get(`/api/v1/process-instances?processKey=${ACCOUNT_ONBOARDING}`);
    expect(theirs.body.items.map((i: { id: string }) => i.id)).not.toContain(started.body.id);
  });

  it('starts the demo\'s onboardings once when the API starts, each waiting at its step, however often it restarts', async () => {
    const demo = DEMO_TENANTS.find((x) => x.slug === 'vidangeur-breton')!;
    const own = await createOwnTenant(t.admin, 'onboard-demo', demo.verticals);
    await seedDemoAccounts(t.admin, own.tenantId, demo, own.userIds);
    await installShippedProcesses(t.admin, [own.tenantId]);
    const instances = () => t.admin('processInstances').where({ tenantId: own.tenantId, processKey: ACCOUNT_ONBOARDING }).select('id', 'businessKey', 'status', 'workflowId');
    const accountId = async (name: string) => (await t.admin('accounts').where({ tenantId: own.tenantId, name }).first('id')).id as string;

    // Two API replicas starting together, then a restart: each demo onboarding starts once.
    const both = await Promise.all([serveStartRequests(t.deps, { tenantIds: [own.tenantId] }), serveStartRequests(t.deps, { tenantIds: [own.tenantId] })]);
    expect(both.map((r) => r.started).reduce((a, b) => a + b)).toBe(4);
    expect(await serveStartRequests(t.deps, { tenantIds: [own.tenantId] })).toEqual({ started: 0 });
    await seedDemoAccounts(t.admin, own.tenantId, demo, own.userIds);
    expect(await serveStartRequests(t.deps, { tenantIds: [own.tenantId] })).toEqual({ started: 0 });
    const rows = await instances();
    expect(rows.map((r) => r.businessKey).sort()).toEqual((await Promise.all(['Camping des Dunes', 'Gîtes de Kerantré', 'Commune de Plougasnou', 'Ferme de Kervoazec'].map(accountId))).sort());
    expect(Number((await t.admin('accounts').where({ tenantId: own.tenantId }).count({ n: '*' }).first())!.n)).toBe(demo.accounts.length);

    // The manager names the owners of the two clients just arrived, and (as their owner) completes the farm's account.
    const managerTasks = await todo(own, 'manager', (tasks) => tasks.length >= 3);
    expect(managerTasks.map((x) => `${x.name} @ ${x.label.split(' — ')[0]}`).sort()).toEqual([
      'Compléter contacts et sites @ Ferme de Kervoazec',
      'Désigner le responsable du compte @ Commune de Plougasnou',
      'Désigner le responsable du compte @ Gîtes de Kerantré',
    ]);
    // The camping, complete and owned, had its welcome mail and waits for the check at J+30.
    const campingId = await accountId('Camping des Dunes');
    const camping = rows.find((r) => r.businessKey === campingId)!;
    const state = await until('the camping waiting for J+30', async () => {
      const s = await (await t.deps.temporal()).workflow.getHandle(camping.workflowId).query(processStateQuery);
      return s.activeElements.includes('SatisfactionDue') ? s : undefined;
    });
    expect(state.openTasks).toEqual([]);
    const mail = await t.admin('messages').where({ tenantId: own.tenantId, recordType: 'account', recordId: camping.businessKey }).select('recipient');
    expect(mail).toEqual([{ recipient: 'loic.guillou@camping-des-dunes-crozon.fr' }]);
    // Another organisation's managers see none of it.
    expect((await todo(telecom, 'manager', () => true)).some((x) => rows.some((r) => r.businessKey === x.businessKey))).toBe(false);
  });
});
