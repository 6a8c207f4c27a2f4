import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD, demoEmail } from '../../db/seeds/demo-tenants';
import { testContext, userId, type TestContext } from '../support/api';
import { cliUser, listen, STACK_LINE, type CliRun } from '../support/cli';

const TENANT = 'epic-events';
type User = ReturnType<typeof cliUser>;

/**
 * Spec 001, management: "créer, mettre à jour et supprimer des collaborateurs",
 * through the real `relais` binary against the API listening on a loopback
 * port. Each person has a configuration directory (a session) of their own.
 */
describe('relais users: management of collaborators from the command line', () => {
  let t: TestContext;
  let api: { url: string; close(): Promise<void> };
  const root = path.join(process.env.RELAIS_DATA_DIR!, `users-cli-${process.pid}`);
  let management: User;
  let sales: User;
  let newcomer: User;
  // Unique per run, so that emails never meet an earlier test's collaborators.
  const tag = crypto.randomBytes(3).toString('hex');
  const email = `lea.support-${tag}@epic-events.demo`;
  const password = `first password ${tag}`;
  const name = `Léa Support ${tag}`;

  beforeAll(async () => {
    fs.rmSync(root, { recursive: true, force: true });
    t = testContext();
    api = await listen(t.app);
    management = cliUser(root, 'management');
    sales = cliUser(root, 'sales');
    newcomer = cliUser(root, 'newcomer');
    ok(await login(management, demoEmail('management', TENANT), DEMO_PASSWORD));
    ok(await login(sales, demoEmail('sales', TENANT), DEMO_PASSWORD));
  });

  afterAll(async () => {
    await api?.close();
    await t?.close();
  });

  function login(user: User, address: string, secret: string): Promise<CliRun> {
    return user.run(['login', '--url', api.url, '--email', address, '--password-stdin'], { input: `${secret}\n` });
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

  it('management creates a support collaborator, who signs in with their role until management deactivates them', async () => {
    const created = ok(await management.run(['users', 'create', '--email', email, '--name', name, '--role', 'support', '--password-stdin', '--json'], { input: `${password}\n` })).json();
    expect(created).toMatchObject({ email, displayName: name, roles: ['support'], active: true });
    expect(JSON.stringify(created)).not.toContain(password);

    // The newcomer signs in with the CLI and sees the role management gave them.
    ok(await login(newcomer, email, password));
    const who = ok(await newcomer.run(['whoami']));
    expect(who.stdout).toContain(`${name} <${email}>`);
    expect(who.stdout).toMatch(/Rôles\s+Support/);
    expect(ok(await newcomer.run(['whoami', '--json'])).json().roles.map((r: { key: string }) => r.key)).toEqual(['support']);

    // Management finds them by email, by name, in the list.
    const shown = ok(await management.run(['users', 'show', email]));
    expect(shown.stdout).toMatch(/Rôles\s+support/);
    expect(shown.stdout).toMatch(/Statut\s+actif/);
    expect(ok(await management.run(['users', 'show', `lea support ${tag}`, '--json'])).json().id).toBe(created.id);
    const listed = ok(await management.run(['users', 'list', '--role', 'support', '--q', tag, '--json'])).json();
    expect(listed.items.map((u: { id: string }) => u.id)).toEqual([created.id]);

    // Roles change (comma list); deactivating ends the session: the newcomer's next command exits 3.
    const moved = ok(await management.run(['users', 'update', email, '--role', 'support,sales', '--json'])).json();
    expect(moved.roles).toEqual(['sales', 'support']);
    const off = ok(await management.run(['users', 'update', email, '--deactivate']));
    expect(off.stdout).toContain('Ses sessions sont fermées');
    expect(off.stdout).toMatch(/Statut\s+désactivé/);
    expectFailure(await newcomer.run(['whoami']), 3, 'lancez `relais login` pour vous reconnecter');
    expectFailure(await login(newcomer, email, password), 3, 'L\'e-mail ou le mot de passe est incorrect.');
    const inactive = ok(await management.run(['users', 'list', '--inactive', '--q', tag, '--json'])).json();
    expect(inactive.items).toEqual([expect.objectContaining({ id: created.id, active: false })]);
    expect(ok(await management.run(['users', 'list', '--q', tag, '--json'])).json().items).toEqual([]);

    // Reactivated with a new password from RELAIS_NEW_PASSWORD, they sign in with it.
    ok(await management.run(['users', 'update', email, '--activate', '--reset-password'], { env: { RELAIS_NEW_PASSWORD: `${password} bis` } }));
    ok(await login(newcomer, email, `${password} bis`));

    // Removing asks for --yes without a terminal; then the account is deactivated, its roles withdrawn.
    expectFailure(await management.run(['users', 'remove', email]), 2, 'demande --yes');
    const removed = ok(await management.run(['users', 'remove', email, '--yes', '--json'])).json();
    expect(removed).toMatchObject({ id: created.id, active: false, roles: [] });
    expectFailure(await newcomer.run(['clients', 'list']), 3, 'lancez `relais login`');
  });

  it('refuses what only management may do, a short password, a taken email, and oneself', async () => {
    // Sales may not create collaborators (exit 4); they still list them to find whom to assign.
    expectFailure(await sales.run(['users', 'create', '--email', `intruder-${tag}@epic-events.demo`, '--name', 'Intruder', '--role', 'management'], { env: { RELAIS_NEW_PASSWORD: 'long enough password' } }),
      4, 'Vous ne pouvez pas créer les collaborateurs');
    expectFailure(await sales.run(['users', 'show', demoEmail('support', TENANT)]), 4, 'Vous ne pouvez pas consulter les collaborateurs');
    const pickers = ok(await sales.run(['users', 'list', '--role', 'support', '--json'])).json();
    expect(pickers.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: await userId(t.admin, 'support', TENANT) })]));
    expectFailure(await sales.run(['users', 'list', '--inactive']), 4, 'Vous ne pouvez pas consulter les collaborateurs');

    // A short password is refused with the field's message (exit 2), and nobody is created.
    const short = await management.run(['users', 'create', '--email', `short-${tag}@epic-events.demo`, '--name', 'Short Password', '--role', 'sales', '--password-stdin'], { input: 'too short\n' });
    expectFailure(short, 2, 'password : doit faire au moins 12 caractères');
    expect(ok(await management.run(['users', 'list', '--q', `short-${tag}`, '--json'])).json().items).toEqual([]);

    // Without a terminal, the password and the flags must be given; never as an argument.
    expectFailure(await management.run(['users', 'create', '--email', `x-${tag}@epic-events.demo`, '--name', 'X', '--role', 'sales']), 2, 'Mot de passe manquant');
    expectFailure(await management.run(['users', 'create', '--email', `x-${tag}@epic-events.demo`, '--name', 'X'], { env: { RELAIS_NEW_PASSWORD: 'long enough password' } }), 2, '--role manquant');
    expectFailure(await management.run(['users', 'create', '--email', `x-${tag}@epic-events.demo`, '--password', 'long enough password']), 2, /option inconnue « --password »/);

    // An unknown role: the API lists the organisation's; a taken email is a conflict (exit 6).
    expectFailure(await management.run(['users', 'create', '--email', `x-${tag}@epic-events.demo`, '--name', 'X', '--role', 'pirate'], { env: { RELAIS_NEW_PASSWORD: 'long enough password' } }),
      2, /roles \(--role\) : rôle inconnu : pirate ; rôles de cette organisation : .*management/);
    expectFailure(await management.run(['users', 'create', '--email', demoEmail('support', TENANT), '--name', 'Twin', '--role', 'support'], { env: { RELAIS_NEW_PASSWORD: 'long enough password' } }),
      6, 'a déjà l\'adresse');

    // Nobody deactivates or removes themself; an unknown collaborator is exit 5; contradictory flags exit 2.
    expectFailure(await management.run(['users', 'update', demoEmail('management', TENANT), '--deactivate']), 2, 'vous ne pouvez pas vous désactiver');
    expectFailure(await management.run(['users', 'remove', demoEmail('management', TENANT), '--yes']), 2, 'Vous ne pouvez pas vous retirer vous-même');
    expectFailure(await management.run(['users', 'show', `nobody-${tag}@epic-events.demo`]), 5, 'Aucun collaborateur n\'a l\'e-mail ou le nom');
    expectFailure(await management.run(['users', 'update', demoEmail('support', TENANT), '--activate', '--deactivate']), 2, 'pas les deux');
    expectFailure(await management.run(['users', 'update', demoEmail('support', TENANT)]), 2, 'Rien à modifier');
    expectFailure(await management.run(['users', 'update', demoEmail('support', TENANT), '--name', 'Kate', '--if-version', '999']), 6, 'Quelqu\'un d\'autre a modifié ce collaborateur');
  });
});
