import JSZip from 'jszip';
import { toCsv } from './subject-export';
import type { TransferView } from './transfers.schema';

/**
 * A transfer's archive (docs/adr/0030-transfers.md): what the recipient receives — one CSV and one JSON per
 * kind of record, treated as the manifest says — and the manifest itself (recipient, purpose, activity, mode,
 * what was done to each field and why, the rows per table), with a note in French. Dates inside the zip are
 * the export's, so the archive is the same bytes for the same rows at the same moment.
 */
export const TRANSFER_FORMAT = 'relais.gdpr.transfer';

const ZONES = { 'eu-eea': 'Union européenne / EEE', adequacy: 'pays avec décision d’adéquation', 'third-country': 'pays tiers' } as const;

export interface TransferTable { table: string; columns: string[]; rows: Array<Record<string, unknown>> }

export function transferManifest(transfer: TransferView, tables: readonly TransferTable[], now: Date) {
  return {
    format: TRANSFER_FORMAT, version: 1, generatedAt: now.toISOString(), transfer: transfer.id,
    recipient: transfer.recipient, purpose: transfer.purpose, activity: { key: transfer.activity, name: transfer.activityName }, mode: transfer.mode,
    pseudonyms: transfer.mode === 'pseudonymise'
      ? 'HMAC-SHA256 sous une clé propre à ce destinataire : une même fiche garde le même pseudonyme dans chaque transfert vers lui ; seul le responsable du traitement peut le relier à la personne'
      : null,
    tables: tables.map((t) => ({ table: t.table, rows: t.rows.length, columns: t.columns, file: { csv: `donnees/${t.table}.csv`, json: `donnees/${t.table}.json` } })),
    fields: transfer.fields,
    sensitiveAllowed: transfer.sensitive,
  };
}

export async function transferArchive(transfer: TransferView, tables: readonly TransferTable[], now: Date): Promise<Buffer> {
  const zip = new JSZip();
  const date = now;
  zip.file('manifeste.json', JSON.stringify(transferManifest(transfer, tables, now), null, 2), { date });
  for (const t of tables) {
    zip.file(`donnees/${t.table}.csv`, toCsv(t.columns, t.rows), { date });
    zip.file(`donnees/${t.table}.json`, JSON.stringify(t.rows, null, 2), { date });
  }
  zip.file('LISEZMOI.txt', [
    `Transfert de données vers ${transfer.recipient.name} (${transfer.recipient.country}, ${ZONES[transfer.recipient.zone]})`,
    `Finalité : ${transfer.purpose}`,
    `Traitement du registre : ${transfer.activityName}`,
    `Mode : ${transfer.mode === 'anonymise' ? 'anonymisé (aucun pseudonyme, aucun lien entre les fiches)' : 'pseudonymisé (colonne ref : pseudonyme stable pour ce destinataire)'}`,
    `Export du ${now.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}`,
    ...(transfer.recipient.safeguard ? [`Garantie (art. 46 RGPD) : ${transfer.recipient.safeguard}`] : []),
    '',
    '- manifeste.json : ce qui a été fait à chaque champ, et pourquoi',
    '- donnees/*.csv : une table par fichier, ouvrable dans un tableur',
    '- donnees/*.json : les mêmes données, lisibles par une machine',
    '',
  ].join('\r\n'), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
