import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { formatDate, formatDateTime } from '../../cli/dates';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { freePort } from '../../scripts/services/ports';
import { TASK_QUEUE, testContext, userId, type TestContext } from '../support/api';
import { cliUser, listen, STACK_LINE, type CliRun } from '../support/cli';
import { ROOT } from '../support/paths';
import { engineWorker } from '../support/engine';

const TENANT = 'epic-events';
type User = ReturnType<typeof cliUser>;
interface Item { id: string; number: number }

/**
 * The `relais` binary, run as a child process exactly as `npx relais` runs it,
 * against the real API listening on a loopback port and a real engine worker:
 * sessions, refresh, exit codes, and the Epic Events story told by three
 * users, each with a configuration directory of their own.
 */
describe('the relais command-line client', () => {
  let t: TestContext;
  let api: { url: string; close(): Promise<void> };
  let connection: NativeConnection;
  let worker: Worker;
  let running: Promise<void>;
  const root = path.join(process.env.RELAIS_DATA_DIR!, `cli-${process.pid}`);
  const ids: Record<string, string> = {};
  let sales: User;
  let management: User;
  let support: User;
  // Unique per run, so that names and searches never meet an earlier test's records.
  const tag = crypto.randomBytes(3).toString('hex');

  beforeAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    t = testContext();
    connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    worker = await engineWorker(connection, TASK_QUEUE, t.knex);
    running = worker.run();
    api = await listen(t.app);
    sales = cliUser(root, 'sales');
    management = cliUser(root, 'management');
    support = cliUser(root, 'support');
    for (const role of ['sales', 'management', 'support']) ids[role] = await userId(t.admin, role, TENANT);
  });

  afterAll(async () => {
    await api?.close();
    worker?.shutdown();
    await running;
    await connection?.close();
    await t?.close();
  });

  function login(user: User, role: string, extra: string[] = []): Promise<CliRun> {
    return user.run(['login', '--url', api.url, '--email', demoEmail(role, TENANT), '--password-stdin', ...extra], { input: `${DEMO_PASSWORD}\n` });
  }

  /** An expected failure: its exit code, a message on stderr, never a stack trace. */
  function expectFailure(run: CliRun, code: number, message: RegExp | string): void {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: expect.stringMatching(typeof message === 'string' ? message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : message) });
    expect(run.stderr).not.toMatch(STACK_LINE);
  }

  function ok(run: CliRun): CliRun {
    if (run.code !== 0) throw new Error(`exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
    return run;
  }

  async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  const readSession = (user: User) => JSON.parse(fs.readFileSync(user.credentialsFile, 'utf8'));
  const writeSession = (user: User, session: unknown) => fs.writeFileSync(user.credentialsFile, JSON.stringify(session));

  it('logs in into a file only its owner can read, says who is logged in, and logs out', async () => {
    const first = ok(await login(sales, 'sales'));
    expect(first.stdout).toContain('Connecté à');
    expect(first.stdout).toContain('Bill Boquet');
    expect(first.stdout + first.stderr).not.toContain(DEMO_PASSWORD);
    expect(fs.statSync(sales.credentialsFile).mode & 0o777).toBe(0o600);
    const session = readSession(sales);
    expect(session).toMatchObject({ url: api.url, email: 'sales@epic-events.demo', tenant: TENANT, userId: ids.sales });
    expect(typeof session.accessToken).toBe('string');
    expect(typeof session.refreshToken).toBe('string');
    expect(JSON.stringify(session)).not.toContain(DEMO_PASSWORD);

    const who = ok(await sales.run(['whoami']));
    expect(who.stdout).toContain('Bill Boquet <sales@epic-events.demo>');
    expect(who.stdout).toMatch(/Organisation\s+Epic Events \(epic-events\)/);
    expect(ok(await sales.run(['whoami', '--json'])).json().user).toMatchObject({ id: ids.sales, email: 'sales@epic-events.demo' });

    // A wrong password is refused (exit 3) and leaves the existing session alone.
    const wrong = await sales.run(['login', '--url', api.url, '--email', 'sales@epic-events.demo', '--password-stdin'], { input: 'not-the-password\n' });
    expectFailure(wrong, 3, 'L\'e-mail ou le mot de passe est incorrect.');
    expect(readSession(sales).refreshToken).toBe(session.refreshToken);
    // Without a terminal, a missing email or password is a usage error naming what to give.
    expectFailure(await sales.run(['login', '--url', api.url]), 2, '--email manquant');
    expectFailure(await sales.run(['login', '--url', api.url, '--email', 'sales@epic-events.demo']), 2, '--password-stdin');

    const out = ok(await sales.run(['logout']));
    expect(out.stdout).toContain(`Déconnecté de ${api.url}`);
    expect(fs.existsSync(sales.credentialsFile)).toBe(false);
    // The server revoked the session too: its refresh token is worth nothing now.
    const reuse = await fetch(`${api.url}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: session.refreshToken }) });
    expect(reuse.status).toBe(401);
    expectFailure(await sales.run(['whoami']), 3, 'Vous n\'êtes pas connecté : lancez d\'abord `relais login`.');
    expectFailure(await sales.run(['clients', 'list']), 3, 'pas connecté');
  });

  it('refreshes an expired access token with the refresh token, keeps the rotated one, and says when the session is over', async () => {
    ok(await login(sales, 'sales'));
    const before = readSession(sales);
    writeSession(sales, { ...before, accessToken: 'expired.or.bogus' });
    const listed = ok(await sales.run(['clients', 'list', '--json']));
    expect(Array.isArray(listed.json().items)).toBe(true);
    const after = readSession(sales);
    expect(after.accessToken).not.toBe('expired.or.bogus');
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(fs.statSync(sales.credentialsFile).mode & 0o777).toBe(0o600);

    // Three commands of a script at once, all with a stale token: one refreshes, the others use its tokens
    // (two refreshes with the same token would look like a theft and end the session).
    writeSession(sales, { ...after, accessToken: 'expired.again' });
    const parallel = await Promise.all([1, 2, 3].map(() => sales.run(['whoami', '--json'])));
    for (const run of parallel) ok(run);
    ok(await sales.run(['whoami']));

    // When the refresh token is no good either, the user is told to log in again (exit 3).
    writeSession(sales, { ...readSession(sales), accessToken: 'expired', refreshToken: `${after.refreshToken.split('.')[0]}.revoked` });
    expectFailure(await sales.run(['clients', 'list']), 3, 'Votre session a expiré ou a été fermée : lancez `relais login` pour vous reconnecter.');
    ok(await login(sales, 'sales'));
  });

  it('cannot reach a server that is down: exit 7, naming the address and what to do', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const nobody = cliUser(root, 'nobody');
    const run = await nobody.run(['login', '--url', closed, '--email', 'sales@epic-events.demo', '--password-stdin'], { input: 'x\n' });
    expectFailure(run, 7, `Impossible de joindre l'API Relais à ${closed} (connexion refusée`);
    expect(run.stderr).toContain('relais login --url');
    // In English for an English user (--lang, or the locale).
    const english = await nobody.run(['login', '--url', closed, '--email', 'sales@epic-events.demo', '--password-stdin', '--lang', 'en'], { input: 'x\n' });
    expectFailure(english, 7, `Cannot reach the Relais API at ${closed} (connection refused`);
    expect((await nobody.run(['--help'], { env: { RELAIS_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: 'en_GB.UTF-8' } })).stdout).toContain('Relais command-line client');
    expect(fs.existsSync(nobody.credentialsFile)).toBe(false);

    ok(await login(nobody, 'support'));
    writeSession(nobody, { ...readSession(nobody), url: closed });
    expectFailure(await nobody.run(['events', 'list']), 7, `Impossible de joindre l'API Relais à ${closed}`);
    // Logging out without the server keeps the session (it is still valid there) unless told to forget it locally.
    expectFailure(await nobody.run(['logout']), 7, 'relais logout --local');
    expect(fs.existsSync(nobody.credentialsFile)).toBe(true);
    ok(await nobody.run(['logout', '--local']));
    expect(fs.existsSync(nobody.credentialsFile)).toBe(false);
  });

  it('refuses bad input with exit 2, naming the field or flag, without a stack trace', async () => {
    ok(await login(sales, 'sales'));
    expectFailure(await sales.run(['clients', 'create']), 2, '--name manquant (nom complet).');
    const phone = await sales.run(['clients', 'create', '--name', `Mauvais Numéro ${tag}`, '--phone', '123']);
    expectFailure(phone, 2, 'Le serveur a refusé la saisie :');
    expect(phone.stderr).toContain('- phone (--phone) : n\'est pas un numéro de téléphone valide');
    expectFailure(await sales.run(['contracts', 'create', '--client', '1', '--total', 'douze euros']), 2, '--total "douze euros" n\'est pas un montant en euros');
    expectFailure(await sales.run(['events', 'create', '--contract', '1', '--name', 'x', '--start', 'demain', '--end', '2026-06-04 14:00']), 2, '--start "demain" n\'est pas une date et une heure');
    expectFailure(await sales.run(['clients', 'list', '--limit', '500']), 2, '--limit "500" doit être un nombre entier de 1 à 200');
    expectFailure(await sales.run(['clients', 'show', 'douze']), 2, '"douze" n\'est ni un numéro de client (comme 12) ni un identifiant.');
    expectFailure(await sales.run(['clients', 'lst']), 2, /commande inconnue « lst »/);
    expectFailure(await sales.run(['contracts', 'list', '--signed', '--unsigned']), 2, '--signed et --unsigned s\'excluent');
    expectFailure(await sales.run(['clients', 'update', '1']), 2, 'Rien à modifier');
  });

  it('answers unknown numbers with exit 5 and missing permissions with exit 4', async () => {
    ok(await login(sales, 'sales'));
    ok(await login(support, 'support'));
    expectFailure(await support.run(['clients', 'show', '987654']), 5, 'Il n\'y a pas de client numéro 987654.');
    expectFailure(await support.run(['events', 'show', '#987654']), 5, 'Il n\'y a pas d\'événement numéro 987654.');
    expectFailure(await support.run(['contracts', 'show', crypto.randomUUID()]), 5, /introuvable/);

    const client = ok(await sales.run(['clients', 'create', '--name', `Client Permissions ${tag}`, '--json'])).json<Item>();
    const denied = await support.run(['contracts', 'create', '--client', String(client.number), '--total', '100']);
    expectFailure(denied, 4, /ne pouvez pas/i);
    // Support reads clients but does not edit them.
    expectFailure(await support.run(['clients', 'update', String(client.number), '--company', 'Pirates SA']), 4, /ne pouvez pas/i);
  });

  it('prints the API\'s JSON with --json, tables otherwise, and amounts as French euros', async () => {
    ok(await login(sales, 'sales'));
    ok(await login(management, 'management'));
    const client = ok(await sales.run(['clients', 'create', '--name', `Lou Bouzin ${tag}`, '--email', `jacky.${tag}@loubouzin.example`, '--company', 'Lou Bouzin SARL', '--first-contact', '18/04/2026', '--json'])).json();
    expect(client).toMatchObject({ fullName: `Lou Bouzin ${tag}`, firstContactOn: expect.stringMatching(/^2026-04-18/), salesContactId: ids.sales, salesContactName: 'Bill Boquet' });
    const contract = ok(await management.run(['contracts', 'create', '--client', String(client.number), '--total', '1 500,50 €', '--due', '1500.50', '--json'])).json();
    expect(contract).toMatchObject({ clientId: client.id, totalAmountCents: 150_050, amountDueCents: 150_050, signed: false });

    const page = ok(await management.run(['contracts', 'list', '--client', String(client.number), '--json'])).json();
    expect(page).toEqual({ items: [expect.objectContaining({ id: contract.id })], nextCursor: null });
    const table = ok(await management.run(['contracts', 'list', '--client', String(client.number)])).stdout;
    expect(table).toMatch(new RegExp(`${contract.number}\\s+│ Lou Bouzin ${tag}\\s+│ Bill Boquet\\s+│\\s+1 500,50 € │\\s+1 500,50 € │ no`));
    expect(table).toContain('1 contrat');
    const shown = ok(await management.run(['contracts', 'show', String(contract.number)])).stdout;
    expect(shown).toMatch(/Total\s+1 500,50 €/);
    expect(ok(await management.run(['clients', 'show', client.id])).stdout).toMatch(/Premier contact\s+2026-04-18/);

    // Updates send the version they read; a stale one is refused (exit 6) and nothing is written.
    const updated = ok(await management.run(['contracts', 'update', String(contract.number), '--notes', 'Acompte de 30 %', '--json'])).json();
    expect(updated).toMatchObject({ notes: 'Acompte de 30 %', version: contract.version + 1 });
    const stale = await management.run(['contracts', 'update', String(contract.number), '--total', '2000', '--if-version', String(contract.version)]);
    expectFailure(stale, 6, 'Quelqu\'un d\'autre a modifié cet enregistrement (contrat)');
    expect(ok(await management.run(['contracts', 'show', contract.id, '--json'])).json().totalAmountCents).toBe(150_050);
  });

  it('tells the story through the CLI only: client → contract → signature → event → support → closed', async () => {
    ok(await login(sales, 'sales'));
    ok(await login(management, 'management'));
    ok(await login(support, 'support'));
    const has = (page: { items: Item[] }, id: string) => page.items.some((i) => i.id === id);

    // Sales creates the client, and becomes its sales contact.
    const client = ok(await sales.run(['clients', 'create', '--name', `Kevin Casey ${tag}`, '--email', `kevin.${tag}@startup.example`,
      '--phone', '+33 6 12 34 56 78', '--company', 'Cool Startup LLC', '--json'])).json();
    expect(client).toMatchObject({ salesContactId: ids.sales, phone: '+33612345678' });
    expect(has(ok(await sales.run(['clients', 'list', '--mine', '--all', '--json'])).json(), client.id)).toBe(true);
    expect(has(ok(await management.run(['clients', 'list', '--mine', '--all', '--json'])).json(), client.id)).toBe(false);

    // The process offers management the "create the contract" task.
    const createTask = await until('the CreateContract task', async () => {
      const tasks = ok(await management.run(['tasks', 'list', '--json'])).json().items as Array<{ id: string; elementId: string; businessKey: string }>;
      return tasks.find((x) => x.elementId === 'CreateContract' && x.businessKey === client.id);
    });
    expect(ok(await management.run(['tasks', 'list'])).stdout).toContain(createTask.id);

    // Management creates the contract: the task closes by itself.
    const contract = ok(await management.run(['contracts', 'create', '--client', String(client.number), '--total', '12 500 €', '--json'])).json();
    expect(contract).toMatchObject({ clientId: client.id, totalAmountCents: 1_250_000, amountDueCents: 1_250_000, signed: false, salesContactId: ids.sales });
    await until('the CreateContract task to close', async () => {
      const tasks = ok(await management.run(['tasks', 'list', '--json'])).json().items as Array<{ id: string }>;
      return tasks.some((x) => x.id === createTask.id) ? undefined : true;
    });

    // Sales sees it among their unsigned and unpaid contracts, signs it, and it leaves the unsigned list.
    expect(has(ok(await sales.run(['contracts', 'list', '--unsigned', '--mine', '--all', '--json'])).json(), contract.id)).toBe(true);
    expect(has(ok(await sales.run(['contracts', 'list', '--unpaid', '--all', '--json'])).json(), contract.id)).toBe(true);
    const signed = ok(await sales.run(['contracts', 'sign', String(contract.number)]));
    expect(signed.stdout).toContain(`Le contrat n° ${contract.number} est signé.`);
    expect(has(ok(await sales.run(['contracts', 'list', '--unsigned', '--mine', '--all', '--json'])).json(), contract.id)).toBe(false);
    expect(has(ok(await sales.run(['contracts', 'list', '--signed', '--mine', '--all', '--json'])).json(), contract.id)).toBe(true);

    // Sales creates the event (it took place yesterday, so that support can close it today).
    const yesterday = formatDate(new Date(Date.now() - 86_400_000));
    const event = ok(await sales.run(['events', 'create', '--contract', String(contract.number), '--name', `Kevin Casey Wedding ${tag}`,
      '--start', `${yesterday} 00:30`, '--end', `${yesterday} 01:30`, '--location', '53 Rue du Château, 41120 Candé-sur-Beuvron',
      '--attendees', '75', '--notes', 'Wedding starts at 3PM, by the river.', '--json'])).json();
    expect(event).toMatchObject({ contractId: contract.id, clientName: `Kevin Casey ${tag}`, supportContactId: null, attendees: 75, status: 'planned' });
    // "00:30" was read as Paris time.
    expect(formatDateTime(event.startsAt)).toBe(`${yesterday} 00:30`);

    // Management sees it among the events without support, assigns Kate, and it leaves that list.
    expect(has(ok(await management.run(['events', 'list', '--without-support', '--all', '--json'])).json(), event.id)).toBe(true);
    expect(ok(await management.run(['events', 'list', '--without-support', '--all'])).stdout).toContain(`Kevin Casey Wedding ${tag}`);
    const assigned = ok(await management.run(['events', 'assign-support', String(event.number), 'Kate Hastroff']));
    expect(assigned.stdout).toContain(`est désormais suivi par Kate Hastroff`);
    expect(has(ok(await management.run(['events', 'list', '--without-support', '--all', '--json'])).json(), event.id)).toBe(false);

    // Support finds it under "my events" and closes it with the notes.
    const mine = ok(await support.run(['events', 'list', '--mine', '--all', '--json'])).json();
    expect(has(mine, event.id)).toBe(true);
    expect(mine.items.every((e: { supportContactId: string }) => e.supportContactId === ids.support)).toBe(true);
    expect(ok(await support.run(['events', 'list', '--mine', '--all'])).stdout).toContain(`Kevin Casey Wedding ${tag}`);
    const closed = ok(await support.run(['events', 'close', String(event.number), '--notes', 'Went well; the DJ stayed until 2AM.']));
    expect(closed.stdout).toContain(`L'événement n° ${event.number} est clôturé.`);
    const final = ok(await support.run(['events', 'show', String(event.number), '--json'])).json();
    expect(final).toMatchObject({ status: 'closed', supportContactName: 'Kate Hastroff', notes: 'Went well; the DJ stayed until 2AM.' });
    expect(ok(await management.run(['events', 'show', event.id])).stdout).toMatch(/Statut\s+clôturé/);

    // Management records the payments; the contract leaves the "not fully paid" list once nothing is due.
    ok(await management.run(['contracts', 'pay', String(contract.number), '--amount', '2 500,00', '--method', 'transfer']));
    expect(has(ok(await sales.run(['contracts', 'list', '--unpaid', '--all', '--json'])).json(), contract.id)).toBe(true);
    const paid = ok(await management.run(['contracts', 'pay', String(contract.number), '--amount', '10000', '--json'])).json();
    expect(paid.contract.amountDueCents).toBe(0);
    expect(has(ok(await sales.run(['contracts', 'list', '--unpaid', '--all', '--json'])).json(), contract.id)).toBe(false);
  });

  it('lists and completes tasks with their form data', async () => {
    ok(await login(sales, 'sales'));
    ok(await login(management, 'management'));
    const client = ok(await sales.run(['clients', 'create', '--name', `Client Tâches ${tag}`, '--json'])).json();
    const task = await until('the CreateContract task', async () => {
      const tasks = ok(await management.run(['tasks', 'list', '--json'])).json().items as Array<{ id: string; elementId: string; businessKey: string }>;
      return tasks.find((x) => x.elementId === 'CreateContract' && x.businessKey === client.id);
    });
    const bad = await management.run(['tasks', 'complete', task.id, 'totalAmountCents=beaucoup']);
    expectFailure(bad, 2, /totalAmountCents/);
    expectFailure(await management.run(['tasks', 'complete', task.id, '--data', '{not json']), 2, '--data n\'est pas du JSON valide');
    const done = ok(await management.run(['tasks', 'complete', task.id.slice(0, 8), 'totalAmountCents=250000', 'contractNotes=Par le formulaire', '--json'])).json();
    expect(done).toMatchObject({ id: task.id, status: 'completed' });
    // The process creates the contract from the form.
    const contracts = await until('the contract made by the process', async () => {
      const page = ok(await management.run(['contracts', 'list', '--client', String(client.number), '--json'])).json();
      return page.items.length ? page.items : undefined;
    });
    expect(contracts[0]).toMatchObject({ totalAmountCents: 250_000 });
    expectFailure(await management.run(['tasks', 'complete', task.id, 'totalAmountCents=1']), 6, /déjà terminée/);
  });

  it('imports the legacy spreadsheet and reports each sheet, with exit 2 when any is refused', async () => {
    ok(await login(management, 'management'));
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'events');
    const good = ok(await management.run(['events', 'import', path.join(fixtures, 'epic-events-legacy.xlsx'), '--dry-run']));
    expect(good.stdout).toContain('John Ouick Wedding');
    expect(good.stdout).toContain('Lou Bouzin General Assembly');
    expect(good.stdout).toContain('Essai à blanc, rien n\'est écrit');
    expect(ok(await management.run(['events', 'import', path.join(fixtures, 'epic-events-legacy.xlsx'), '--dry-run', '--json'])).json().totals).toMatchObject({ sheets: 2, rejected: 0 });
    const bad = await management.run(['events', 'import', path.join(fixtures, 'epic-events-legacy-bad.xlsx'), '--dry-run']);
    expectFailure(bad, 2, /feuille\(s\) sur 6 non importée\(s\) : voir pourquoi ci-dessus/);
    expect(bad.stdout).toMatch(/Unparseable date \(refusée\) :\n\s+Ligne \d+ \(Event date start\)/);
    expectFailure(await management.run(['events', 'import', path.join(root, 'missing.xlsx')]), 2, 'Il n\'y a pas de fichier');
  });

  it('lists the collaborators, to find whom to assign', async () => {
    ok(await login(management, 'management'));
    const listed = ok(await management.run(['users', 'list', '--role', 'support', '--json'])).json();
    expect(listed.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: ids.support, displayName: 'Kate Hastroff' })]));
    expect(ok(await management.run(['users', 'list'])).stdout).toMatch(/Gaëlle Gestion\s+│ management@epic-events.demo/);
    expectFailure(await management.run(['users', 'list', '--role', 'pirate']), 2, '--role "pirate" doit valoir l\'un de');
  });

  it('reports an unexpected error to Sentry with the user id only, never tokens, password or email', async () => {
    const received: string[] = [];
    const sentry = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        received.push((req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(body) : body).toString('utf8'));
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => sentry.listen(0, '127.0.0.1', resolve));
    try {
      const dsn = `http://public@127.0.0.1:${(sentry.address() as AddressInfo).port}/1`;
      ok(await login(sales, 'sales'));
      const session = readSession(sales);
      const crash = await sales.run(['clients', 'list'], { env: { SENTRY_DSN: dsn, RELAIS_CLI_CRASH_TEST: '1', no_proxy: '127.0.0.1', NO_PROXY: '127.0.0.1', RELAIS_PASSWORD: DEMO_PASSWORD } });
      expectFailure(crash, 1, 'Erreur inattendue : Crash test requested while signed in as sales@epic-events.demo');
      expect(crash.stderr).toContain('il a été signalé');

      const raw = received.join('\n');
      const events = received.flatMap((envelope) => {
        const lines = envelope.split('\n').filter(Boolean);
        const out: Array<Record<string, any>> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
        for (let i = 1; i + 1 < lines.length; i += 2) if (JSON.parse(lines[i]!).type === 'event') out.push(JSON.parse(lines[i + 1]!));
        return out;
      });
      const event = events.find((e) => e.exception?.values?.some((v: { type: string }) => v.type === 'CrashTestError'));
      expect(event).toBeDefined();
      expect(event!.user).toEqual({ id: ids.sales });
      expect(event!.exception.values[0].value).toBe('Crash test requested while signed in as [email]');
      for (const secret of [session.accessToken, session.refreshToken, session.accessToken.split('.')[1], DEMO_PASSWORD, 'sales@epic-events.demo', encodeURIComponent('sales@epic-events.demo')]) {
        expect(raw).not.toContain(secret);
      }
      // Without SENTRY_DSN the same crash reports nothing and says so.
      const quiet = await sales.run(['clients', 'list'], { env: { RELAIS_CLI_CRASH_TEST: '1' } });
      expectFailure(quiet, 1, 'Erreur inattendue');
      expect(quiet.stderr).not.toContain('signalé');
    } finally {
      sentry.closeAllConnections();
      await new Promise((resolve) => sentry.close(resolve));
    }
  });
});
