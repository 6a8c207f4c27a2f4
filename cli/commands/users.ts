import type { Command } from 'commander';
import type { Collaborator } from '../collaborators';
import { formatDateTime } from '../dates';
import { CliError, ExitCode, usageError } from '../exit-codes';
import type { Api } from '../http';
import { renderList, renderRecord } from '../output';
import { ask, askNewPassword, interactive, readStdin, required } from '../prompt';
import { isUuid, patchFrom } from '../records';
import { emit, withJson, type Context, type JsonFlag } from './common';

/** Epic Events' departments (spec 001); an organisation may have others, which the API checks on create and update. */
const ROLES = ['sales', 'support', 'management'];
const PATH = '/users';
/** API field → flag, so that the server's field errors name what the user typed. */
const FLAGS = { email: '--email', displayName: '--name', roles: '--role', active: '--activate/--deactivate' };

export interface User {
  id: string;
  email: string;
  displayName: string;
  type: string;
  active: boolean;
  roles: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface ListFlags extends JsonFlag {
  role?: string;
  inactive?: boolean;
  q?: string;
  search?: string;
}

interface PasswordFlags {
  passwordStdin?: boolean;
}

interface CreateFlags extends JsonFlag, PasswordFlags {
  email?: string;
  name?: string;
  role?: string[];
}

interface UpdateFlags extends JsonFlag, PasswordFlags {
  email?: string;
  name?: string;
  role?: string[];
  activate?: boolean;
  deactivate?: boolean;
  resetPassword?: boolean;
  ifVersion?: string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

/** `--role sales --role support`, `--role sales,support`: the role keys, once each, in lower case. */
export function parseRoles(values: string[]): string[] {
  const keys = values.flatMap((v) => v.split(',')).map((k) => k.trim().toLowerCase()).filter(Boolean);
  for (const key of keys) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) throw usageError(`--role "${key}" is not a role key such as ${ROLES.join(', ')}.`, [{ field: '--role', message: 'is not a role key' }]);
  }
  return [...new Set(keys)];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * A collaborator from what people know of them: an id, an email, or their
 * full name (accents and case ignored), looked up among all of them, the
 * deactivated included (so that they can be shown or reactivated). A partial
 * name is not enough: these commands change accounts.
 */
export async function resolveUser(api: Api, ref: string): Promise<User> {
  const text = ref.trim();
  if (isUuid(text)) return (await api.get<User>(`${PATH}/${text}`)).body;
  if (text === '') throw usageError('Name the collaborator by email or id.', [{ field: '<user>', message: 'is empty' }]);
  const { items } = (await api.get<{ items: User[] }>(PATH, { query: { q: text } })).body;
  const wanted = fold(text);
  const byEmail = items.filter((u) => fold(u.email) === wanted);
  const matches = byEmail.length ? byEmail : items.filter((u) => fold(u.displayName) === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    const near = items.slice(0, 5).map((u) => `${u.displayName} <${u.email}>`).join(', ');
    throw new CliError(`No collaborator has the email or name "${ref}".${near ? ` Did you mean: ${near}?` : ''} List them with \`relais users list\`.`, ExitCode.NOT_FOUND);
  }
  throw usageError(`"${ref}" is the name of several collaborators (${matches.map((u) => u.email).join(', ')}): give the email.`, [{ field: '<user>', message: 'is ambiguous' }]);
}

/**
 * A new password, never from the command line (other users can read it in the
 * process list): piped with --password-stdin, from RELAIS_NEW_PASSWORD, or
 * typed twice at hidden prompts in a terminal.
 */
async function newPassword(o: PasswordFlags, howToAsk: string): Promise<string> {
  if (o.passwordStdin) return readStdin();
  if (process.env.RELAIS_NEW_PASSWORD) return process.env.RELAIS_NEW_PASSWORD;
  if (interactive()) return askNewPassword();
  throw usageError(`Missing password: ${howToAsk}, pipe it with --password-stdin, or set RELAIS_NEW_PASSWORD.`,
    [{ field: '--password-stdin', message: 'is required without a terminal' }]);
}

const status = (u: User) => (u.active ? 'active' : 'deactivated');

export function renderUser(u: User, timeZone: string): string {
  return renderRecord(`${u.displayName} <${u.email}>`, [
    ['Name', u.displayName],
    ['Email', u.email],
    ['Roles', u.roles.join(', ')],
    ['Status', status(u)],
    ['Created', formatDateTime(u.createdAt, timeZone)],
    ['Updated', formatDateTime(u.updatedAt, timeZone)],
    ['Version', u.version],
    ['Id', u.id],
  ]);
}

/**
 * The list for management (GET /users, every account); for everyone else, who
 * may not manage accounts, the active collaborators the pickers offer
 * (GET /events/collaborators), so that they can still find whom to assign.
 */
async function list(ctx: Context, o: ListFlags): Promise<void> {
  if (o.role && !ROLES.includes(o.role)) throw usageError(`--role "${o.role}" must be one of ${ROLES.join(', ')}.`, [{ field: '--role', message: 'is not a department' }]);
  if (o.q !== undefined && o.search !== undefined && o.q !== o.search) throw usageError('Give --q or --search, not both.', [{ field: '--q', message: 'is the same as --search' }]);
  const q = (o.q ?? o.search)?.trim() || undefined;
  const api = ctx.api();
  let body: { items: Array<User | Collaborator> };
  try {
    body = (await api.get<{ items: User[] }>(PATH, { query: { role: o.role, active: o.inactive ? 'false' : 'true', q }, flags: { role: '--role', q: '--q' } })).body;
  } catch (e) {
    if (!(e instanceof CliError && e.status === 403) || o.inactive) throw e;
    const all = (await api.get<{ items: Collaborator[] }>('/events/collaborators', { query: { role: o.role }, flags: { role: '--role' } })).body.items;
    body = { items: q ? all.filter((c) => fold(`${c.displayName} ${c.email}`).includes(fold(q))) : all };
  }
  const withStatus = body.items.some((u) => 'active' in u);
  emit(ctx, o, body, () => renderList<User | Collaborator>(body.items, [
    { header: 'Name', value: (u) => u.displayName },
    { header: 'Email', value: (u) => u.email },
    { header: 'Roles', value: (u) => u.roles.join(', ') },
    ...(withStatus ? [{ header: 'Status', value: (u: User | Collaborator) => status(u as User) }] : []),
    { header: 'Id', value: (u) => u.id },
  ], o.inactive ? 'deactivated collaborator' : 'collaborator'));
}

async function create(ctx: Context, o: CreateFlags): Promise<void> {
  // Not logged in, or a bad flag: said before any question is asked.
  const api = ctx.api();
  let roles = parseRoles(o.role ?? []);
  if (interactive() && !(o.email && o.name && roles.length && (o.passwordStdin || process.env.RELAIS_NEW_PASSWORD))) {
    // Questions are coming: first make sure they are worth answering (management only, the email still free).
    const email = o.email?.trim() || undefined;
    const { items } = (await api.get<{ items: User[] }>(PATH, { query: { q: email } })).body;
    if (email && items.some((u) => fold(u.email) === fold(email))) {
      throw new CliError(`A collaborator with the email ${email} already exists: see \`relais users show ${email}\`.`, ExitCode.CONFLICT);
    }
  }
  const email = await required(o.email, { flag: '--email', label: 'Email', parse: (t) => t.trim() });
  const displayName = await required(o.name, { flag: '--name', label: 'Full name', parse: (t) => t.trim() });
  if (!roles.length && !interactive()) {
    throw usageError(`Missing --role: one of ${ROLES.join(', ')}; repeat it or separate with commas for several.`, [{ field: '--role', message: 'is required' }]);
  }
  if (!roles.length) roles = await required(undefined, { flag: '--role', label: `Roles, separated by commas (${ROLES.join(', ')})`, parse: (t) => {
    const keys = parseRoles([t]);
    if (!keys.length) throw usageError('Give at least one role.');
    return keys;
  } });
  const password = await newPassword(o, 'type it at the prompt in a terminal');
  const created = (await api.post<User>(PATH, { email, displayName, roles, password }, { flags: FLAGS })).body;
  emit(ctx, o, created, () => `Created ${created.displayName} <${created.email}>: they can sign in with \`relais login --email ${created.email}\`.\n${renderUser(created, ctx.timeZone)}`);
}

async function update(ctx: Context, ref: string, o: UpdateFlags): Promise<void> {
  const api = ctx.api();
  if (o.activate && o.deactivate) throw usageError('Give --activate or --deactivate, not both.', [{ field: '--activate/--deactivate', message: 'contradict each other' }]);
  if (o.resetPassword && o.passwordStdin) throw usageError('Give --reset-password or --password-stdin, not both.', [{ field: '--password-stdin', message: 'already gives the password' }]);
  const roles = parseRoles(o.role ?? []);
  let version: number | undefined;
  if (o.ifVersion !== undefined) {
    version = Number(o.ifVersion);
    if (!Number.isInteger(version) || version < 0) throw usageError(`--if-version "${o.ifVersion}" must be a version number, as \`users show --json\` prints it.`, [{ field: '--if-version', message: 'is not a version number' }]);
  }
  const patch = patchFrom({
    email: o.email?.trim(),
    displayName: o.name?.trim(),
    roles: roles.length ? roles : undefined,
    active: o.activate ? true : o.deactivate ? false : undefined,
  });
  const changesPassword = Boolean(o.resetPassword || o.passwordStdin);
  if (!changesPassword && Object.keys(patch).length === 0) {
    throw usageError('Nothing to change: give at least one of --name, --email, --role, --activate, --deactivate, --reset-password, --password-stdin.');
  }
  const user = await resolveUser(api, ref);
  if (changesPassword) patch.password = await newPassword(o, 'type it at the prompt of --reset-password in a terminal');
  try {
    const { body } = await api.patch<User>(`${PATH}/${user.id}`, patch, { headers: { 'if-match': `"${version ?? user.version}"` }, flags: FLAGS });
    const ended = patch.active === false || changesPassword ? ' Their sessions are ended: they must sign in again.' : '';
    emit(ctx, o, body, () => `Updated ${body.displayName} <${body.email}>.${ended}\n${renderUser(body, ctx.timeZone)}`);
  } catch (e) {
    if (e instanceof CliError && e.status === 412) {
      throw new CliError(
        `Someone else changed this collaborator after version ${version ?? user.version} was read: nothing was saved. `
        + `Look at their change with \`relais users show ${user.email}\`, then run your update again.`,
        ExitCode.CONFLICT,
      );
    }
    throw e;
  }
}

async function remove(ctx: Context, ref: string, o: JsonFlag & { yes?: boolean }): Promise<void> {
  const api = ctx.api();
  const canAsk = interactive();
  if (!o.yes && !canAsk) throw usageError('Removing a collaborator needs --yes when no terminal can ask for confirmation.', [{ field: '--yes', message: 'is required without a terminal' }]);
  const user = await resolveUser(api, ref);
  if (user.id === api.currentSession?.userId) throw usageError('You cannot remove yourself: ask another manager.', [{ field: '<user>', message: 'is you' }]);
  if (!o.yes) {
    const answer = await ask(`Remove ${user.displayName} <${user.email}> (${user.roles.join(', ') || 'no role'})? `
      + 'Their account is deactivated, their sessions end and their roles are withdrawn; their name stays on their past work. [y/N] ');
    if (!/^(y|yes|o|oui)$/i.test(answer)) throw new CliError('Cancelled: nothing was removed.', ExitCode.USAGE);
  }
  await api.request('DELETE', `${PATH}/${user.id}`);
  const after = (await api.get<User>(`${PATH}/${user.id}`)).body;
  emit(ctx, o, after, () => `Removed ${after.displayName} <${after.email}>: deactivated, sessions ended, roles withdrawn.`);
}

/** The organisation's collaborators: everyone lists them; management creates, changes and removes them (spec 001). */
export function registerUsers(program: Command, ctx: Context): void {
  const users = program.command('users').description('collaborators of the organisation: list, show; management creates, updates, removes');

  withJson(users.command('list').description('active collaborators, to find whom to assign; management also sees the deactivated (--inactive)')
    .option('--role <role>', `only this department: ${ROLES.join(', ')}`)
    .option('--inactive', 'only the deactivated or removed collaborators (management)')
    .option('--q <text>', 'only those whose name or email contains this text')
    .option('-s, --search <text>', 'the same as --q'))
    .action((o: ListFlags) => list(ctx, o));

  withJson(users.command('show').argument('<user>', 'email, full name or id').description('show one collaborator (management)'))
    .action(async (ref: string, o: JsonFlag) => {
      const user = await resolveUser(ctx.api(), ref);
      emit(ctx, o, user, () => renderUser(user, ctx.timeZone));
    });

  withJson(users.command('create').description('create a collaborator who can sign in (management)')
    .option('--email <email>', 'their sign-in email (asked when missing in a terminal)')
    .option('--name <full name>', 'full name (asked when missing in a terminal)')
    .option('--role <role>', `a role: ${ROLES.join(', ')}; repeat it or separate with commas for several`, collect)
    .option('--password-stdin', 'read their first password from standard input (else RELAIS_NEW_PASSWORD, else asked twice, hidden)'))
    .action((o: CreateFlags) => create(ctx, o));

  withJson(users.command('update').argument('<user>', 'email, full name or id').description('change a collaborator, only the flags given (management)')
    .option('--name <full name>', 'full name')
    .option('--email <email>', 'sign-in email')
    .option('--role <role>', 'their roles from now on (replacing the others): repeat it or separate with commas', collect)
    .option('--activate', 'let them sign in again')
    .option('--deactivate', 'stop them signing in, and end their sessions')
    .option('--reset-password', 'set a new password: asked twice, hidden (or RELAIS_NEW_PASSWORD); ends their sessions')
    .option('--password-stdin', 'set a new password read from standard input; ends their sessions')
    .option('--if-version <n>', 'fail (exit 6) unless the collaborator is still at this version'))
    .action((ref: string, o: UpdateFlags) => update(ctx, ref, o));

  withJson(users.command('remove').argument('<user>', 'email, full name or id')
    .description('remove a collaborator: deactivated, sessions ended, roles withdrawn, name kept on past work (management)')
    .option('-y, --yes', 'do not ask for confirmation (required without a terminal)'))
    .action((ref: string, o: JsonFlag & { yes?: boolean }) => remove(ctx, ref, o));
}
