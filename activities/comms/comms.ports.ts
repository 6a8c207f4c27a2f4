import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { DeliveryPorts } from '../../domain/comms/delivery';
import { applyProviderStatus } from '../../domain/comms/messages';
import { createSandboxMailAdapter } from '../../integrations/mail/sandbox.adapter';
import { createSmtpMailAdapter } from '../../integrations/mail/smtp.adapter';
import { createSandboxSmsAdapter } from '../../integrations/sms/sandbox.adapter';
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

/** The tenant's configuration picks the adapter (STYLE §8: an exhaustive switch). */
export function createDeliveryPorts(options: PortOptions): DeliveryPorts {
  return {
    sms(tenantId, config) {
      const sms = config.sms;
      switch (sms.provider) {
        case 'sandbox':
          return createSandboxSmsAdapter({
            knex: options.knex, tenantId, latencyMs: options.sandboxLatencyMs,
            // The sandbox's "status callbacks" take the same path as Twilio's.
            onStatus: (u) => withTenant({ tenantId }, (trx) => applyProviderStatus(trx, tenantId, {
              messageId: u.reference, provider: 'sandbox', providerMessageId: u.providerMessageId, status: u.status, errorCode: u.errorCode,
            }), options.knex).then(() => undefined),
          });
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
          return createSandboxMailAdapter({ knex: options.knex, tenantId });
        case 'smtp':
          return createSmtpMailAdapter({ host: mail.host, port: mail.port, secure: mail.secure, user: mail.user, password: mail.password, allowSelfSigned: options.smtpAllowSelfSigned });
        default:
          return unreachable(mail);
      }
    },
  };
}
