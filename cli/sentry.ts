import type { ErrorEvent } from '@sentry/node';
import type { Session } from './session-store';

const RELEASE = 'relais-cli@0.1.0';

/** The user id Sentry may know: the one stored at login, else the access token's subject (read, not verified). */
export function userIdOf(session: Session | undefined): string | undefined {
  if (!session) return undefined;
  if (session.userId) return session.userId;
  try {
    const payload = JSON.parse(Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces every occurrence of the given secrets anywhere in the event, after the project's key-based scrubbing. */
export function redactKnown<T>(event: T, secrets: Array<string | undefined>): T {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
  if (known.length === 0) return event;
  let text = JSON.stringify(event);
  for (const secret of known) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) text = text.split(form).join('[redacted]');
  }
  return JSON.parse(text) as T;
}

/**
 * Reports an unexpected error when SENTRY_DSN is set, then waits until it is
 * sent. The SDK is loaded and started only then: it costs most of a second to
 * load, which every command would otherwise pay for nothing.
 * Only the user's id is attached; the project's scrubEvent (config/sentry.ts)
 * removes personal fields, and the session's tokens and email are replaced
 * wherever they might still appear.
 */
export async function reportUnexpected(error: unknown, session: Session | undefined): Promise<boolean> {
  const dsn = process.env.SENTRY_DSN;
  if (!dsn) return false;
  const Sentry = await import('@sentry/node');
  const { scrubEvent } = await import('../config/sentry');
  const secrets = [session?.accessToken, session?.refreshToken, session?.email, process.env.RELAIS_PASSWORD];
  Sentry.init({
    dsn,
    release: RELEASE,
    environment: process.env.SENTRY_ENVIRONMENT ?? process.env.NODE_ENV ?? 'production',
    // Not the computer's host name: it can name a person.
    serverName: 'relais-cli',
    tracesSampleRate: 0,
    beforeSend: (event: ErrorEvent) => redactKnown(scrubEvent(event), secrets),
    beforeBreadcrumb: (crumb) => (crumb.category === 'console' ? null : crumb),
  });
  const userId = userIdOf(session);
  Sentry.setUser(userId ? { id: userId } : null);
  Sentry.setTag('component', 'cli');
  Sentry.captureException(error);
  return Sentry.close(5000);
}
