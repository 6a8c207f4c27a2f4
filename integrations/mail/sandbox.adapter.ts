import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { MailPort } from './mail.port';

/**
 * A pretend mail server: what it "sends" lands in `sandbox_mail_outbox`, keyed
 * on our message id so a resend is stored once. Addresses at the reserved
 * domain `invalid.test` are refused, as a real server refuses an unknown mailbox.
 */
export function createSandboxMailAdapter(options: { knex: Knex; tenantId: string }): MailPort {
  return {
    provider: 'sandbox',
    async send(request) {
      if (request.to.toLowerCase().endsWith('@invalid.test')) {
        return { ok: false, reason: 'invalid_address', retryable: false, code: '550', message: `The sandbox has no mailbox ${request.to}.` };
      }
      await withTenant({ tenantId: options.tenantId }, (trx) => trx('sandboxMailOutbox')
        .insert({ tenantId: options.tenantId, reference: request.reference, messageIdHeader: request.messageId, recipient: request.to, sender: request.from, subject: request.subject, body: request.text })
        .onConflict(['tenantId', 'reference']).ignore(), options.knex);
      return { ok: true, providerMessageId: request.messageId };
    },
  };
}
