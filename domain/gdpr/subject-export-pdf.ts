import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { configurePdfmake } from '../billing/render/document-pdf';
import type { SubjectExport } from './subject-export';

/**
 * The readable summary of an access request's export (GDPR art. 15), in French: who holds the data, about
 * whom, for which activities, then each table with its rows (the first ones when there are many; the JSON and
 * the CSV files hold them all).
 */
const MUTED = '#5f6b7a';
const ROWS_SHOWN = 50;
const KINDS: Record<string, string> = {
  access: 'accès', portability: 'portabilité', erasure: 'effacement', rectification: 'rectification', objection: 'opposition',
};

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function tableSection(t: SubjectExport['tables'][number]): Content[] {
  const shown = t.rows.slice(0, ROWS_SHOWN);
  return [
    { text: `${t.table} — ${t.activityName}`, style: 'h2' },
    { text: `${t.rows.length} ligne${t.rows.length > 1 ? 's' : ''}${t.rows.length > ROWS_SHOWN ? ` (les ${ROWS_SHOWN} premières ci-dessous ; toutes dans tables/${t.table}.csv)` : ''}`, color: MUTED, margin: [0, 0, 0, 4] },
    ...shown.map((row, i): Content => ({
      table: { widths: [150, '*'], body: t.columns.map((c) => [{ text: c, color: MUTED }, value(row[c])]) },
      layout: 'lightHorizontalLines', fontSize: 8, margin: [0, i ? 6 : 0, 0, 0],
    }) as Content),
    { text: '', margin: [0, 0, 0, 10] },
  ];
}

export function subjectExportDefinition(e: SubjectExport): TDocumentDefinitions {
  const at = new Date(e.generatedAt);
  const fr = (iso: string) => new Date(iso).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
  const activities = [...new Set(e.tables.map((t) => t.activityName))];
  return {
    pageSize: 'A4',
    info: { title: `Vos données personnelles — ${e.organisation.name}`, creationDate: at },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 8] }, h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 4] } },
    footer: (page: number, pages: number) => ({ text: `${e.organisation.name} — données personnelles — page ${page} / ${pages}`, alignment: 'center', fontSize: 8, color: MUTED }),
    content: [
      { text: 'Vos données personnelles', style: 'h1' },
      { text: `Responsable du traitement : ${e.organisation.name}` },
      { text: `Personne concernée : ${e.subject.label} (${e.subject.kindLabel})` },
      { text: `Demande n° ${e.request.number} (${KINDS[e.request.kind] ?? e.request.kind}) reçue le ${fr(e.request.receivedAt)}, réponse due le ${fr(e.request.dueAt)}` },
      { text: `Export établi le ${at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} — article 15 du RGPD`, color: MUTED, margin: [0, 0, 0, 10] },
      { text: 'Traitements concernés', style: 'h2' },
      activities.length ? { ul: activities } : { text: 'Aucune donnée trouvée.', color: MUTED },
      {
        text: 'Vous pouvez demander la rectification ou l’effacement de ces données, vous opposer à leur traitement, et saisir la CNIL (www.cnil.fr) si vous estimez que vos droits ne sont pas respectés.',
        margin: [0, 8, 0, 8],
      },
      { text: 'Tables', style: 'h2' },
      {
        table: { headerRows: 1, widths: ['*', '*', 50], body: [[{ text: 'Table', bold: true }, { text: 'Traitement', bold: true }, { text: 'Lignes', bold: true }], ...e.tables.map((t) => [t.table, t.activityName, String(t.rows.length)])] },
        layout: 'lightHorizontalLines', margin: [0, 0, 0, 10],
      },
      ...e.tables.flatMap(tableSection),
    ],
  };
}

export async function renderSubjectExportPdf(e: SubjectExport): Promise<Buffer> {
  configurePdfmake();
  const doc = await pdfmake.createPdf(subjectExportDefinition(e)).getStream();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
