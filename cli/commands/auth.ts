import type { Command } from 'commander';
import { CliError, ExitCode, usageError } from '../exit-codes';
import { Api } from '../http';
import { renderRecord } from '../output';
import { ask, askHidden, readStdin } from '../prompt';
import type { Session } from '../session-store';
import { emit, withJson, type Context, type JsonFlag } from './common';
import { tr } from '../i18n';

interface Me {
  user: { id: string; email: string; displayName: string };
  tenant: { id: string; slug: string; name: string };
  roles: Array<{ key: string; labelEn?: string; labelFr?: string }>;
}

interface LoginOptions extends JsonFlag {
  url?: string;
  email?: string;
  tenant?: string;
  passwordStdin?: boolean;
}

const DEFAULT_URL = 'http://localhost:3000';

function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError(tr(`--url "${text}" n'est pas une adresse : écrivez-la comme ${DEFAULT_URL}.`, `--url "${text}" is not an address: write it like ${DEFAULT_URL}.`), [{ field: '--url', message: tr('n\'est pas une URL', 'is not a URL') }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw usageError(tr(`--url "${text}" doit commencer par http:// ou https://.`, `--url "${text}" must start with http:// or https://.`), [{ field: '--url', message: tr('doit être en http ou https', 'must be http or https') }]);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The password never goes on the command line (other users can read it in the
 * process list): it is typed at a hidden prompt, piped with --password-stdin,
 * or taken from RELAIS_PASSWORD.
 */
async function password(options: LoginOptions): Promise<string> {
  if (options.passwordStdin) return readStdin();
  if (process.env.RELAIS_PASSWORD) return process.env.RELAIS_PASSWORD;
  if (process.stdin.isTTY) return askHidden(tr('Mot de passe : ', 'Password: '));
  throw usageError(
    tr('Mot de passe manquant : tapez-le à l\'invite dans un terminal, passez-le par --password-stdin, ou définissez RELAIS_PASSWORD.', 'Missing password: type it at the prompt in a terminal, pipe it with --password-stdin, or set RELAIS_PASSWORD.'),
    [{ field: '--password-stdin', message: tr('est obligatoire sans terminal', 'is required without a terminal') }],
  );
}

async function login(ctx: Context, options: LoginOptions): Promise<void> {
  const previous = ctx.store.read();
  const url = checkUrl(options.url ?? process.env.RELAIS_URL ?? previous?.url ?? DEFAULT_URL);
  let email = options.email?.trim();
  if (!email) {
    if (!process.stdin.isTTY) {
      throw usageError(tr('--email manquant (l\'e-mail avec lequel vous vous connectez).', 'Missing --email (the email you sign in with).'), [{ field: '--email', message: tr('est obligatoire', 'is required') }]);
    }
    email = await ask(tr('E-mail : ', 'Email: '));
  }
  const secret = await password(options);
  const anonymous = new Api(url, undefined, undefined);
  let pair: { accessToken: string; refreshToken: string; userId?: string };
  try {
    pair = (await anonymous.post<typeof pair>('/auth/login', { email, password: secret, tenant: options.tenant, tokenTransport: 'body' }, { auth: false, flags: { email: '--email', password: 'password', tenant: '--tenant' } })).body;
  } catch (e) {
    if (e instanceof CliError && e.status === 401) throw new CliError(tr('L\'e-mail ou le mot de passe est incorrect.', 'Email or password is incorrect.'), ExitCode.NOT_LOGGED_IN, [], 401);
    if (e instanceof CliError && e.status === 409) {
      throw usageError(`${e.message}\n${tr('Relancez avec --tenant <slug>.', 'Run again with --tenant <slug>.')}`, [{ field: '--tenant', message: tr('est obligatoire pour cet e-mail', 'is required for this email') }]);
    }
    throw e;
  }
  const session: Session = { url, accessToken: pair.accessToken, refreshToken: pair.refreshToken, email, tenant: options.tenant, userId: pair.userId };
  const me = (await new Api(url, session, undefined).get<Me>('/auth/me')).body;
  session.userId = me.user.id;
  session.tenant = me.tenant.slug;
  ctx.store.write(session);
  emit(ctx, options, me, () => tr(
    `Connecté à ${url} en tant que ${me.user.displayName} <${me.user.email}> (${me.tenant.name}).`, `Logged in to ${url} as ${me.user.displayName} <${me.user.email}> (${me.tenant.name}).`,
  ));
}

async function logout(ctx: Context, options: JsonFlag & { local?: boolean }): Promise<void> {
  const session = ctx.store.read();
  if (!session) {
    emit(ctx, options, { loggedOut: false }, () => tr('Vous n\'étiez pas connecté.', 'You were not logged in.'));
    return;
  }
  if (!options.local) {
    try {
      await new Api(session.url, undefined, undefined).post('/auth/logout', { refreshToken: session.refreshToken }, {
        // The access token too, so that it stops working at once rather than when it expires.
        auth: false, headers: { authorization: `Bearer ${session.accessToken}` },
      });
    } catch (e) {
      // Without the server the session stays valid there: keep the file so that logging out can be retried.
      if (e instanceof CliError && e.exitCode === ExitCode.UNREACHABLE) {
        throw new CliError(`${e.message}\n${tr(
          'Vous êtes toujours connecté. Pour oublier la session sur cet ordinateur seulement, lancez `relais logout --local`.',
          'You are still logged in. To forget the session on this computer only, run `relais logout --local`.',
        )}`, ExitCode.UNREACHABLE);
      }
      // Any other answer (an already revoked or malformed token) leaves nothing to revoke.
    }
  }
  ctx.store.clear();
  emit(ctx, options, { loggedOut: true, url: session.url }, () => tr(`Déconnecté de ${session.url}.`, `Logged out of ${session.url}.`));
}

async function whoami(ctx: Context, options: JsonFlag): Promise<void> {
  const api = ctx.api();
  const me = (await api.get<Me>('/auth/me')).body;
  emit(ctx, options, me, () => renderRecord(`${me.user.displayName} <${me.user.email}>`, [
    [tr('Organisation', 'Organisation'), `${me.tenant.name} (${me.tenant.slug})`],
    [tr('Rôles', 'Roles'), me.roles.map((r) => tr(r.labelFr ?? r.key, r.labelEn ?? r.key)).join(', ')],
    [tr('Serveur', 'Server'), api.baseUrl],
    [tr('Identifiant', 'User id'), me.user.id],
  ]));
}

export function registerAuth(program: Command, ctx: Context): void {
  withJson(program.command('login').description(tr('se connecte et garde la session dans votre dossier de configuration', 'sign in and keep the session in your configuration directory'))
    .option(tr('--url <adresse>', '--url <address>'), tr(`le serveur Relais (par défaut : le dernier utilisé, sinon ${DEFAULT_URL})`, `the Relais server (default: the last one used, else ${DEFAULT_URL})`))
    .option('--email <email>', tr('votre e-mail de connexion (demandé s\'il manque)', 'your sign-in email (asked when missing)'))
    .option('--tenant <slug>', tr('votre organisation, quand votre e-mail existe dans plusieurs', 'your organisation, when your email exists in several'))
    .option('--password-stdin', tr('lit le mot de passe sur l\'entrée standard (pour les scripts)', 'read the password from standard input (for scripts)')))
    .action((options: LoginOptions) => login(ctx, options));
  withJson(program.command('logout').description(tr('ferme la session sur le serveur et l\'oublie ici', 'end the session on the server and forget it here'))
    .option('--local', tr('oublie seulement la session sur cet ordinateur (quand le serveur est injoignable)', 'only forget the session on this computer (when the server cannot be reached)')))
    .action((options: JsonFlag & { local?: boolean }) => logout(ctx, options));
  withJson(program.command('whoami').description(tr('avec quel compte vous êtes connecté, où, avec quels rôles', 'who you are signed in as, where, with which roles')))
    .action((options: JsonFlag) => whoami(ctx, options));
}
