import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { DeliveryPorts } from '../../domain/comms/delivery';
import { applyProviderStatus } from '../../domain/comms/messages';
import { findSandboxSms, keepSandboxMail, keepSandboxSms, setSandboxSmsStatus } from '../../domain/comms/sandbox-outbox';
import type { MailPort } from '../../integrations/mail/mail.port';
import { createSandboxMailAdapter } from '../../integrations/mail/sandbox.adapter';
import { createSmtpMailAdapter } from '../../integrations/mail/smtp.adapter';
import { createSandboxSmsAdapter, playSandboxLifecycle } from '../../integrations/sms/sandbox.adapter';
import type { SmsPort } from '../../integrations/sms/sms.port';
import { createTwilioSmsAdapter } from '../../integrations/sms/twilio.adapter';

export interface PortOptions {
  knex: Knex;
  /** Where the Twilio adapter sends its REST calls (TWILIO_API_BASE_URL). */
  twilioApiBaseUrl: string;
  sandboxLatencyMs: number;
  /** Loopback SMTP test servers present self-signed certificates. */
  smtpAllowSelfSigned?: boolean;
}

function unreachable(value: never): never {
  throw new Error(`Unknown provider ${JSON.stringify(value)}`);
}

/**
 * The sandbox SMS provider with its outbox: the adapter answers what it
 * "sent"; the copy is kept here (domain/comms/sandbox-outbox.ts), and the
 * statuses it announces, played one by one, take the same path as Twilio's
 * status callbacks. A resend of the same message is kept, and played, once.
 */
export function sandboxSmsPort(knex: Knex, tenantId: string, latencyMs: number): SmsPort {
  const scoped = <T>(fn: (trx: Knex.Transaction) => Promise<T>) => withTenant({ tenantId }, fn, knex);
  const adapter = createSandboxSmsAdapter({ lookup: (reference) => scoped((trx) => findSandboxSms(trx, reference)) });
  return {
    ...adapter,
    async send(request) {
      const result = await adapter.send(request);
      if (!result.ok || !result.simulated) return result;
      const simulated = result.simulated;
      if (await scoped((trx) => keepSandboxSms(trx, tenantId, simulated))) {
        playSandboxLifecycle(simulated, latencyMs, (u) => scoped(async (trx) => {
          await setSandboxSmsStatus(trx, u.reference, u.status);
          await applyProviderStatus(trx, tenantId, { messageId: u.reference, provider: 'sandbox', providerMessageId: u.providerMessageId, status: u.status, errorCode: u.errorCode });
        })).catch(() => undefined);
      }
      return result;
    },
  };
}

/** The sandbox mail server with its outbox: what the adapter "sent" is kept here. */
export function sandboxMailPort(knex: Knex, tenantId: string): MailPort {
  const adapter = createSandboxMailAdapter();
  return {
    ...adapter,
    async send(request) {
      const result = await adapter.send(request);
      const simulated = result.ok ? result.simulated : undefined;
      if (simulated) await withTenant({ tenantId }, (trx) => keepSandboxMail(trx, tenantId, simulated), knex);
      return result;
    },
  };
}

/** The tenant's configuration picks the adapter (STYLE §8: an exhaustive switch). */
export function createDeliveryPorts(options: PortOptions): DeliveryPorts {
  return {
    sms(tenantId, config) {
      const sms = config.sms;
      switch (sms.provider) {
        case 'sandbox':
          return sandboxSmsPort(options.knex, tenantId, options.sandboxLatencyMs);
        case 'twilio':
          return createTwilioSmsAdapter({ accountSid: sms.accountSid, authToken: sms.authToken, from: sms.from, messagingServiceSid: sms.messagingServiceSid, apiBaseUrl: options.twilioApiBaseUrl });
        default:
          return unreachable(sms);
      }
    },
    mail(tenantId, config) {
      const mail = config.mail;
      switch (mail.provider) {
        case 'sandbox':
          return sandboxMailPort(options.knex, tenantId);
        case 'smtp':
          return createSmtpMailAdapter({ host: mail.host, port: mail.port, secure: mail.secure, user: mail.user, password: mail.password, allowSelfSigned: options.smtpAllowSelfSigned });
        default:
          return unreachable(mail);
      }
    },
  };
}
