import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { NotifyingOrganisation, PreparedNotification } from './breach-notification';
import { pdfBytes } from './register-pdf';

/** The prepared notification to the CNIL as a PDF (French, A4), one table per section of the CNIL's form. */
const MUTED = '#5f6b7a';

export function notificationDefinition(n: PreparedNotification, org: NotifyingOrganisation, at: Date): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    info: { title: `Notification de violation n° ${n.number} — ${org.name}`, creationDate: at },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 4] } },
    footer: (page: number, pages: number) => ({ text: `${org.name} — violation n° ${n.number} — page ${page} / ${pages}`, alignment: 'center', fontSize: 8, color: MUTED }),
    content: [
      { text: 'Notification d’une violation de données personnelles', style: 'h1' },
      { text: `${n.phase === 'initial' ? 'Notification initiale' : 'Notification complémentaire'} — articles 33 et 34 du RGPD`, color: MUTED },
      { text: `Préparée le ${at.toLocaleString('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'long', timeStyle: 'short' })} pour le formulaire en ligne de la CNIL`, color: MUTED, margin: [0, 0, 0, 8] },
      ...n.sections.flatMap((s): Content[] => [
        { text: s.title, style: 'h2' },
        {
          table: { widths: [170, '*'], body: s.lines.map((l) => [{ text: l.label, bold: true }, l.value]) as Content[][] },
          layout: 'lightHorizontalLines',
        } as Content,
      ]),
    ],
  };
}

export function renderNotificationPdf(n: PreparedNotification, org: NotifyingOrganisation, at = new Date()): Promise<Buffer> {
  return pdfBytes(notificationDefinition(n, org, at));
}
