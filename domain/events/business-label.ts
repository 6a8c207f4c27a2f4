import type { BusinessLabelResolver } from '../modules/vertical-module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const CONTRACT_WORD = { fr: 'contrat n°', en: 'contract no.' } as const;

/**
 * `events.lead-to-event` (business key: the client's id): the event's name when there is one,
 * else the client's name (and company), then the contract's number (« Mariage Lebrun — contrat n° 12 »).
 * The contract is the one the instance recorded (`contractId`) when its variables are known,
 * else the client's latest; the event is that contract's latest. One query for the whole page.
 */
export const leadToEventLabel: BusinessLabelResolver = async (trx, instances, locale) => {
  const wanted = instances.filter((i) => UUID.test(i.businessKey));
  if (!wanted.length) return new Map();
  const pairs = wanted.map((i) => {
    const contractId = i.variables?.contractId;
    return { clientId: i.businessKey, contractId: typeof contractId === 'string' && UUID.test(contractId) ? contractId : null };
  });
  const rows: Array<{ clientId: string; fullName: string; companyName: string | null; number: number | null; eventName: string | null }> = (await trx.raw(`
    select w.client_id as "clientId", c.full_name as "fullName", c.company_name as "companyName", k.number, e.name as "eventName"
    from jsonb_to_recordset(?::jsonb) as w(client_id uuid, contract_id uuid)
    join event_clients c on c.id = w.client_id
    left join lateral (
      select id, number from event_contracts
      where client_id = c.id and (w.contract_id is null or id = w.contract_id)
      order by created_at desc limit 1
    ) k on true
    left join lateral (select name from event_events where contract_id = k.id order by starts_at desc limit 1) e on true
  `, [JSON.stringify(pairs.map((p) => ({ client_id: p.clientId, contract_id: p.contractId })))])).rows;
  const labels = new Map<string, string>();
  for (const row of rows) {
    const who = row.eventName ?? (row.companyName ? `${row.fullName} (${row.companyName})` : row.fullName);
    labels.set(row.clientId, row.number === null ? who : `${who} — ${CONTRACT_WORD[locale]} ${row.number}`);
  }
  return labels;
};
