import type { Command } from 'commander';
import type { Collaborator } from '../collaborators';
import { formatDateTime } from '../dates';
import { CliError, ExitCode, usageError } from '../exit-codes';
import type { Api } from '../http';
import { renderList, renderRecord } from '../output';
import { ask, askNewPassword, interactive, readStdin, required } from '../prompt';
import { isUuid, patchFrom } from '../records';
import { emit, withJson, type Context, type JsonFlag } from './common';
import { tr } from '../i18n';

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
    if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) {
      throw usageError(
        tr(`--role "${key}" n'est pas une clé de rôle comme ${ROLES.join(', ')}.`, `--role "${key}" is not a role key such as ${ROLES.join(', ')}.`),
        [{ field: '--role', message: tr('n\'est pas une clé de rôle', 'is not a role key') }],
      );
    }
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
  if (text === '') throw usageError(tr('Désignez le collaborateur par son e-mail ou son identifiant.', 'Name the collaborator by email or id.'), [{ field: '<user>', message: tr('est vide', 'is empty') }]);
  const { items } = (await api.get<{ items: User[] }>(PATH, { query: { q: text } })).body;
  const wanted = fold(text);
  const byEmail = items.filter((u) => fold(u.email) === wanted);
  const matches = byEmail.length ? byEmail : items.filter((u) => fold(u.displayName) === wanted);
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    const near = items.slice(0, 5).map((u) => `${u.displayName} <${u.email}>`).join(', ');
    throw new CliError(tr(
      `Aucun collaborateur n'a l'e-mail ou le nom « ${ref} ».${near ? ` Vouliez-vous dire : ${near} ?` : ''} Listez-les avec \`relais users list\`.`,
      `No collaborator has the email or name "${ref}".${near ? ` Did you mean: ${near}?` : ''} List them with \`relais users list\`.`,
    ), ExitCode.NOT_FOUND);
  }
  const emails = matches.map((u) => u.email).join(', ');
  throw usageError(
    tr(`« ${ref} » est le nom de plusieurs collaborateurs (${emails}) : donnez l'e-mail.`, `"${ref}" is the name of several collaborators (${emails}): give the email.`),
    [{ field: '<user>', message: tr('est ambigu', 'is ambiguous') }],
  );
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
  throw usageError(
    tr(`Mot de passe manquant : ${howToAsk}, passez-le par --password-stdin, ou définissez RELAIS_NEW_PASSWORD.`, `Missing password: ${howToAsk}, pipe it with --password-stdin, or set RELAIS_NEW_PASSWORD.`),
    [{ field: '--password-stdin', message: tr('est obligatoire sans terminal', 'is required without a terminal') }],
  );
}

const status = (u: User) => (u.active ? tr('actif', 'active') : tr('désactivé', 'deactivated'));

export function renderUser(u: User, timeZone: string): string {
  return renderRecord(`${u.displayName} <${u.email}>`, [
    [tr('Nom', 'Name'), u.displayName],
    [tr('E-mail', 'Email'), u.email],
    [tr('Rôles', 'Roles'), u.roles.join(', ')],
    [tr('Statut', 'Status'), status(u)],
    [tr('Créé', 'Created'), formatDateTime(u.createdAt, timeZone)],
    [tr('Modifié', 'Updated'), formatDateTime(u.updatedAt, timeZone)],
    [tr('Version', 'Version'), u.version],
    [tr('Identifiant', 'Id'), u.id],
  ]);
}

/**
 * The list for management (GET /users, every account); for everyone else, who
 * may not manage accounts, the active collaborators the pickers offer
 * (GET /events/collaborators), so that they can still find whom to assign.
 */
async function list(ctx: Context, o: ListFlags): Promise<void> {
  if (o.role && !ROLES.includes(o.role)) {
    throw usageError(
      tr(`--role "${o.role}" doit valoir l'un de ${ROLES.join(', ')}.`, `--role "${o.role}" must be one of ${ROLES.join(', ')}.`),
      [{ field: '--role', message: tr('n\'est pas un département', 'is not a department') }],
    );
  }
  if (o.q !== undefined && o.search !== undefined && o.q !== o.search) {
    throw usageError(tr('Donnez --q ou --search, pas les deux.', 'Give --q or --search, not both.'), [{ field: '--q', message: tr('est la même option que --search', 'is the same as --search') }]);
  }
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
    { header: tr('Nom', 'Name'), value: (u) => u.displayName },
    { header: tr('E-mail', 'Email'), value: (u) => u.email },
    { header: tr('Rôles', 'Roles'), value: (u) => u.roles.join(', ') },
    ...(withStatus ? [{ header: tr('Statut', 'Status'), value: (u: User | Collaborator) => status(u as User) }] : []),
    { header: tr('Identifiant', 'Id'), value: (u) => u.id },
  ], o.inactive
    ? { fr: ['collaborateur désactivé', 'collaborateurs désactivés'], en: ['deactivated collaborator', 'deactivated collaborators'] }
    : { fr: ['collaborateur', 'collaborateurs'], en: ['collaborator', 'collaborators'] }));
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
      throw new CliError(tr(
        `Un collaborateur a déjà l'e-mail ${email} : voir \`relais users show ${email}\`.`, `A collaborator with the email ${email} already exists: see \`relais users show ${email}\`.`,
      ), ExitCode.CONFLICT);
    }
  }
  const email = await required(o.email, { flag: '--email', label: tr('E-mail', 'Email'), parse: (t) => t.trim() });
  const displayName = await required(o.name, { flag: '--name', label: tr('Nom complet', 'Full name'), parse: (t) => t.trim() });
  if (!roles.length && !interactive()) {
    throw usageError(
      tr(`--role manquant : l'un de ${ROLES.join(', ')} ; répétez-le ou séparez par des virgules pour plusieurs.`, `Missing --role: one of ${ROLES.join(', ')}; repeat it or separate with commas for several.`),
      [{ field: '--role', message: tr('est obligatoire', 'is required') }],
    );
  }
  if (!roles.length) roles = await required(undefined, { flag: '--role', label: tr(`Rôles, séparés par des virgules (${ROLES.join(', ')})`, `Roles, separated by commas (${ROLES.join(', ')})`), parse: (t) => {
    const keys = parseRoles([t]);
    if (!keys.length) throw usageError(tr('Donnez au moins un rôle.', 'Give at least one role.'));
    return keys;
  } });
  const password = await newPassword(o, tr('tapez-le à l\'invite dans un terminal', 'type it at the prompt in a terminal'));
  const created = (await api.post<User>(PATH, { email, displayName, roles, password }, { flags: FLAGS })).body;
  emit(ctx, o, created, () => `${tr(
    `${created.displayName} <${created.email}> créé : il ou elle peut se connecter avec \`relais login --email ${created.email}\`.`,
    `Created ${created.displayName} <${created.email}>: they can sign in with \`relais login --email ${created.email}\`.`,
  )}\n${renderUser(created, ctx.timeZone)}`);
}

async function update(ctx: Context, ref: string, o: UpdateFlags): Promise<void> {
  const api = ctx.api();
  if (o.activate && o.deactivate) {
    throw usageError(tr('Donnez --activate ou --deactivate, pas les deux.', 'Give --activate or --deactivate, not both.'), [{ field: '--activate/--deactivate', message: tr('se contredisent', 'contradict each other') }]);
  }
  if (o.resetPassword && o.passwordStdin) {
    throw usageError(tr('Donnez --reset-password ou --password-stdin, pas les deux.', 'Give --reset-password or --password-stdin, not both.'), [{ field: '--password-stdin', message: tr('donne déjà le mot de passe', 'already gives the password') }]);
  }
  const roles = parseRoles(o.role ?? []);
  let version: number | undefined;
  if (o.ifVersion !== undefined) {
    version = Number(o.ifVersion);
    if (!Number.isInteger(version) || version < 0) {
      throw usageError(
        tr(`--if-version "${o.ifVersion}" doit être un numéro de version, tel que \`users show --json\` l'affiche.`, `--if-version "${o.ifVersion}" must be a version number, as \`users show --json\` prints it.`),
        [{ field: '--if-version', message: tr('n\'est pas un numéro de version', 'is not a version number') }],
      );
    }
  }
  const patch = patchFrom({
    email: o.email?.trim(),
    displayName: o.name?.trim(),
    roles: roles.length ? roles : undefined,
    active: o.activate ? true : o.deactivate ? false : undefined,
  });
  const changesPassword = Boolean(o.resetPassword || o.passwordStdin);
  if (!changesPassword && Object.keys(patch).length === 0) {
    const flags = '--name, --email, --role, --activate, --deactivate, --reset-password, --password-stdin';
    throw usageError(tr(`Rien à modifier : donnez au moins l'une des options ${flags}.`, `Nothing to change: give at least one of ${flags}.`));
  }
  const user = await resolveUser(api, ref);
  if (changesPassword) patch.password = await newPassword(o, tr('tapez-le à l\'invite de --reset-password dans un terminal', 'type it at the prompt of --reset-password in a terminal'));
  try {
    const { body } = await api.patch<User>(`${PATH}/${user.id}`, patch, { headers: { 'if-match': `"${version ?? user.version}"` }, flags: FLAGS });
    const ended = patch.active === false || changesPassword ? tr(' Ses sessions sont fermées : il ou elle doit se reconnecter.', ' Their sessions are ended: they must sign in again.') : '';
    emit(ctx, o, body, () => `${tr(`${body.displayName} <${body.email}> modifié.`, `Updated ${body.displayName} <${body.email}>.`)}${ended}\n${renderUser(body, ctx.timeZone)}`);
  } catch (e) {
    if (e instanceof CliError && e.status === 412) {
      throw new CliError(tr(
        `Quelqu'un d'autre a modifié ce collaborateur après la lecture de sa version ${version ?? user.version} : rien n'a été enregistré. `
        + `Regardez sa modification avec \`relais users show ${user.email}\`, puis relancez la vôtre.`,
        `Someone else changed this collaborator after version ${version ?? user.version} was read: nothing was saved. `
        + `Look at their change with \`relais users show ${user.email}\`, then run your update again.`,
      ), ExitCode.CONFLICT);
    }
    throw e;
  }
}

async function remove(ctx: Context, ref: string, o: JsonFlag & { yes?: boolean }): Promise<void> {
  const api = ctx.api();
  const canAsk = interactive();
  if (!o.yes && !canAsk) {
    throw usageError(
      tr('Retirer un collaborateur demande --yes quand aucun terminal ne peut demander confirmation.', 'Removing a collaborator needs --yes when no terminal can ask for confirmation.'),
      [{ field: '--yes', message: tr('est obligatoire sans terminal', 'is required without a terminal') }],
    );
  }
  const user = await resolveUser(api, ref);
  if (user.id === api.currentSession?.userId) {
    throw usageError(tr('Vous ne pouvez pas vous retirer vous-même : demandez à un autre responsable.', 'You cannot remove yourself: ask another manager.'), [{ field: '<user>', message: tr('c\'est vous', 'is you') }]);
  }
  if (!o.yes) {
    const roles = user.roles.join(', ') || tr('aucun rôle', 'no role');
    const answer = await ask(tr(
      `Retirer ${user.displayName} <${user.email}> (${roles}) ? Son compte est désactivé, ses sessions sont fermées et ses rôles retirés ; son nom reste sur son travail passé. [o/N] `,
      `Remove ${user.displayName} <${user.email}> (${roles})? Their account is deactivated, their sessions end and their roles are withdrawn; their name stays on their past work. [y/N] `,
    ));
    if (!/^(y|yes|o|oui)$/i.test(answer)) throw new CliError(tr('Annulé : personne n\'a été retiré.', 'Cancelled: nothing was removed.'), ExitCode.USAGE);
  }
  await api.request('DELETE', `${PATH}/${user.id}`);
  const after = (await api.get<User>(`${PATH}/${user.id}`)).body;
  emit(ctx, o, after, () => tr(
    `${after.displayName} <${after.email}> retiré : désactivé, sessions fermées, rôles retirés.`,
    `Removed ${after.displayName} <${after.email}>: deactivated, sessions ended, roles withdrawn.`,
  ));
}

/** The organisation's collaborators: everyone lists them; management creates, changes and removes them (spec 001). */
export function registerUsers(program: Command, ctx: Context): void {
  const users = program.command('users').description(tr(
    'collaborateurs de l\'organisation : lister, afficher ; la gestion crée, modifie, retire', 'collaborators of the organisation: list, show; management creates, updates, removes',
  ));
  const userArg = tr('e-mail, nom complet ou identifiant', 'email, full name or id');

  withJson(users.command('list').description(tr(
    'les collaborateurs actifs, pour trouver à qui confier ; la gestion voit aussi les désactivés (--inactive)', 'active collaborators, to find whom to assign; management also sees the deactivated (--inactive)',
  ))
    .option(tr('--role <rôle>', '--role <role>'), tr(`seulement ce département : ${ROLES.join(', ')}`, `only this department: ${ROLES.join(', ')}`))
    .option('--inactive', tr('seulement les collaborateurs désactivés ou retirés (gestion)', 'only the deactivated or removed collaborators (management)'))
    .option(tr('--q <texte>', '--q <text>'), tr('seulement ceux dont le nom ou l\'e-mail contient ce texte', 'only those whose name or email contains this text'))
    .option(tr('-s, --search <texte>', '-s, --search <text>'), tr('comme --q', 'the same as --q')))
    .action((o: ListFlags) => list(ctx, o));

  withJson(users.command('show').argument('<user>', userArg).description(tr('affiche un collaborateur (gestion)', 'show one collaborator (management)')))
    .action(async (ref: string, o: JsonFlag) => {
      const user = await resolveUser(ctx.api(), ref);
      emit(ctx, o, user, () => renderUser(user, ctx.timeZone));
    });

  withJson(users.command('create').description(tr('crée un collaborateur qui peut se connecter (gestion)', 'create a collaborator who can sign in (management)'))
    .option('--email <email>', tr('son e-mail de connexion (demandé s\'il manque, dans un terminal)', 'their sign-in email (asked when missing in a terminal)'))
    .option(tr('--name <nom complet>', '--name <full name>'), tr('nom complet (demandé s\'il manque, dans un terminal)', 'full name (asked when missing in a terminal)'))
    .option(tr('--role <rôle>', '--role <role>'), tr(`un rôle : ${ROLES.join(', ')} ; répétez-le ou séparez par des virgules pour plusieurs`, `a role: ${ROLES.join(', ')}; repeat it or separate with commas for several`), collect)
    .option('--password-stdin', tr(
      'lit son premier mot de passe sur l\'entrée standard (sinon RELAIS_NEW_PASSWORD, sinon demandé deux fois, masqué)',
      'read their first password from standard input (else RELAIS_NEW_PASSWORD, else asked twice, hidden)',
    )))
    .action((o: CreateFlags) => create(ctx, o));

  withJson(users.command('update').argument('<user>', userArg).description(tr('modifie un collaborateur, seulement les options données (gestion)', 'change a collaborator, only the flags given (management)'))
    .option(tr('--name <nom complet>', '--name <full name>'), tr('nom complet', 'full name'))
    .option('--email <email>', tr('e-mail de connexion', 'sign-in email'))
    .option(tr('--role <rôle>', '--role <role>'), tr('ses rôles désormais (remplacent les autres) : répétez-le ou séparez par des virgules', 'their roles from now on (replacing the others): repeat it or separate with commas'), collect)
    .option('--activate', tr('lui permet de se connecter à nouveau', 'let them sign in again'))
    .option('--deactivate', tr('l\'empêche de se connecter, et ferme ses sessions', 'stop them signing in, and end their sessions'))
    .option('--reset-password', tr(
      'définit un nouveau mot de passe : demandé deux fois, masqué (ou RELAIS_NEW_PASSWORD) ; ferme ses sessions', 'set a new password: asked twice, hidden (or RELAIS_NEW_PASSWORD); ends their sessions',
    ))
    .option('--password-stdin', tr('définit un nouveau mot de passe lu sur l\'entrée standard ; ferme ses sessions', 'set a new password read from standard input; ends their sessions'))
    .option('--if-version <n>', tr('échoue (code 6) si le collaborateur n\'est plus à cette version', 'fail (exit 6) unless the collaborator is still at this version')))
    .action((ref: string, o: UpdateFlags) => update(ctx, ref, o));

  withJson(users.command('remove').argument('<user>', userArg)
    .description(tr(
      'retire un collaborateur : désactivé, sessions fermées, rôles retirés, nom gardé sur son travail passé (gestion)',
      'remove a collaborator: deactivated, sessions ended, roles withdrawn, name kept on past work (management)',
    ))
    .option('-y, --yes', tr('ne demande pas de confirmation (obligatoire sans terminal)', 'do not ask for confirmation (required without a terminal)')))
    .action((ref: string, o: JsonFlag & { yes?: boolean }) => remove(ctx, ref, o));
}
