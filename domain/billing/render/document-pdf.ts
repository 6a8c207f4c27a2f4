import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { BillingDocumentView, BillingParty, SellerParty } from '../document-view';
import { legalMentions, sellerIdentity } from '../mentions';
import { FACTUR_X_FILENAME, facturXXml, facturXXmp } from './factur-x';
import { ibanText, longDate, money, printable, quantityText, rate, shortDate, type DocumentLanguage } from './format';
import { documentLabels, type DocumentLabels } from './labels';

/**
 * The printed quote, invoice (deposit, final) or credit note, from its frozen view only
 * (docs/architecture.md §12, docs/adr/0013-billing-documents.md).
 *
 * pdfmake lays the page out and its PDFKit writes it: Roboto (shipped with pdfmake, every French
 * accent and €) embedded as a subset, the tenant's logo or monogram and colours, French unless the
 * view's language is English. An issued document is a PDF/A-3b (sRGB output intent, XMP
 * identification) and an invoice or credit note carries its Factur-X EN 16931 XML as `factur-x.xml`
 * (associated file, AFRelationship /Data, with the Factur-X XMP extension schema). A draft is a plain
 * PDF with a « BROUILLON » watermark and no XML: it is not an invoice yet.
 *
 * The creation date is the issue date, so the same view gives the same bytes every time.
 */

const require = createRequire(__filename);
const ROBOTO = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: path.join(ROBOTO, 'Roboto-Regular.ttf'),
    bold: path.join(ROBOTO, 'Roboto-Medium.ttf'),
    italics: path.join(ROBOTO, 'Roboto-Italic.ttf'),
    bolditalics: path.join(ROBOTO, 'Roboto-MediumItalic.ttf'),
  },
};
const FONT_FILES = new Set(Object.values(FONTS.Roboto));

let configured = false;
/** pdfmake is one object per process: fonts, and no file or URL a document could name besides them. */
export function configurePdfmake(): void {
  if (configured) return;
  pdfmake.setFonts(FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(file));
  configured = true;
}

const TEXT = '#1f2933';
const MUTED = '#5f6b7a';
const RULE = '#d5dbe3';
const LOGO = /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=\s]+$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Black or white, whichever reads better on a fill of this colour (WCAG relative luminance). */
function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.4 ? '#000000' : '#ffffff';
}

const isInvoice = (view: BillingDocumentView) => view.type !== 'quote';
const carriesFacturX = (view: BillingDocumentView) => view.number !== null && isInvoice(view);

function countryName(code: string, language: DocumentLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function addressLines(party: BillingParty, language: DocumentLanguage): string[] {
  const lines = [party.addressLine1, party.addressLine2, [party.postalCode, party.city].filter(Boolean).join(' ')];
  if (party.country !== 'FR' || language === 'en') lines.push(countryName(party.country, language));
  return lines.filter((line): line is string => !!line && line.trim() !== '');
}

function identifiers(party: BillingParty, labels: DocumentLabels): string[] {
  return [
    party.siret ? `${labels.siret} ${party.siret}` : party.siren ? `${labels.siren} ${party.siren}` : null,
    party.vatNumber ? `${labels.vatNumber} ${party.vatNumber}` : null,
  ].filter((line): line is string => line !== null);
}

function partyBlock(heading: string, party: BillingParty, labels: DocumentLabels, language: DocumentLanguage, seller: boolean): Content {
  const lines: Content[] = [
    { text: heading.toUpperCase(), style: 'caption' },
    { text: party.name, bold: true, fontSize: 10.5, margin: [0, 2, 0, 1] },
  ];
  if (party.tradingName && party.tradingName !== party.name) lines.push({ text: party.tradingName });
  for (const line of addressLines(party, language)) lines.push({ text: line });
  for (const line of identifiers(party, labels)) lines.push({ text: line, color: MUTED });
  if (seller && (party as SellerParty).registration) lines.push({ text: (party as SellerParty).registration!, color: MUTED });
  const contact = [party.email, party.phone].filter(Boolean).join(' · ');
  if (contact) lines.push({ text: contact, color: MUTED });
  return { stack: lines };
}

function logoBlock(view: BillingDocumentView, primary: string): Content {
  const { logoDataUrl, logoText } = view.branding;
  if (logoDataUrl && LOGO.test(logoDataUrl)) return { image: logoDataUrl, fit: [140, 56] };
  return {
    table: { body: [[{ text: logoText.slice(0, 4), bold: true, fontSize: 20, color: textOn(primary), alignment: 'center', margin: [8, 10, 8, 10] }]] },
    layout: { fillColor: () => primary, hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0 },
  };
}

function headerBlock(view: BillingDocumentView, labels: DocumentLabels, primary: string): Content {
  const language = view.language;
  const facts: [string, string][] = [[labels.issueDate, longDate(view.issueDate, language)]];
  if (view.type === 'quote' && view.validUntil) facts.push([labels.validUntil, longDate(view.validUntil, language)]);
  if (view.type !== 'quote' && view.dueDate) facts.push([labels.dueDate, longDate(view.dueDate, language)]);
  if (view.buyerReference) facts.push([labels.buyerReference, view.buyerReference]);
  const right: Content[] = [
    { text: labels.title[view.type].toUpperCase(), fontSize: 20, bold: true, color: primary, alignment: 'right' },
    { text: view.number ? `${labels.number} ${view.number}` : labels.draft, fontSize: 11, bold: true, alignment: 'right', margin: [0, 2, 0, 6] },
    {
      table: { widths: ['*', 'auto'], body: facts.map(([label, value]) => [{ text: label, color: MUTED, alignment: 'right', noWrap: true }, { text: value, alignment: 'right', noWrap: true }]) },
      layout: 'noBorders',
    },
  ];
  if (view.periodStart && view.periodEnd) {
    right.push({ text: labels.period(longDate(view.periodStart, language), longDate(view.periodEnd, language)), alignment: 'right', margin: [0, 2, 0, 0] });
  }
  if (view.precedingInvoice) {
    right.push({ text: labels.precedingInvoice(view.precedingInvoice.number, longDate(view.precedingInvoice.issueDate, language)), alignment: 'right', bold: true, margin: [0, 4, 0, 0] });
  }
  return { columns: [{ width: '*', stack: [logoBlock(view, primary)] }, { width: 'auto', stack: right }], columnGap: 20 };
}

function linesTable(view: BillingDocumentView, labels: DocumentLabels, primary: string): Content {
  const language = view.language;
  const c = labels.columns;
  const head = [c.description, c.quantity, c.unit, c.unitPrice, c.discount, c.vatRate, c.total]
    .map((text, index): TableCell => ({ text, bold: true, color: textOn(primary), alignment: index === 0 ? 'left' : 'right' }));
  const body: TableCell[][] = [head];
  for (const line of view.totals.lines) {
    body.push([
      { text: line.description },
      { text: quantityText(line.quantity, language), alignment: 'right' },
      { text: labels.units[line.unit], alignment: 'right' },
      { text: money(line.unitPriceCents, language), alignment: 'right', noWrap: true },
      { text: line.discountBasisPoints ? rate(line.discountBasisPoints, language) : '', alignment: 'right' },
      { text: rate(line.vatRateBasisPoints, language), alignment: 'right', noWrap: true },
      { text: money(line.netCents, language), alignment: 'right', noWrap: true },
    ]);
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: ['*', 34, 40, 64, 40, 36, 70], body },
    layout: {
      fillColor: (row: number) => (row === 0 ? primary : null),
      hLineWidth: (row: number, node) => (row === 0 || row === 1 || row === node.table.body.length ? 0.8 : 0.4),
      hLineColor: () => RULE,
      vLineWidth: () => 0,
      paddingTop: () => 4,
      paddingBottom: () => 4,
    },
    margin: [0, 18, 0, 10],
  };
}

function vatTable(view: BillingDocumentView, labels: DocumentLabels): Content {
  const language = view.language;
  const body: TableCell[][] = [[labels.vatRate, labels.vatBase, labels.vatAmount].map((text, i): TableCell => ({ text, style: 'caption', alignment: i ? 'right' : 'left' }))];
  for (const row of view.totals.vatBreakdown) {
    body.push([
      { text: row.category === 'S' ? rate(row.rateBasisPoints, language) : `${rate(row.rateBasisPoints, language)} (${row.category})` },
      { text: money(row.taxableCents, language), alignment: 'right', noWrap: true },
      { text: money(row.taxCents, language), alignment: 'right', noWrap: true },
    ]);
  }
  return {
    stack: [
      { text: labels.vatBreakdown, bold: true, margin: [0, 0, 0, 3] },
      { table: { headerRows: 1, widths: ['*', 'auto', 'auto'], body }, layout: 'lightHorizontalLines' },
    ],
  };
}

function totalsTable(view: BillingDocumentView, labels: DocumentLabels, primary: string): Content {
  const language = view.language;
  const row = (label: string, cents: number, strong = false): TableCell[] => [
    { text: label, bold: strong },
    { text: money(cents, language), alignment: 'right', bold: strong, noWrap: true },
  ];
  const t = view.totals;
  const body: TableCell[][] = [
    row(labels.totalExcludingTax, t.totalExcludingTaxCents),
    row(labels.totalTax, t.totalTaxCents),
    row(view.type === 'credit-note' ? labels.creditTotal : labels.totalIncludingTax, t.totalIncludingTaxCents, true),
  ];
  if (isInvoice(view) && view.type !== 'credit-note') {
    for (const deposit of view.depositsDeducted) {
      body.push(row(labels.depositDeducted(deposit.number, shortDate(deposit.issueDate, language)), -deposit.amountIncludingTaxCents));
    }
    if (view.paidCents) body.push(row(labels.paid, -view.paidCents));
    body.push([
      { text: labels.amountDue, bold: true, color: textOn(primary), fillColor: primary },
      { text: money(view.amountDueCents, language), alignment: 'right', bold: true, noWrap: true, color: textOn(primary), fillColor: primary },
    ]);
  }
  return {
    table: { widths: ['*', 'auto'], body },
    layout: { hLineWidth: (i: number) => (i === 3 ? 0.8 : 0), vLineWidth: () => 0, hLineColor: () => RULE, paddingTop: () => 3, paddingBottom: () => 3 },
  };
}

function paymentBlock(view: BillingDocumentView, labels: DocumentLabels): Content[] {
  if (!isInvoice(view) || view.type === 'credit-note') return [];
  const lines: Content[] = [{ text: labels.payment, style: 'heading' }, { text: [{ text: `${labels.paymentTerms} : `, color: MUTED }, view.paymentTerms] }];
  if (view.dueDate) lines.push({ text: [{ text: `${labels.dueDate} : `, color: MUTED }, longDate(view.dueDate, view.language)] });
  if (view.seller.iban) {
    lines.push({ text: [{ text: `${labels.iban} : `, color: MUTED }, ibanText(view.seller.iban), view.seller.bic ? { text: `   ${labels.bic} : `, color: MUTED } : '', view.seller.bic ?? ''] });
  }
  if (view.paymentUrl) lines.push({ text: [{ text: `${labels.payOnline} : `, color: MUTED }, view.paymentUrl] });
  return lines;
}

function approvalBlock(labels: DocumentLabels): Content {
  const a = labels.approval;
  return {
    unbreakable: true,
    margin: [0, 14, 0, 0],
    stack: [
      { text: a.title, style: 'heading' },
      { text: a.intro, color: MUTED, margin: [0, 0, 0, 6] },
      {
        table: {
          widths: ['*', '*'],
          heights: [70],
          body: [[
            { stack: [{ text: a.date, bold: true }] },
            { stack: [{ text: a.signature, bold: true }, { text: a.handwritten, color: MUTED, italics: true, margin: [0, 2, 0, 0] }] },
          ]],
        },
        layout: { hLineColor: () => RULE, vLineColor: () => RULE },
      },
    ],
  };
}

/** The pdfmake definition of a document (exported for tests that read the layout, not the bytes). */
export function documentDefinition(view: BillingDocumentView): TDocumentDefinitions {
  const labels = documentLabels[view.language];
  const primary = COLOR.test(view.branding.primaryColor) ? view.branding.primaryColor : '#1f4e79';
  const secondary = COLOR.test(view.branding.secondaryColor) ? view.branding.secondaryColor : MUTED;
  // The law's mentions (domain/billing/mentions.ts): the seller's identity in the footer, the others under the totals.
  const mentions = legalMentions(view).filter((m) => m.key !== 'seller-identity').map((m) => m.text);
  const content: Content[] = [
    headerBlock(view, labels, primary),
    {
      columns: [
        { width: '*', stack: [partyBlock(labels.seller, view.seller, labels, view.language, true)] },
        {
          width: '*',
          table: { widths: ['*'], body: [[{ stack: [partyBlock(labels.buyer, view.buyer, labels, view.language, false)], margin: [6, 6, 6, 6] }]] },
          layout: { hLineColor: () => secondary, vLineColor: () => secondary },
        },
      ],
      columnGap: 24,
      margin: [0, 22, 0, 0],
    },
    linesTable(view, labels, primary),
    { columns: [{ width: '*', stack: [vatTable(view, labels)] }, { width: 240, stack: [totalsTable(view, labels, primary)] }], columnGap: 24, unbreakable: true },
    ...paymentBlock(view, labels),
  ];
  if (view.notes) content.push({ text: labels.notes, style: 'heading' }, { text: view.notes });
  if (mentions.length) content.push({ text: labels.mentions, style: 'heading' }, { ul: mentions, fontSize: 7.5, color: MUTED });
  if (view.type === 'quote') content.push(approvalBlock(labels));

  const footerText = view.branding.footer;
  const legal = sellerIdentity(view.seller, view.language);
  const title = `${labels.title[view.type]} ${view.number ?? labels.draft}`.replace(/[<>&]/g, '');
  return {
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 64],
    language: view.language === 'fr' ? 'fr-FR' : 'en-GB',
    info: { title, creator: 'Relais', producer: 'Relais (pdfmake)', creationDate: new Date(`${view.issueDate}T00:00:00Z`) },
    version: '1.7',
    subset: view.number ? 'PDF/A-3b' : undefined,
    watermark: view.number ? undefined : { text: labels.draft, color: primary, opacity: 0.1, bold: true },
    defaultStyle: { font: 'Roboto', fontSize: 8.5, color: TEXT, lineHeight: 1.15 },
    styles: {
      caption: { fontSize: 7, color: MUTED, bold: true, characterSpacing: 0.4 },
      heading: { fontSize: 9.5, bold: true, color: primary, margin: [0, 12, 0, 3] },
    },
    content: printableContent(content),
    footer: (page: number, count: number): Content => ({
      margin: [40, 14, 40, 0],
      stack: [
        ...(footerText ? [{ text: printable(footerText), alignment: 'center' as const }] : []),
        { text: printable(legal), alignment: 'center', color: MUTED },
        { text: labels.page(page, count), alignment: 'right', color: MUTED },
      ],
      fontSize: 7,
      color: TEXT,
    }),
  };
}

/** Every text node through `printable` (no glyph is missing from the embedded font). */
function printableContent<T>(node: T): T {
  if (typeof node === 'string') return printable(node) as T;
  if (Array.isArray(node)) return node.map(printableContent) as T;
  if (node && typeof node === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      copy[key] = key === 'image' || typeof value === 'function' ? value : printableContent(value);
    }
    return copy as T;
  }
  return node;
}

/** The Factur-X part PDFKit does not write itself: the XMP extension schema and the associated file. */
interface PdfKitWithXmp {
  appendXML(xml: string, newline?: boolean): void;
  file(src: Buffer, options: { name: string; type: string; description: string; relationship: string; creationDate: Date; modifiedDate: Date }): unknown;
}

/** The PDF bytes of a document view (a Factur-X PDF/A-3 once an invoice or credit note is numbered). */
export async function renderDocumentPdf(view: BillingDocumentView): Promise<Buffer> {
  configurePdfmake();
  const definition = documentDefinition(view);
  const doc = await pdfmake.createPdf(definition).getStream();
  if (carriesFacturX(view)) {
    const extended = doc as unknown as PdfKitWithXmp;
    const issued = new Date(`${view.issueDate}T00:00:00Z`);
    extended.file(Buffer.from(facturXXml(view), 'utf8'), {
      name: FACTUR_X_FILENAME,
      type: 'text/xml',
      description: 'Factur-X EN 16931',
      relationship: 'Data',
      creationDate: issued,
      modifiedDate: issued,
    });
    extended.appendXML(facturXXmp());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
