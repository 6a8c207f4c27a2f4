import type { BillingDocumentView, BillingParty, SellerParty } from '../document-view';
import type { ComputedLine, VatBreakdownRow, VatCategory } from '../line.schema';
import { lineNetCents } from '../totals';
import { legalMentions, type MentionKey } from '../mentions';
import { printable } from './format';

/**
 * The Factur-X XML (profile EN 16931, UN/CEFACT CII D16B) of an issued invoice, deposit invoice, final
 * invoice or credit note, from its frozen view. Business terms (BT-…) follow EN 16931-1; the element
 * order is the Factur-X 1.0 EN 16931 schema's.
 *
 * - Type code (BT-3): 380 invoice and final invoice, 386 prepayment (deposit) invoice, 381 credit note.
 * - A credit note states positive amounts (its type says it credits): a view whose lines are negative
 *   is written with every amount's sign turned.
 * - A net price is never negative (BR-27): a negative line (a deduction) carries its sign on the quantity.
 * - A line discount is a line allowance (BG-27) of quantity × price − net amount.
 * - Deposits deducted on a final invoice and what was already paid are the prepaid amount (BT-113);
 *   the deposit invoices and a credit note's invoice are preceding invoice references (BG-3).
 * - French mandatory mentions (domain/billing/mentions.ts) travel as notes: PMD late-payment penalties,
 *   PMT recovery indemnity, AAB early-payment discount, AAI the view's other mentions.
 */
export const FACTUR_X_FILENAME = 'factur-x.xml';
export const EN16931_GUIDELINE = 'urn:cen.eu:en16931:2017';

const TYPE_CODE = { invoice: '380', 'final-invoice': '380', 'deposit-invoice': '386', 'credit-note': '381' } as const;

/** VATEX codes (CEF VATEX code list) for the categories whose reason has one. */
const EXEMPTION_CODE: Partial<Record<VatCategory, string>> = { AE: 'VATEX-EU-AE', K: 'VATEX-EU-IC', G: 'VATEX-EU-G', O: 'VATEX-EU-O' };

export class FacturXNotApplicableError extends Error {}

function escape(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A CII element: `el('ram:ID', 'F-1')`, `el('ram:ID', 'x', { schemeID: '0002' })`, or children given as strings. */
function el(name: string, content: string | (string | null)[] | null | undefined, attributes: Record<string, string> = {}): string {
  if (content === null || content === undefined) return '';
  const attrs = Object.entries(attributes).map(([key, value]) => ` ${key}="${escape(value)}"`).join('');
  const inner = Array.isArray(content) ? content.filter((part): part is string => !!part).join('') : escape(content);
  return `<${name}${attrs}>${inner}</${name}>`;
}

/** Cents as a decimal amount with two places: 123456 → `1234.56`, -5 → `-0.05`. */
export function amount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A quantity with at most three decimals, without float noise. */
function decimal(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

const date102 = (isoDate: string) => isoDate.replace(/-/g, '');
const udtDate = (name: string, isoDate: string) => el(name, [el('udt:DateTimeString', date102(isoDate), { format: '102' })]);

function legalOrganization(party: BillingParty): string | null {
  const id = party.siren ? el('ram:ID', party.siren, { schemeID: '0002' }) : party.siret ? el('ram:ID', party.siret, { schemeID: '0009' }) : '';
  const trading = party.tradingName && party.tradingName !== party.name ? el('ram:TradingBusinessName', party.tradingName) : '';
  return id || trading ? el('ram:SpecifiedLegalOrganization', [id, trading]) : null;
}

function postalAddress(party: BillingParty): string {
  return el('ram:PostalTradeAddress', [
    party.postalCode ? el('ram:PostcodeCode', party.postalCode) : null,
    party.addressLine1 ? el('ram:LineOne', party.addressLine1) : null,
    party.addressLine2 ? el('ram:LineTwo', party.addressLine2) : null,
    party.city ? el('ram:CityName', party.city) : null,
    el('ram:CountryID', party.country),
  ]);
}

/**
 * A seller or buyer (BG-4, BG-7). The seller passes its additional legal information (BT-33, '' when it has
 * none); a seller without a VAT number (franchise en base) is identified for tax by its SIREN (BT-32,
 * scheme FC), which the exempt category requires (BR-E-02).
 */
function tradeParty(name: string, party: BillingParty, description: string | null): string {
  return el(name, [
    el('ram:Name', party.name),
    description ? el('ram:Description', description) : null,
    legalOrganization(party),
    postalAddress(party),
    party.email ? el('ram:URIUniversalCommunication', [el('ram:URIID', party.email, { schemeID: 'EM' })]) : null,
    party.vatNumber ? el('ram:SpecifiedTaxRegistration', [el('ram:ID', party.vatNumber, { schemeID: 'VA' })]) : null,
    description !== null && !party.vatNumber && party.siren ? el('ram:SpecifiedTaxRegistration', [el('ram:ID', party.siren, { schemeID: 'FC' })]) : null,
  ]);
}

/** BT-33, the seller's additional legal information: legal form, share capital, registration. */
function sellerLegalInformation(seller: SellerParty): string | null {
  const capital = seller.shareCapitalCents !== null ? `capital ${amount(seller.shareCapitalCents)} EUR` : null;
  const text = [seller.legalForm, capital, seller.registration].filter(Boolean).join(', ');
  return text || null;
}

const percent = (basisPoints: number) => decimal(basisPoints / 100);

function lineItem(line: ComputedLine, index: number, sign: 1 | -1): string {
  const net = line.netCents * sign;
  const negativePrice = line.unitPriceCents < 0;
  const price = Math.abs(line.unitPriceCents);
  const quantity = line.quantity * sign * (negativePrice ? -1 : 1);
  // The allowance is what the discount took off: quantity × price, to the cent, minus the net amount.
  const gross = lineNetCents(quantity, price);
  const allowance = line.discountBasisPoints ? gross - net : 0;
  return el('ram:IncludedSupplyChainTradeLineItem', [
    el('ram:AssociatedDocumentLineDocument', [el('ram:LineID', String(index + 1))]),
    el('ram:SpecifiedTradeProduct', [el('ram:Name', line.description)]),
    el('ram:SpecifiedLineTradeAgreement', [el('ram:NetPriceProductTradePrice', [el('ram:ChargeAmount', amount(price))])]),
    el('ram:SpecifiedLineTradeDelivery', [el('ram:BilledQuantity', decimal(quantity), { unitCode: line.unit })]),
    el('ram:SpecifiedLineTradeSettlement', [
      el('ram:ApplicableTradeTax', [
        el('ram:TypeCode', 'VAT'),
        el('ram:CategoryCode', line.vatCategory),
        line.vatCategory === 'O' ? null : el('ram:RateApplicablePercent', percent(line.vatRateBasisPoints)),
      ]),
      allowance ? el('ram:SpecifiedTradeAllowanceCharge', [
        el('ram:ChargeIndicator', [el('udt:Indicator', 'false')]),
        el('ram:CalculationPercent', percent(line.discountBasisPoints)),
        el('ram:BasisAmount', amount(gross)),
        el('ram:ActualAmount', amount(allowance)),
        el('ram:ReasonCode', '95'),
        el('ram:Reason', 'Remise'),
      ]) : null,
      el('ram:SpecifiedTradeSettlementLineMonetarySummation', [el('ram:LineTotalAmount', amount(net))]),
    ]),
  ]);
}

function breakdownRow(row: VatBreakdownRow, sign: 1 | -1): string {
  const reason = row.category === 'S' || row.category === 'Z' ? null : row.exemptionReason;
  return el('ram:ApplicableTradeTax', [
    el('ram:CalculatedAmount', amount(row.taxCents * sign)),
    el('ram:TypeCode', 'VAT'),
    reason ? el('ram:ExemptionReason', reason) : null,
    el('ram:BasisAmount', amount(row.taxableCents * sign)),
    el('ram:CategoryCode', row.category),
    reason && EXEMPTION_CODE[row.category] ? el('ram:ExemptionReasonCode', EXEMPTION_CODE[row.category]!) : null,
    row.category === 'O' ? null : el('ram:RateApplicablePercent', percent(row.rateBasisPoints)),
  ]);
}

/**
 * The document's notes (BG-1): its free notes, then the law's mentions the XML does not already say
 * in a structured field, with the subjects the French e-invoicing rules read (BR-FR-05): PMD late-payment
 * penalties, PMT recovery indemnity, AAB early-payment discount; the view's own mentions as AAI.
 */
const NOTE_SUBJECT: Partial<Record<MentionKey, string>> = { 'late-penalty': 'PMD', 'recovery-indemnity': 'PMT', 'early-payment': 'AAB', document: 'AAI' };

function notes(view: BillingDocumentView): string[] {
  const note = (content: string, subject: string) => el('ram:IncludedNote', [el('ram:Content', content), el('ram:SubjectCode', subject)]);
  const out = view.notes ? [note(view.notes, 'AAI')] : [];
  for (const mention of legalMentions(view)) {
    const subject = NOTE_SUBJECT[mention.key];
    if (subject) out.push(note(printable(mention.text), subject));
  }
  return out;
}

/** The CII XML of an issued invoice or credit note (throws for a quote or a draft: neither is an invoice). */
export function facturXXml(view: BillingDocumentView): string {
  if (view.type === 'quote') throw new FacturXNotApplicableError('A quote has no Factur-X XML.');
  if (!view.number) throw new FacturXNotApplicableError('A draft has no Factur-X XML: it has no number yet.');
  const t = view.totals;
  const sign: 1 | -1 = view.type === 'credit-note' && t.totalIncludingTaxCents < 0 ? -1 : 1;
  const grand = t.totalIncludingTaxCents * sign;
  const due = view.type === 'credit-note' ? grand : view.amountDueCents;
  const prepaid = grand - due;
  const preceding = [
    ...(view.precedingInvoice ? [view.precedingInvoice] : []),
    ...(view.type === 'final-invoice' ? view.depositsDeducted : []),
  ];
  const seller = view.seller;

  const xml = el('rsm:CrossIndustryInvoice', [
    el('rsm:ExchangedDocumentContext', [el('ram:GuidelineSpecifiedDocumentContextParameter', [el('ram:ID', EN16931_GUIDELINE)])]),
    el('rsm:ExchangedDocument', [
      el('ram:ID', view.number),
      el('ram:TypeCode', TYPE_CODE[view.type]),
      udtDate('ram:IssueDateTime', view.issueDate),
      ...notes(view),
    ]),
    el('rsm:SupplyChainTradeTransaction', [
      ...t.lines.map((line, index) => lineItem(line, index, sign)),
      el('ram:ApplicableHeaderTradeAgreement', [
        tradeParty('ram:SellerTradeParty', seller, sellerLegalInformation(seller) ?? ''),
        tradeParty('ram:BuyerTradeParty', view.buyer, null),
        view.buyerReference ? el('ram:BuyerOrderReferencedDocument', [el('ram:IssuerAssignedID', view.buyerReference)]) : null,
      ]),
      el('ram:ApplicableHeaderTradeDelivery', []),
      el('ram:ApplicableHeaderTradeSettlement', [
        el('ram:PaymentReference', view.number),
        el('ram:InvoiceCurrencyCode', view.currency),
        seller.iban && view.type !== 'credit-note' ? el('ram:SpecifiedTradeSettlementPaymentMeans', [
          el('ram:TypeCode', '58'),
          el('ram:PayeePartyCreditorFinancialAccount', [el('ram:IBANID', seller.iban.replace(/\s+/g, ''))]),
          seller.bic ? el('ram:PayeeSpecifiedCreditorFinancialInstitution', [el('ram:BICID', seller.bic)]) : null,
        ]) : null,
        ...t.vatBreakdown.map((row) => breakdownRow(row, sign)),
        view.periodStart && view.periodEnd ? el('ram:BillingSpecifiedPeriod', [
          udtDate('ram:StartDateTime', view.periodStart),
          udtDate('ram:EndDateTime', view.periodEnd),
        ]) : null,
        view.type !== 'credit-note' ? el('ram:SpecifiedTradePaymentTerms', [
          el('ram:Description', view.paymentTerms),
          view.dueDate ? udtDate('ram:DueDateDateTime', view.dueDate) : null,
        ]) : null,
        el('ram:SpecifiedTradeSettlementHeaderMonetarySummation', [
          el('ram:LineTotalAmount', amount(t.lines.reduce((total, line) => total + line.netCents, 0) * sign)),
          el('ram:TaxBasisTotalAmount', amount(t.totalExcludingTaxCents * sign)),
          el('ram:TaxTotalAmount', amount(t.totalTaxCents * sign), { currencyID: view.currency }),
          el('ram:GrandTotalAmount', amount(grand)),
          prepaid ? el('ram:TotalPrepaidAmount', amount(prepaid)) : null,
          el('ram:DuePayableAmount', amount(due)),
        ]),
        ...preceding.map((invoice) => el('ram:InvoiceReferencedDocument', [
          el('ram:IssuerAssignedID', invoice.number),
          el('ram:FormattedIssueDateTime', [el('qdt:DateTimeString', date102(invoice.issueDate), { format: '102' })]),
        ])),
      ]),
    ]),
  ], {
    'xmlns:rsm': 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
    'xmlns:qdt': 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
    'xmlns:ram': 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
    'xmlns:udt': 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`;
}

/**
 * The XMP a Factur-X PDF/A-3 adds to its metadata: the PDF/A extension schema describing the `fx`
 * properties (without it a PDF/A validator refuses them), then the properties themselves.
 */
export function facturXXmp(): string {
  const NS = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';
  const property = (name: string, description: string) => `
              <rdf:li rdf:parseType="Resource">
                <pdfaProperty:name>${name}</pdfaProperty:name>
                <pdfaProperty:valueType>Text</pdfaProperty:valueType>
                <pdfaProperty:category>external</pdfaProperty:category>
                <pdfaProperty:description>${description}</pdfaProperty:description>
              </rdf:li>`;
  return `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${NS}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>${property('DocumentFileName', 'Name of the embedded XML invoice file')}${property('DocumentType', 'INVOICE')}${property('Version', 'Version of the Factur-X XML schema')}${property('ConformanceLevel', 'Conformance level of the embedded Factur-X data')}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="${NS}">
          <fx:DocumentType>INVOICE</fx:DocumentType>
          <fx:DocumentFileName>${FACTUR_X_FILENAME}</fx:DocumentFileName>
          <fx:Version>1.0</fx:Version>
          <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
        </rdf:Description>`;
}
