import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { configurePdfmake } from '../billing/render/document-pdf';
import type { Register, RegisterEntry } from './register';

/**
 * The register as the CNIL's model presents it (« Registre des activités de traitement », one sheet per
 * activity: its purpose, legal basis, categories of people and of data, recipients, transfers outside
 * the EU, retention, security measures), in French, landscape A4.
 */
const MUTED = '#5f6b7a';

function list(items: readonly string[]): Content {
  return items.length ? { ul: [...items] } : { text: 'Néant', color: MUTED };
}

function sheet(entry: RegisterEntry, index: number): Content[] {
  const row = (label: string, value: Content): Content[] => [{ text: label, bold: true }, value];
  const retention = `${durationFr(entry.retention.duration)} ${entry.retention.from}${entry.retention.legalReference ? ` (${entry.retention.legalReference})` : ''}`;
  return [
    { text: `Fiche n° ${index + 1} — ${entry.name}`, style: 'h2', pageBreak: 'before' },
    {
      table: {
        widths: [200, '*'],
        body: [
          row('Finalité', entry.purpose),
          row('Base légale', entry.legalBasisLabel),
          row('Catégories de personnes concernées', list(entry.dataSubjects)),
          row('Catégories de données', list(entry.dataCategories.map((c) => `${c.label}${c.sensitive ? ' — donnée sensible' : ''}`))),
          row('Destinataires', list(entry.recipients)),
          row('Transferts hors de l’Union européenne', entry.transfersOutsideEu ?? 'Aucun'),
          row('Durée de conservation', retention),
          row('Mesures de sécurité', list(entry.securityMeasures)),
        ] as Content[][],
      },
      layout: 'lightHorizontalLines',
    } as Content,
  ];
}

/** `P10Y` → « 10 ans », `P6M` → « 6 mois », `P30D` → « 30 jours ». */
export function durationFr(iso: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(iso);
  if (!m) return iso;
  const parts = [
    m[1] && `${m[1]} an${m[1] === '1' ? '' : 's'}`,
    m[2] && `${m[2]} mois`,
    m[3] && `${m[3]} jour${m[3] === '1' ? '' : 's'}`,
  ].filter(Boolean);
  return parts.join(' et ');
}

export function registerDefinition(register: Register, at: Date): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    info: { title: `Registre des activités de traitement — ${register.organisation.name}`, creationDate: at },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 18, bold: true, margin: [0, 0, 0, 8] }, h2: { fontSize: 13, bold: true, margin: [0, 0, 0, 8] } },
    footer: (page: number, pages: number) => ({ text: `${register.organisation.name} — registre des traitements — page ${page} / ${pages}`, alignment: 'center', fontSize: 8, color: MUTED }),
    content: [
      { text: 'Registre des activités de traitement', style: 'h1' },
      { text: `Responsable du traitement : ${register.organisation.name}`, margin: [0, 0, 0, 2] },
      { text: `Article 30 du RGPD — édité le ${at.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })}`, color: MUTED, margin: [0, 0, 0, 12] },
      {
        table: {
          headerRows: 1,
          widths: [30, '*', 140, 120],
          body: [
            [{ text: 'N°', bold: true }, { text: 'Activité', bold: true }, { text: 'Base légale', bold: true }, { text: 'Conservation', bold: true }],
            ...register.activities.map((a, i) => [String(i + 1), a.name, a.legalBasisLabel, durationFr(a.retention.duration)]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      ...register.activities.flatMap((a, i) => sheet(a, i)),
    ],
  };
}

/** The PDF bytes of the register. */
export function renderRegisterPdf(register: Register, at = new Date()): Promise<Buffer> {
  return pdfBytes(registerDefinition(register, at));
}

/** The bytes of a pdfmake document (the gdpr context's PDFs: the register, a breach's notification). */
export async function pdfBytes(definition: TDocumentDefinitions): Promise<Buffer> {
  configurePdfmake();
  const doc = await pdfmake.createPdf(definition).getStream();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
