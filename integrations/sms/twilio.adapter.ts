import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type { SmsLookupResult, SmsPort, SmsStatus } from './sms.port';
import { SMS_STATUSES } from './sms.port';
import { classifyTwilioError } from './twilio-errors';

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** A Twilio number in E.164, or… */
  from?: string | null;
  /** …a Messaging Service, which picks the sender itself. */
  messagingServiceSid?: string | null;
  /** Where REST calls go: Twilio itself, or a loopback server that speaks its protocol (tests). */
  apiBaseUrl?: string;
  timeoutMs?: number;
}

/**
 * Twilio's own RequestClient (axios, form encoding, basic auth, User-Agent),
 * with the origin of every URL swapped for `baseUrl`: what reaches the
 * loopback server is exactly what Twilio would receive. The SDK's edge and
 * region options only rename hosts under twilio.com, hence this subclass.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly baseUrl: string, options: ConstructorParameters<typeof twilio.RequestClient>[0]) {
    super(options);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    const rebased = new URL(`${original.pathname}${original.search}`, this.baseUrl);
    return super.request<TData>({ ...opts, uri: rebased.href });
  }
}

function asStatus(value: string | undefined): SmsStatus {
  // Twilio also answers 'accepted' and 'scheduled' for Messaging Services: both mean queued to us.
  return (SMS_STATUSES as readonly string[]).includes(value ?? '') ? (value as SmsStatus) : 'queued';
}

export function createTwilioSmsAdapter(options: TwilioOptions): SmsPort {
  const baseUrl = options.apiBaseUrl ?? TWILIO_API_BASE_URL;
  const timeout = options.timeoutMs ?? 15_000;
  const client = twilio(options.accountSid, options.authToken, {
    // The activity owns retries (with reconciliation first); the SDK must not resend on its own.
    autoRetry: false,
    timeout,
    ...(baseUrl === TWILIO_API_BASE_URL ? {} : { httpClient: new RebasedRequestClient(baseUrl, { timeout, autoRetry: false }) }),
  });
  const sender = options.messagingServiceSid ? { messagingServiceSid: options.messagingServiceSid } : { from: options.from ?? undefined };

  return {
    provider: 'twilio',
    async send(request) {
      try {
        const message = await client.messages.create({
          to: request.to,
          body: request.body,
          ...sender,
          ...(request.statusCallbackUrl ? { statusCallback: request.statusCallbackUrl } : {}),
        });
        return { ok: true, providerMessageId: message.sid, status: asStatus(message.status) };
      } catch (error) {
        return { ok: false, ...classifyTwilioError(error) };
      }
    },
    async findSent(lookup): Promise<SmsLookupResult> {
      try {
        // Newest first; the message we look for was created after `since` (a minute of clock skew allowed).
        const recent = await client.messages.list({ to: lookup.to, ...(sender.from ? { from: sender.from } : {}), limit: 50 });
        const after = lookup.since.getTime() - 60_000;
        const match = recent.find((m) => m.body === lookup.body && m.direction !== 'inbound'
          && (!m.dateCreated || m.dateCreated.getTime() >= after) && !lookup.excludeIds.includes(m.sid));
        return { ok: true, found: match ? { providerMessageId: match.sid, status: asStatus(match.status) } : null };
      } catch (error) {
        return { ok: false, message: classifyTwilioError(error).message };
      }
    },
  };
}
