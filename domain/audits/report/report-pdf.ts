import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { pdfBytes } from '../../gdpr/register-pdf';
import { orderFindings } from './evidence';
import { MARKDOWN_STYLES, markdownToPdfmake } from './markdown-pdf';
import type { ReportFinding, ReportInventoryItem, SerialDisplay, TemplateSnapshot, VersionSnapshot } from './report.schema';

/**
 * The printed audit report (issue 16, docs/adr/0038-audit-reports.md), from the report's template
 * snapshot and one version's frozen data only — so a version prints the same whatever the template,
 * the branding or the findings became since. Cover in the tenant's colours, table of contents
 * (pdfmake `toc`), the sections in order, the findings by severity with a bar chart drawn in vectors,
 * each finding (description, risk, recommendation, references, CVSS or likelihood × impact), and the
 * inventory in the appendix, serial numbers printed as the template says and network addresses masked
 * unless it says « en clair ». The person who uses a device is never printed.
 */
export interface ReportPrint {
  template: TemplateSnapshot;
  snapshot: VersionSnapshot;
  /** The version printed, or null for the draft as it stands (then watermarked « BROUILLON »). */
  versionNumber: number | null;
  /** When the version was submitted (the PDF's creation date: the same version gives the same bytes). */
  at: Date;
}

const TEXT = '#1f2933';
const MUTED = '#5f6b7a';
const RULE = '#d5dbe3';
const COLOR = /^#[0-9a-fA-F]{6}$/;

export const SEVERITY_LABELS: Record<ReportFinding['severity'], string> = {
  critical: 'Critique', high: 'Élevée', medium: 'Moyenne', low: 'Faible', info: 'Information',
};
const SEVERITY_COLORS: Record<ReportFinding['severity'], string> = {
  critical: '#8e1b1b', high: '#d84315', medium: '#f9a825', low: '#2e7d32', info: '#546e7a',
};
const INVENTORY_TYPES: Record<string, string> = {
  server: 'Serveur', workstation: 'Poste de travail', network: 'Équipement réseau', printer: 'Imprimante', camera: 'Caméra',
  badge_reader: 'Lecteur de badges', phone: 'Téléphone', other: 'Autre',
};

const longDate = (value: string | Date) => new Date(value).toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** A serial number as the template prints it: hidden, its last four characters, or in full. */
export function printedSerial(serial: string | null, display: SerialDisplay): string {
  if (!serial) return '—';
  if (display === 'full') return serial;
  if (display === 'hidden') return '••••';
  return `••••${serial.slice(-4)}`;
}

/** A network address in full only when the template prints serials in full; else its first half (`10.0.••.••`). */
export function printedAddress(address: string | null, display: SerialDisplay): string {
  if (!address) return '—';
  if (display === 'full') return address;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}(\/\d+)?$/.exec(address);
  if (ipv4) return `${ipv4[1]}.${ipv4[2]}.••.••`;
  return `${address.slice(0, Math.min(4, Math.floor(address.length / 2)))}••••`;
}

function cover(print: ReportPrint, primary: string, secondary: string): Content[] {
  const { template, snapshot } = print;
  const m = snapshot.mission;
  const period = m.startsOn && m.endsOn ? `Du ${longDate(m.startsOn)} au ${longDate(m.endsOn)}` : m.startsOn ? `À partir du ${longDate(m.startsOn)}` : null;
  return [
    { canvas: [{ type: 'rect', x: 0, y: 0, w: 515, h: 8, color: primary }, { type: 'rect', x: 0, y: 10, w: 170, h: 3, color: secondary }] },
    { text: template.logoText.slice(0, 4), fontSize: 30, bold: true, color: primary, margin: [0, 30, 0, 0] },
    { text: template.organisationName, fontSize: 12, color: MUTED, margin: [0, 2, 0, 90] },
    { text: template.coverTitle, fontSize: 26, bold: true, color: primary },
    { text: m.title, fontSize: 16, margin: [0, 10, 0, 4] },
    { text: `Client : ${m.accountName}`, fontSize: 13, margin: [0, 4, 0, 2] },
    { text: `Mission n° ${m.number}`, color: MUTED },
    ...(period ? [{ text: period, color: MUTED } as Content] : []),
    {
      text: print.versionNumber ? `Version ${print.versionNumber} du ${longDate(print.at)}` : `Brouillon du ${longDate(print.at)}`,
      bold: true, margin: [0, 40, 0, 0],
    },
    { text: 'Document confidentiel — diffusion restreinte au client et à l’équipe d’audit.', color: MUTED, fontSize: 9, margin: [0, 6, 0, 0], pageBreak: 'after' },
  ];
}

/** Counts by severity as horizontal bars (pdfmake vectors), most severe first. */
export function severityChart(findings: readonly ReportFinding[]): Content {
  const severities = Object.keys(SEVERITY_LABELS) as ReportFinding['severity'][];
  const counts = severities.map((s) => findings.filter((f) => f.severity === s).length);
  const max = Math.max(1, ...counts);
  const body: TableCell[][] = severities.map((severity, i) => [
    { text: SEVERITY_LABELS[severity], alignment: 'right', margin: [0, 1, 0, 0] },
    { canvas: [{ type: 'rect', x: 0, y: 2, w: Math.max(counts[i]! ? 4 : 0, (counts[i]! / max) * 280), h: 11, color: SEVERITY_COLORS[severity] }] },
    { text: String(counts[i]), bold: true, margin: [0, 1, 0, 0] },
  ]);
  return {
    stack: [
      { text: 'Répartition des constats par sévérité', bold: true, margin: [0, 0, 0, 6] },
      { table: { widths: [80, 290, 30], body }, layout: 'noBorders' },
    ],
    margin: [0, 4, 0, 12],
  };
}

function rating(f: ReportFinding): string {
  if (f.cvssScore !== null) return `CVSS 3.1 : ${f.cvssScore.toFixed(1).replace('.', ',')}${f.cvssVector ? ` (${f.cvssVector})` : ''}`;
  if (f.likelihood !== null && f.impact !== null) return `Vraisemblance ${f.likelihood}/4 × impact ${f.impact}/4`;
  return '';
}

function findingBlock(f: ReportFinding, index: number, primary: string): Content[] {
  const part = (label: string, markdown: string): Content[] => (markdown.trim() ? [{ text: label, bold: true, margin: [0, 4, 0, 2] }, ...markdownToPdfmake(markdown, { headingColor: primary })] : []);
  return [
    { text: `${index + 1}. ${f.title}`, style: 'h2', tocItem: true, tocMargin: [14, 0, 0, 0], color: primary },
    {
      columns: [
        { width: 'auto', table: { body: [[{ text: SEVERITY_LABELS[f.severity], color: '#ffffff', bold: true, fillColor: SEVERITY_COLORS[f.severity], margin: [4, 1, 4, 1] }]] }, layout: 'noBorders' },
        { width: '*', text: rating(f), color: MUTED, margin: [8, 2, 0, 0] },
      ],
      margin: [0, 0, 0, 4],
    },
    ...part('Description', f.description),
    ...part('Risque', f.risk),
    ...part('Recommandation', f.recommendation),
    ...(f.references.length ? [{ text: 'Références', bold: true, margin: [0, 4, 0, 2] } as Content, { ul: [...f.references] } as Content] : []),
  ];
}

function findingsPart(findings: readonly ReportFinding[], primary: string): Content[] {
  if (!findings.length) return [{ text: 'Aucun constat n’a été relevé lors de cette mission.', italics: true, color: MUTED }];
  const ordered = orderFindings(findings);
  const summary: TableCell[][] = [[{ text: 'N°', bold: true }, { text: 'Constat', bold: true }, { text: 'Sévérité', bold: true }]];
  ordered.forEach((f, i) => summary.push([String(i + 1), f.title, SEVERITY_LABELS[f.severity]]));
  return [
    severityChart(ordered),
    { table: { headerRows: 1, widths: [24, '*', 80], body: summary }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 12] },
    ...ordered.flatMap((f, i) => findingBlock(f, i, primary)),
  ];
}

function inventoryPart(items: readonly ReportInventoryItem[], display: SerialDisplay): Content[] {
  const title: Content = { text: 'Inventaire du matériel relevé', style: 'h2', tocItem: true, tocMargin: [14, 0, 0, 0] };
  if (!items.length) return [title, { text: 'Aucun matériel n’a été relevé.', italics: true, color: MUTED }];
  const head = ['Type', 'Marque et modèle', 'N° de série', 'Emplacement', 'Adresse réseau'].map((text): TableCell => ({ text, bold: true }));
  const body: TableCell[][] = [head, ...items.map((item): TableCell[] => [
    INVENTORY_TYPES[item.type] ?? item.type,
    [item.brand, item.model].filter(Boolean).join(' ') || '—',
    printedSerial(item.serial, display),
    item.location ?? '—',
    printedAddress(item.networkAddress, display),
  ])];
  const note = display === 'full' ? 'Numéros de série et adresses réseau en clair.' : display === 'hidden' ? 'Numéros de série masqués ; adresses réseau tronquées.' : 'Numéros de série réduits à leurs quatre derniers caractères ; adresses réseau tronquées.';
  return [title, { table: { headerRows: 1, widths: [70, '*', 70, 90, 75], body }, layout: 'lightHorizontalLines', fontSize: 8.5 }, { text: note, color: MUTED, fontSize: 8, margin: [0, 4, 0, 0] }];
}

/** The pdfmake document of a report version. */
export function reportDefinition(print: ReportPrint): TDocumentDefinitions {
  const { template, snapshot } = print;
  const primary = COLOR.test(template.primaryColor) ? template.primaryColor : '#1565C0';
  const secondary = COLOR.test(template.secondaryColor) ? template.secondaryColor : '#546E7A';
  const body: Content[] = [];
  const keys = new Set(snapshot.sections.map((s) => s.key));
  for (const section of snapshot.sections) {
    body.push({ text: section.title, style: 'h1', tocItem: true, color: primary, pageBreak: body.length ? 'before' : undefined });
    if (section.assistantDraft) body.push({ text: 'Brouillon de l’assistant, non relu', italics: true, color: MUTED, fontSize: 8.5, margin: [0, 0, 0, 6] });
    body.push(...markdownToPdfmake(section.body, { headingColor: primary }));
    if (section.key === 'findings') body.push(...findingsPart(snapshot.findings, primary));
    if (section.key === 'appendix') body.push(...inventoryPart(snapshot.inventory, template.serialDisplay));
  }
  if (!keys.has('findings')) body.push({ text: 'Constats', style: 'h1', tocItem: true, color: primary, pageBreak: 'before' }, ...findingsPart(snapshot.findings, primary));
  if (!keys.has('appendix')) body.push({ text: 'Annexes', style: 'h1', tocItem: true, color: primary, pageBreak: 'before' }, ...inventoryPart(snapshot.inventory, template.serialDisplay));
  const footerText = template.footer ? `${template.footer} — ` : '';
  return {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 56],
    info: { title: `${template.coverTitle} — ${snapshot.mission.title}`, author: template.organisationName, creationDate: print.at, modDate: print.at },
    defaultStyle: { font: 'Roboto', fontSize: 10, color: TEXT, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 17, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 12.5, bold: true, margin: [0, 12, 0, 4] },
      ...MARKDOWN_STYLES,
    },
    watermark: print.versionNumber ? undefined : { text: 'BROUILLON', color: '#b0b8c4', opacity: 0.25, bold: true },
    footer: (page: number, pages: number) => (page === 1 ? null : {
      columns: [
        { text: `${footerText}${snapshot.mission.title}`, fontSize: 7.5, color: MUTED },
        { text: `page ${page} / ${pages}`, alignment: 'right', fontSize: 7.5, color: MUTED, width: 70 },
      ],
      margin: [40, 16, 40, 0],
    }),
    content: [
      ...cover(print, primary, secondary),
      { toc: { title: { text: 'Sommaire', style: 'h1', color: primary }, numberStyle: { color: MUTED } }, pageBreak: 'after' },
      ...body,
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 515, y2: 0, lineWidth: 0.5, lineColor: RULE }], margin: [0, 16, 0, 4] },
      { text: `${template.organisationName} — ${template.coverTitle}`, fontSize: 8, color: MUTED },
    ],
  };
}

/** The PDF bytes of a report version (or of the draft). */
export function renderReportPdf(print: ReportPrint): Promise<Buffer> {
  return pdfBytes(reportDefinition(print));
}
