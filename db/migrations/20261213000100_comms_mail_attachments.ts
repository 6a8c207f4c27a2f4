import type { Knex } from 'knex';

/**
 * Mail may carry attachments (an invoice's PDF, sent by `billing.invoice-dunning`):
 * the message and the sandbox's copy keep what was attached — names, types and
 * sizes as `[{ filename, contentType, sizeBytes }]` — never the bytes, which the
 * sender produces again on a retry.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table messages add column attachments jsonb;
    alter table sandbox_mail_outbox add column attachments jsonb;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table sandbox_mail_outbox drop column if exists attachments;
    alter table messages drop column if exists attachments;
  `);
}
