import { CliError, ExitCode, exitCodeForStatus, type FieldProblem } from './exit-codes';
import { currentLanguage, environmentLanguage, tr } from './i18n';
import type { Session, SessionStore } from './session-store';

const VERSION = '0.1.0';
const API_PREFIX = '/api/v1';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
  [key: string]: unknown;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  form?: FormData;
  headers?: Record<string, string>;
  /** Send the stored access token (and refresh it on a 401). */
  auth?: boolean;
  /** How API field names read on the command line (`fullName` → `--name`), for error messages. */
  flags?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  etag: string | undefined;
}

/** Why a request could not reach the server, in words a user can act on. */
function unreachable(baseUrl: string, error: unknown): CliError | undefined {
  const e = error as { name?: string; code?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code;
  const cut = tr('la connexion a été coupée', 'the connection was cut');
  const timedOut = tr('la connexion a expiré', 'the connection timed out');
  const what: Record<string, string> = {
    ECONNREFUSED: tr('connexion refusée : rien n\'écoute à cette adresse', 'connection refused: nothing listens there'),
    ENOTFOUND: tr('nom d\'hôte inconnu', 'unknown host name'),
    EAI_AGAIN: tr('le nom d\'hôte n\'a pas pu être résolu (DNS)', 'the host name could not be resolved (DNS)'),
    ECONNRESET: cut,
    EHOSTUNREACH: tr('hôte injoignable', 'host unreachable'),
    ENETUNREACH: tr('réseau injoignable', 'network unreachable'),
    ETIMEDOUT: timedOut,
    UND_ERR_CONNECT_TIMEOUT: timedOut,
    UND_ERR_SOCKET: cut,
  };
  let reason: string | undefined;
  if (e.name === 'TimeoutError') reason = tr(`pas de réponse en ${timeoutMs() / 1000} s`, `no answer within ${timeoutMs() / 1000} s`);
  else if (code && what[code]) reason = what[code];
  else if (code && /CERT|SSL|TLS/.test(code)) reason = tr(`problème de certificat TLS (${code})`, `TLS certificate problem (${code})`);
  else if (e.name === 'TypeError' && e.cause) reason = e.cause.message ?? tr('erreur réseau', 'network error');
  if (!reason) return undefined;
  return new CliError(tr(
    `Impossible de joindre l'API Relais à ${baseUrl} (${reason}).\n`
    + 'Vérifiez que le serveur tourne (`npm start` dans le dossier de Relais) et que l\'adresse est la bonne ; '
    + 'pour utiliser une autre adresse, lancez `relais login --url <adresse>`.',
    `Cannot reach the Relais API at ${baseUrl} (${reason}).\n`
    + 'Check that the server is running (`npm start` in the Relais folder) and that the address is right; '
    + 'to use another address, run `relais login --url <address>`.',
  ), ExitCode.UNREACHABLE);
}

/** The language the API is asked to write its messages in: the user's, from the environment (i18n.ts). */
export const acceptLanguage = environmentLanguage;

function timeoutMs(): number {
  const configured = Number(process.env.RELAIS_TIMEOUT_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 30_000;
}

/** Turns an error answer into the CliError its status means, naming fields by their flags. */
export function problemError(status: number, problem: Problem | undefined, flags: Record<string, string> = {}): CliError {
  const detail = problem?.detail ?? problem?.title ?? tr(`Le serveur a répondu ${status}.`, `The server answered ${status}.`);
  const problems = (problem?.errors ?? []).map((p) => ({ field: flags[p.field] ? `${p.field} (${flags[p.field]})` : p.field, message: p.message }));
  const code = exitCodeForStatus(status);
  if (status === 401) return new CliError(`${detail}\n${tr('Lancez `relais login` pour vous reconnecter.', 'Run `relais login` to sign in again.')}`, code, [], status);
  if (status === 412) {
    return new CliError(tr(
      'Quelqu\'un d\'autre a modifié cet enregistrement depuis sa lecture : rien n\'a été enregistré. Regardez-le à nouveau (`show`), puis relancez votre modification.',
      'Someone else changed this record since it was read: nothing was saved. Look at it again (`show`), then run your update again.',
    ), code, [], status);
  }
  if (status >= 500) return new CliError(tr(`L'API Relais a échoué (${status}) : ${detail}`, `The Relais API failed (${status}): ${detail}`), code, [], status);
  // A field-by-field list says it better than the detail that concatenates the same messages.
  if (problems.length && problem?.type?.endsWith('/validation')) return new CliError(tr('Le serveur a refusé la saisie :', 'The server refused the input:'), code, problems, status);
  return new CliError(detail, code, problems, status);
}

export class Api {
  constructor(readonly baseUrl: string, private session: Session | undefined, private readonly store: SessionStore | undefined) {}

  /** The client for a logged-in user: no stored session is "not logged in" (exit 3). */
  static forStoredSession(store: SessionStore): Api {
    const session = store.read();
    if (!session) throw new CliError(tr('Vous n\'êtes pas connecté : lancez d\'abord `relais login`.', 'You are not logged in: run `relais login` first.'), ExitCode.NOT_LOGGED_IN);
    return new Api(session.url, session, store);
  }

  get currentSession(): Session | undefined {
    return this.session;
  }

  async get<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  async post<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  async patch<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, { ...options, body });
  }

  /** Sends a request; any answer but 2xx becomes a CliError. A 401 is retried once after refreshing the tokens. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    let res = await this.send(method, path, options);
    if (res.status === 401 && options.auth !== false && this.session) {
      if (await this.refresh(this.session.accessToken)) res = await this.send(method, path, options);
      else {
        throw new CliError(tr(
          'Votre session a expiré ou a été fermée : lancez `relais login` pour vous reconnecter.', 'Your session has expired or was ended: run `relais login` to sign in again.',
        ), ExitCode.NOT_LOGGED_IN);
      }
    }
    if (res.status >= 200 && res.status < 300) return res as ApiResponse<T>;
    throw this.errorFor(res, options.flags);
  }

  private errorFor(res: ApiResponse<unknown>, flags?: Record<string, string>): CliError {
    if (res.body === undefined || typeof res.body !== 'object') {
      // Not a problem document: something else than the Relais API answered (a proxy, another server).
      return new CliError(tr(
        `${this.baseUrl} a répondu ${res.status} sans erreur de l'API Relais : est-ce bien l'adresse du serveur Relais ?`,
        `${this.baseUrl} answered ${res.status} without a Relais API error: is it the address of the Relais server?`,
      ), res.status === 404 ? ExitCode.NOT_FOUND : ExitCode.UNEXPECTED);
    }
    return problemError(res.status, res.body as Problem, flags);
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<ApiResponse<unknown>> {
    const url = new URL(`${this.baseUrl.replace(/\/$/, '')}${API_PREFIX}${path}`);
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLanguage(), 'user-agent': `relais-cli/${VERSION}`, ...options.headers };
    if (options.auth !== false && this.session) headers.authorization = `Bearer ${this.session.accessToken}`;
    let body: string | FormData | undefined;
    if (options.form) body = options.form;
    else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs()) });
      text = await response.text();
    } catch (error) {
      throw unreachable(this.baseUrl, error) ?? error;
    }
    let parsed: unknown = text === '' ? undefined : text;
    if (/json/.test(response.headers.get('content-type') ?? '') && text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, body: parsed, etag: response.headers.get('etag') ?? undefined };
  }

  /**
   * Rotates the tokens with the refresh token, under the store's lock. When
   * another command refreshed meanwhile, its new tokens are used instead of
   * spending ours (a reused refresh token would end the session).
   */
  private async refresh(staleAccessToken: string): Promise<boolean> {
    const session = this.session!;
    const work = async (): Promise<boolean> => {
      const latest = this.store?.read();
      if (latest && latest.url === session.url && latest.accessToken !== staleAccessToken) {
        this.session = latest;
        return true;
      }
      const res = await this.send('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken }, auth: false });
      if (res.status === 400 || res.status === 401) return false;
      if (res.status !== 200) throw this.errorFor(res);
      const pair = res.body as { accessToken: string; refreshToken: string };
      this.session = { ...session, accessToken: pair.accessToken, refreshToken: pair.refreshToken };
      this.store?.write(this.session);
      return true;
    };
    return this.store ? this.store.withLock(work) : work();
  }
}
