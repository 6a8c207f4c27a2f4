import * as Sentry from '@sentry/node';
import type { ErrorEvent } from '@sentry/node';
import { env } from './env';

/**
 * Keys whose values never leave the process, wherever they sit in an event
 * (`query`: query strings, such as `url.query` in HTTP breadcrumbs, carry whatever the caller put in them).
 */
const SENSITIVE_KEY = /pass(word)?|token|secret|authorization|cookie|email|phone|mobile|iban|nir|social|first_?name|last_?name|display_?name|address|api_?key|query/i;
/** Emails, also URL-encoded (`%40`) as in URLs and query strings. */
const EMAIL = /(?:[\w.+-]|%[0-9A-Fa-f]{2})+(?:@|%40)[\w-]+\.[\w.-]+/g;
const PHONE = /\+?\d[\d .-]{7,}\d/g;

export function scrub(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[truncated]';
  if (typeof value === 'string') return value.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SENSITIVE_KEY.test(k) ? '[redacted]' : scrub(v, depth + 1);
    return out;
  }
  return value;
}

/** Removes passwords, tokens and personal fields before an event is sent. */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  if (event.request) {
    delete event.request.cookies;
    delete event.request.data;
    if (event.request.headers) event.request.headers = scrub(event.request.headers) as Record<string, string>;
    if (event.request.query_string) event.request.query_string = '[redacted]';
    if (event.request.url) event.request.url = event.request.url.split('?')[0];
  }
  if (event.user) event.user = event.user.id ? { id: event.user.id } : {};
  if (event.extra) event.extra = scrub(event.extra) as Record<string, unknown>;
  if (event.contexts) event.contexts = scrub(event.contexts) as typeof event.contexts;
  if (event.message) event.message = scrub(event.message) as string;
  for (const ex of event.exception?.values ?? []) if (ex.value) ex.value = scrub(ex.value) as string;
  for (const crumb of event.breadcrumbs ?? []) {
    if (crumb.message) crumb.message = scrub(crumb.message) as string;
    if (crumb.data) crumb.data = scrub(crumb.data) as Record<string, unknown>;
  }
  return event;
}

/** Starts Sentry when SENTRY_DSN is set; otherwise does nothing. */
export function initSentry(service: 'api' | 'worker'): boolean {
  const dsn = env().SENTRY_DSN;
  if (!dsn) return false;
  Sentry.init({
    dsn,
    environment: env().SENTRY_ENVIRONMENT ?? env().NODE_ENV,
    serverName: service,
    tracesSampleRate: 0,
    beforeSend: scrubEvent,
    beforeBreadcrumb: (crumb) => (crumb.category === 'console' ? null : crumb),
  });
  return true;
}
