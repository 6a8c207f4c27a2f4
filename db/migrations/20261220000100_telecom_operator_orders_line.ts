import type { Knex } from 'knex';

/**
 * ADR 0047: a bulk « Suspendre / Réactiver / Résilier chez l'opérateur » asks, for each line, whether an order of that
 * kind is already pending at the operator for it (`telecom_operator_orders` by operator and operator line id). The
 * table grows with every order ever placed: the pending ones of a line are found by this index, not by a scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index telecom_operator_orders_line_pending on telecom_operator_orders (tenant_id, operator_key, operator_line_id)
      where status = 'pending';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists telecom_operator_orders_line_pending');
}
