import type { Knex } from 'knex';
import type { SimulatedMail } from '../../integrations/mail/mail.port';
import type { SimulatedSms, SmsStatus } from '../../integrations/sms/sms.port';

/**
 * The sandbox providers' outboxes: what the simulated SMS provider and mail
 * server "sent", as their answers said, kept per organisation for
 * development and demos. Keyed on our message id: a resend is kept once.
 */
export async function keepSandboxSms(trx: Knex.Transaction, tenantId: string, sms: SimulatedSms): Promise<boolean> {
  const inserted = await trx('sandboxSmsOutbox')
    .insert({ tenantId, reference: sms.reference, sid: sms.sid, recipient: sms.recipient, sender: sms.sender, body: sms.body, status: 'queued', statusCallback: sms.statusCallback })
    .onConflict(['tenantId', 'reference']).ignore()
    .returning('id');
  return inserted.length > 0;
}

export async function setSandboxSmsStatus(trx: Knex.Transaction, reference: string, status: SmsStatus): Promise<void> {
  await trx('sandboxSmsOutbox').where({ reference }).update({ status });
}

export async function findSandboxSms(trx: Knex.Transaction, reference: string): Promise<{ sid: string; status: SmsStatus } | null> {
  return (await trx('sandboxSmsOutbox').where({ reference }).first('sid', 'status')) ?? null;
}

export async function keepSandboxMail(trx: Knex.Transaction, tenantId: string, mail: SimulatedMail): Promise<void> {
  await trx('sandboxMailOutbox')
    .insert({ tenantId, reference: mail.reference, messageIdHeader: mail.messageIdHeader, recipient: mail.recipient, sender: mail.sender, subject: mail.subject, body: mail.body,
      attachments: mail.attachments ? JSON.stringify(mail.attachments) : null })
    .onConflict(['tenantId', 'reference']).ignore();
}
