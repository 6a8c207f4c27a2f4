import type { Command } from 'commander';
import { CliError, ExitCode, usageError } from '../exit-codes';
import { Api } from '../http';
import { renderRecord } from '../output';
import { ask, askHidden, readStdin } from '../prompt';
import type { Session } from '../session-store';
import { emit, withJson, type Context, type JsonFlag } from './common';

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
    throw usageError(`--url "${text}" is not an address: write it like ${DEFAULT_URL}.`, [{ field: '--url', message: 'is not a URL' }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`--url "${text}" must start with http:// or https://.`, [{ field: '--url', message: 'must be http or https' }]);
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
  if (process.stdin.isTTY) return askHidden('Password: ');
  throw usageError('Missing password: type it at the prompt in a terminal, pipe it with --password-stdin, or set RELAIS_PASSWORD.', [{ field: '--password-stdin', message: 'is required without a terminal' }]);
}

async function login(ctx: Context, options: LoginOptions): Promise<void> {
  const previous = ctx.store.read();
  const url = checkUrl(options.url ?? process.env.RELAIS_URL ?? previous?.url ?? DEFAULT_URL);
  let email = options.email?.trim();
  if (!email) {
    if (!process.stdin.isTTY) throw usageError('Missing --email (the email you sign in with).', [{ field: '--email', message: 'is required' }]);
    email = await ask('Email: ');
  }
  const secret = await password(options);
  const anonymous = new Api(url, undefined, undefined);
  let pair: { accessToken: string; refreshToken: string; userId?: string };
  try {
    pair = (await anonymous.post<typeof pair>('/auth/login', { email, password: secret, tenant: options.tenant, tokenTransport: 'body' }, { auth: false, flags: { email: '--email', password: 'password', tenant: '--tenant' } })).body;
  } catch (e) {
    if (e instanceof CliError && e.status === 401) throw new CliError('Email or password is incorrect.', ExitCode.NOT_LOGGED_IN, [], 401);
    if (e instanceof CliError && e.status === 409) {
      throw usageError(`${e.message}\nRun again with --tenant <slug>.`, [{ field: '--tenant', message: 'is required for this email' }]);
    }
    throw e;
  }
  const session: Session = { url, accessToken: pair.accessToken, refreshToken: pair.refreshToken, email, tenant: options.tenant, userId: pair.userId };
  const me = (await new Api(url, session, undefined).get<Me>('/auth/me')).body;
  session.userId = me.user.id;
  session.tenant = me.tenant.slug;
  ctx.store.write(session);
  emit(ctx, options, me, () => `Logged in to ${url} as ${me.user.displayName} <${me.user.email}> (${me.tenant.name}).`);
}

async function logout(ctx: Context, options: JsonFlag & { local?: boolean }): Promise<void> {
  const session = ctx.store.read();
  if (!session) {
    emit(ctx, options, { loggedOut: false }, () => 'You were not logged in.');
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
        throw new CliError(`${e.message}\nYou are still logged in. To forget the session on this computer only, run \`relais logout --local\`.`, ExitCode.UNREACHABLE);
      }
      // Any other answer (an already revoked or malformed token) leaves nothing to revoke.
    }
  }
  ctx.store.clear();
  emit(ctx, options, { loggedOut: true, url: session.url }, () => `Logged out of ${session.url}.`);
}

async function whoami(ctx: Context, options: JsonFlag): Promise<void> {
  const api = ctx.api();
  const me = (await api.get<Me>('/auth/me')).body;
  emit(ctx, options, me, () => renderRecord(`${me.user.displayName} <${me.user.email}>`, [
    ['Organisation', `${me.tenant.name} (${me.tenant.slug})`],
    ['Roles', me.roles.map((r) => r.labelEn ?? r.key).join(', ')],
    ['Server', api.baseUrl],
    ['User id', me.user.id],
  ]));
}

export function registerAuth(program: Command, ctx: Context): void {
  withJson(program.command('login').description('sign in and keep the session in your configuration directory')
    .option('--url <address>', `the Relais server (default: the last one used, else ${DEFAULT_URL})`)
    .option('--email <email>', 'your sign-in email (asked when missing)')
    .option('--tenant <slug>', 'your organisation, when your email exists in several')
    .option('--password-stdin', 'read the password from standard input (for scripts)'))
    .action((options: LoginOptions) => login(ctx, options));
  withJson(program.command('logout').description('end the session on the server and forget it here')
    .option('--local', 'only forget the session on this computer (when the server cannot be reached)'))
    .action((options: JsonFlag & { local?: boolean }) => logout(ctx, options));
  withJson(program.command('whoami').description('who you are signed in as, where, with which roles'))
    .action((options: JsonFlag) => whoami(ctx, options));
}
