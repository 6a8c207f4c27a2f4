import { ApiError, problemFrom } from './problem';
import { tokenStorage, type TokenPair } from './tokens';

/** The one fetch client: JSON in and out, bearer token, one refresh-and-retry on 401. */
const BASE = '/api/v1';

type QueryValue = string | number | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Record version sent as `If-Match: "<version>"`. */
  ifMatch?: number;
  /** false for the sign-in calls, which carry no bearer token. */
  auth?: boolean;
  signal?: AbortSignal;
  /** A FormData body is sent as multipart/form-data (file uploads). Otherwise: sends `body` as it is (a string) with this Content-Type instead of JSON, e.g. 'application/xml'. */
  contentType?: string;
  /** 'text' answers the body as a string (XML downloads), 'blob' as a file (a PDF), instead of parsed JSON. */
  responseType?: 'json' | 'text' | 'blob';
  /** The Accept header, when the answer is not JSON ('application/pdf'); a refusal still comes as problem+json. */
  accept?: string;
  /** Sent as `Idempotency-Key` (creations): the API answers a repeat with the first response. */
  idempotencyKey?: string;
}

let sessionExpired: () => void = () => {};

/** Called once the refresh token is refused: the user must sign in again. */
export function onSessionExpired(handler: () => void): void {
  sessionExpired = handler;
}

function urlOf(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

/** The language the API writes its messages in: the interface's (plugins/i18n sets the page's `lang`), French by default. */
function answerLanguage(): 'fr' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'fr';
}

async function send(method: string, path: string, options: RequestOptions, accessToken?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ? `${options.accept}, application/problem+json` : 'application/json', 'Accept-Language': answerLanguage() };
  const multipart = typeof FormData !== 'undefined' && options.body instanceof FormData;
  // FormData: the browser writes the multipart Content-Type with its boundary.
  if (options.body !== undefined && !multipart) headers['Content-Type'] = options.contentType ?? 'application/json';
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  try {
    return await fetch(urlOf(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : options.contentType ? String(options.body) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Network error', detail: e instanceof Error ? e.message : String(e) });
  }
}

let refreshing: Promise<boolean> | null = null;

/**
 * The tabs of a browser share the refresh cookie: two refreshing at once would
 * present the same token twice, which the API takes for theft (the family is
 * revoked). A Web Lock makes them take turns; each sends the cookie as it is then.
 */
function oneTabAtATime<T>(fn: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request('relais-refresh', fn) : fn();
}

/**
 * Gets a new access token with the refresh cookie (httpOnly: the browser sends
 * it, the page never sees it) and rotates that cookie. Concurrent callers share
 * one refresh: a refresh token is single-use. Also how a reloaded page gets
 * its session back.
 */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= (async () => {
    const response = await oneTabAtATime(() => send('POST', '/auth/refresh', { body: {} }));
    if (response.ok) {
      tokenStorage.write((await response.json()) as TokenPair);
      return true;
    }
    if (response.status === 400 || response.status === 401) {
      tokenStorage.clear();
      sessionExpired();
      return false;
    }
    throw await problemFrom(response);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const withAuth = options.auth !== false;
  const used = withAuth ? tokenStorage.read()?.accessToken : undefined;
  let response = await send(method, path, options, used);

  // No access token yet (a reloaded page) or an expired one: the refresh cookie may renew it.
  if (response.status === 401 && withAuth) {
    const current = tokenStorage.read()?.accessToken;
    // Another call may already have rotated the pair while this one was in flight.
    const renewed = current !== undefined && current !== used ? true : await refreshTokens();
    if (renewed) {
      response = await send(method, path, options, tokenStorage.read()?.accessToken);
      if (response.status === 401) {
        tokenStorage.clear();
        sessionExpired();
      }
    }
  }

  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204) return undefined as T;
  if (options.responseType === 'blob') return (await response.blob()) as T;
  const text = await response.text();
  if (options.responseType === 'text') return text as T;
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, ifMatch: number) => request<T>('PATCH', path, { body, ifMatch }),
};
