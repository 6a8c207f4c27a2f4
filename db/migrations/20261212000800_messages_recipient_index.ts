import type { Knex } from 'knex';

/**
 * A retried send whose earlier attempt may have reached the provider asks the
 * provider for it, leaving out the provider ids already recorded for the same
 * recipient in the last two days (domain/comms/delivery.ts knownProviderIds).
 * Without an index on the recipient that read went through every message of
 * the organisation of those two days: 87 ms at 86,000 of them (EXPLAIN ANALYZE,
 * docs/performance.md), growing with the volume sent, on every such retry (an
 * outage retries them all). Partial: only messages a provider accepted.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index messages_recipient on messages (tenant_id, channel, recipient, created_at)
      where provider_message_id is not null
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists messages_recipient');
}
