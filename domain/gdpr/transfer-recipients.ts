import type { Knex } from 'knex';
import type { Locale } from '../i18n/messages';

/**
 * The register's side of transfers (docs/adr/0030-transfers.md): each declared transfer is a recipient of its
 * activity (« Réseau Alumni Partenaires (FR) — transfert pseudonymisé »), and a transfer to a third country
 * without adequacy is listed with its safeguard among the activity's transfers outside the EU.
 */
const MODE = { fr: { anonymise: 'transfert anonymisé', pseudonymise: 'transfert pseudonymisé' }, en: { anonymise: 'anonymised transfer', pseudonymise: 'pseudonymised transfer' } } as const;

export interface ActivityTransfers { recipients: string[]; outsideEu: string[] }

export async function transfersByActivity(trx: Knex.Transaction, locale: Locale): Promise<Map<string, ActivityTransfers>> {
  const rows = await trx('gdprTransfers').orderBy('createdAt').select('activityKey', 'recipientName', 'recipientCountry', 'recipientZone', 'recipientSafeguard', 'mode');
  const out = new Map<string, ActivityTransfers>();
  for (const r of rows) {
    const entry = out.get(String(r.activityKey)) ?? { recipients: [], outsideEu: [] };
    const recipient = `${String(r.recipientName)} (${String(r.recipientCountry)}) — ${MODE[locale][r.mode as 'anonymise' | 'pseudonymise']}`;
    if (!entry.recipients.includes(recipient)) entry.recipients.push(recipient);
    if (r.recipientZone !== 'eu-eea') {
      const basis = r.recipientZone === 'adequacy' ? (locale === 'fr' ? 'décision d’adéquation' : 'adequacy decision') : String(r.recipientSafeguard);
      const line = `${String(r.recipientName)}, ${String(r.recipientCountry)} : ${basis}`;
      if (!entry.outsideEu.includes(line)) entry.outsideEu.push(line);
    }
    out.set(String(r.activityKey), entry);
  }
  return out;
}

/** An entry's recipients and transfers outside the EU, with the declared transfers added. */
export function withTransfers<E extends { key: string; recipients: string[]; transfersOutsideEu: string | null }>(entry: E, transfers: ReadonlyMap<string, ActivityTransfers>): E {
  const found = transfers.get(entry.key);
  if (!found) return entry;
  const outside = [entry.transfersOutsideEu, ...found.outsideEu.filter((l) => !(entry.transfersOutsideEu ?? '').includes(l))].filter(Boolean).join(' ; ');
  return { ...entry, recipients: [...entry.recipients, ...found.recipients.filter((r) => !entry.recipients.includes(r))], transfersOutsideEu: outside || null };
}
