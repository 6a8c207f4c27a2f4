import type { MailPort } from './mail.port';

/**
 * A pretend mail server: it sends nothing and answers what it "sent"
 * (`simulated`), which the caller keeps in the organisation's sandbox outbox.
 * Addresses at the reserved domain `invalid.test` are refused, as a real
 * server refuses an unknown mailbox.
 */
export function createSandboxMailAdapter(): MailPort {
  return {
    provider: 'sandbox',
    async send(request) {
      if (request.to.toLowerCase().endsWith('@invalid.test')) {
        return { ok: false, reason: 'invalid_address', retryable: false, code: '550', message: `The sandbox has no mailbox ${request.to}.` };
      }
      return {
        ok: true, providerMessageId: request.messageId,
        simulated: { reference: request.reference, messageIdHeader: request.messageId, recipient: request.to, sender: request.from, subject: request.subject, body: request.text,
          ...(request.attachments?.length ? { attachments: request.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, sizeBytes: a.content.length })) } : {}),
        },
      };
    },
  };
}
