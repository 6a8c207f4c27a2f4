import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The billing context's messages (docs/adr/0010-server-messages.md): refusals of quotes, invoices,
 * credit notes and payments, and the legal mentions documents print (`billing.mention.*`).
 * Owned by the records part of billing; other parts add their codes here.
 */
const CATEGORY = { category: 'E' };
/** A rate in basis points as the language writes it: `5,5 %`, `5.5%`. */
const RATE_FORMATS = { fr: new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }) };
export const percent = (basisPoints: number, locale: 'fr' | 'en') =>
  (locale === 'fr' ? `${RATE_FORMATS.fr.format(basisPoints / 100)}\u00a0%` : `${RATE_FORMATS.en.format(basisPoints / 100)}%`);
/** A SIREN as printed, in groups of three (`732 829 320`); a SIRET adds its establishment number (`732 829 320 00074`). */
export const sirenText = (siren: string) => siren.replace(/\s+/g, '').replace(/^(\d{3})(\d{3})(\d{3})$/, '$1\u00a0$2\u00a0$3');
export const siretText = (siret: string) => siret.replace(/\s+/g, '').replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1\u00a0$2\u00a0$3\u00a0$4');

export const billingMessages = defineMessages({
  // ---- lines and totals (line.schema.ts, totals.ts) ----
  'billing.quantity-decimals': {
    fr: 'doit avoir au plus trois décimales',
    en: 'must have at most three decimals',
  },
  'billing.amount-too-large': {
    fr: 'Ce montant dépasse ce que Relais sait compter au centime près (90 000 milliards d’euros) : vérifiez les quantités et les prix.',
    en: 'This amount is beyond what Relais counts to the cent (90,000 billion euros): check the quantities and prices.',
  },
  'billing.vat-exemption-reason-required': entry({
    example: CATEGORY,
    fr: (p) => `Une ligne sans TVA facturée (catégorie ${p.category}) doit porter sa mention d'exonération, par exemple « TVA non applicable, art. 293 B du CGI » ou « Autoliquidation ».`,
    en: (p) => `A line without VAT charged (category ${p.category}) must state its exemption, e.g. "VAT not applicable, art. 293 B of the CGI" or "Reverse charge".`,
  }),
  'billing.vat-rate-for-category': entry({
    example: { category: 'S', rateBasisPoints: 0 },
    fr: (p) => (p.category === 'S'
      ? `Une ligne au taux normal (catégorie S) doit avoir un taux de TVA supérieur à 0 % (elle a ${percent(p.rateBasisPoints, 'fr')}).`
      : `Une ligne de catégorie de TVA ${p.category} doit avoir un taux de 0 % (elle a ${percent(p.rateBasisPoints, 'fr')}).`),
    en: (p) => (p.category === 'S'
      ? `A standard-rated line (category S) must have a VAT rate above 0% (it has ${percent(p.rateBasisPoints, 'en')}).`
      : `A line of VAT category ${p.category} must have a 0% rate (it has ${percent(p.rateBasisPoints, 'en')}).`),
  }),

  // ---- legal mentions an issued document prints (mentions.ts), in the document's language ----
  'billing.mention.seller-identity': entry({
    example: { name: 'Cassandre Conseil', legalForm: 'SAS' as string | null, shareCapitalCents: 1_000_000 as number | null, siren: '732829320' as string | null, registration: 'RCS Brest' as string | null, siret: '73282932000074' as string | null, vatNumber: 'FR44732829320' as string | null },
    fr: (p, f) => [
      [p.name, p.legalForm, p.shareCapitalCents !== null ? `au capital de ${f.money(p.shareCapitalCents)}` : null].filter(Boolean).join(' '),
      p.siren ? `SIREN ${sirenText(p.siren)}${p.registration ? ` ${p.registration}` : ''}` : p.registration,
      p.siret ? `SIRET ${siretText(p.siret)}` : null,
      p.vatNumber ? `N° de TVA intracommunautaire ${p.vatNumber}` : null,
    ].filter(Boolean).join(' – '),
    en: (p, f) => [
      [p.name, p.legalForm].filter(Boolean).join(' ') + (p.shareCapitalCents !== null ? `, with a share capital of ${f.money(p.shareCapitalCents)}` : ''),
      p.siren ? `SIREN ${sirenText(p.siren)}${p.registration ? ` ${p.registration}` : ''}` : p.registration,
      p.siret ? `SIRET ${siretText(p.siret)}` : null,
      p.vatNumber ? `VAT number ${p.vatNumber}` : null,
    ].filter(Boolean).join(' – '),
  }),
  'billing.mention.late-penalty': entry({
    example: { rateBasisPoints: 1215 },
    fr: (p) => `En cas de retard de paiement, des pénalités sont exigibles dès le lendemain de l'échéance, au taux annuel de ${percent(p.rateBasisPoints, 'fr')} (art. L441-10 du Code de commerce).`,
    en: (p) => `Late payment penalties are due from the day after the due date, at the annual rate of ${percent(p.rateBasisPoints, 'en')} (art. L441-10 of the French Commercial Code).`,
  }),
  'billing.mention.recovery-indemnity': entry({
    example: { amountCents: 4000 },
    fr: (p, f) => `Tout retard de paiement rend le client professionnel redevable d'une indemnité forfaitaire pour frais de recouvrement de ${f.money(p.amountCents)} (art. L441-10 et D441-5 du Code de commerce).`,
    en: (p, f) => `Any late payment makes the business client liable for a fixed compensation for recovery costs of ${f.money(p.amountCents)} (art. L441-10 and D441-5 of the French Commercial Code).`,
  }),
  'billing.mention.no-early-discount': {
    fr: 'Pas d\'escompte pour paiement anticipé.',
    en: 'No discount for early payment.',
  },
  'billing.mention.vat-franchise': {
    fr: 'TVA non applicable, art. 293 B du CGI',
    en: 'VAT not applicable, art. 293 B of the French Tax Code (CGI)',
  },
  'billing.mention.reverse-charge': {
    fr: 'Autoliquidation (art. 283-2 du CGI) : la TVA est due par le client',
    en: 'Reverse charge (art. 283-2 of the French Tax Code, art. 196 of Directive 2006/112/EC): VAT is due by the customer',
  },
  'billing.mention.intra-eu': {
    fr: 'Exonération de TVA, art. 262 ter I du CGI (livraison intracommunautaire)',
    en: 'VAT exempt intra-Community supply, art. 262 ter I of the French Tax Code (art. 138 of Directive 2006/112/EC)',
  },
  'billing.mention.export': {
    fr: 'Exonération de TVA, art. 262 I du CGI (exportation)',
    en: 'VAT exempt export, art. 262 I of the French Tax Code (art. 146 of Directive 2006/112/EC)',
  },
  'billing.mention.outside-scope': {
    fr: 'Opération hors du champ d\'application de la TVA',
    en: 'Transaction outside the scope of VAT',
  },
  'billing.mention.credit-note-of': entry({
    example: { number: 'F-2026-00042', issueDate: '2026-03-31' },
    fr: (p, f) => `Avoir se rapportant à la facture n° ${p.number} du ${f.date(p.issueDate)}`,
    en: (p, f) => `Credit note for invoice no. ${p.number} of ${f.date(p.issueDate)}`,
  }),
  'billing.mention-missing': entry({
    example: { field: { fr: 'le SIREN du vendeur', en: 'the seller\'s SIREN' } },
    fr: (p) => `Mention obligatoire absente du document : ${p.field.fr}`,
    en: (p) => `Mandatory item missing from the document: ${p.field.en}`,
  }),

  // ---- the FEC export (fec.ts, fec-export.ts) ----
  'billing.fec-period-date': entry({
    example: { bound: 'from' as 'from' | 'to' },
    fr: (p) => `${p.bound === 'from' ? 'La date de début (from)' : 'La date de fin (to)'} de la période doit être une date au format AAAA-MM-JJ, par exemple ${p.bound === 'from' ? '2026-01-01' : '2026-12-31'}.`,
    en: (p) => `The period's ${p.bound === 'from' ? 'start date (from)' : 'end date (to)'} must be a date written YYYY-MM-DD, e.g. ${p.bound === 'from' ? '2026-01-01' : '2026-12-31'}.`,
  }),
  'billing.fec-period-order': entry({
    example: { from: '2026-12-31', to: '2026-01-01' },
    fr: (p, f) => `La période finit le ${f.date(p.to)}, avant de commencer le ${f.date(p.from)} : la date de fin doit suivre la date de début.`,
    en: (p, f) => `The period ends on ${f.date(p.to)}, before it starts on ${f.date(p.from)}: the end date must follow the start date.`,
  }),
  'billing.fec-period-too-long': entry({
    example: { months: 24 },
    fr: (p) => `Un FEC couvre un exercice comptable, soit au plus ${p.months} mois : choisissez une période plus courte.`,
    en: (p) => `A FEC covers one financial year, at most ${p.months} months: choose a shorter period.`,
  }),
  'billing.fec-siren-missing': {
    fr: 'Le FEC porte le SIREN de l\'organisation dans son nom : renseignez-le dans le profil légal (Facturation → Profil légal).',
    en: 'The FEC carries the organisation\'s SIREN in its name: fill it in the legal profile (Billing → Legal profile).',
  },

  // ---- records: legal profile, quotes, invoices, credit notes, payments (records helper) ----
  'billing.profile-incomplete': entry({
    example: { fields: [{ fr: 'le SIREN', en: 'the SIREN' }] as Array<{ fr: string; en: string }>, document: { fr: 'une facture', en: 'an invoice' } },
    fr: (p, f) => `Le profil légal de l'organisation est incomplet : il manque ${f.list(p.fields.map((x) => x.fr))}. Complétez-le (Facturation → Profil légal) avant d'émettre ${p.document.fr}.`,
    en: (p, f) => `The organisation's legal profile is incomplete: ${f.list(p.fields.map((x) => x.en))} ${p.fields.length > 1 ? 'are' : 'is'} missing. Complete it (Billing → Legal profile) before issuing ${p.document.en}.`,
  }),
  'billing.profile-field-missing': entry({
    example: { field: { fr: 'le SIREN', en: 'the SIREN' } },
    fr: (p) => `Mention obligatoire manquante : ${p.field.fr}`,
    en: (p) => `Mandatory item missing: ${p.field.en}`,
  }),
  'billing.buyer-incomplete': entry({
    example: { account: 'Transports Morvan', fields: [{ fr: 'd\'adresse', en: 'address' }] as Array<{ fr: string; en: string }> },
    fr: (p, f) => `Le client ${f.quote(p.account)} n'a pas ${f.list(p.fields.map((x) => x.fr))}, que la loi exige sur une facture : complétez sa fiche avant d'émettre.`,
    en: (p, f) => `The client ${f.quote(p.account)} has no ${f.list(p.fields.map((x) => x.en))}, which the law requires on an invoice: complete their record before issuing.`,
  }),
  'billing.buyer-field-missing': entry({
    example: { field: { fr: 'd\'adresse', en: 'address' } },
    fr: (p) => `Le client n'a pas ${p.field.fr}, mention obligatoire sur une facture à une entreprise`,
    en: (p) => `The client has no ${p.field.en}, mandatory on an invoice to a business`,
  }),
  'billing.invoice-issued-immutable': entry({
    example: { number: 'F-2026-00042' },
    fr: (p) => `La facture ${p.number} est émise : elle ne peut plus être modifiée ni supprimée. Pour la corriger ou l'annuler, émettez un avoir (« Créer un avoir »), puis une nouvelle facture si besoin.`,
    en: (p) => `Invoice ${p.number} is issued: it can no longer be changed or deleted. To correct or cancel it, issue a credit note ("Create a credit note"), then a new invoice if needed.`,
  }),
  'billing.invoice-already-issued': entry({
    example: { number: 'F-2026-00042' },
    fr: (p) => `La facture ${p.number} est déjà émise : son numéro ne change plus. Pour la corriger, émettez un avoir.`,
    en: (p) => `Invoice ${p.number} is already issued: its number no longer changes. To correct it, issue a credit note.`,
  }),
  'billing.credit-note-issued-immutable': entry({
    example: { number: 'AV-2026-00003' },
    fr: (p) => `L'avoir ${p.number} est émis : il ne peut plus être modifié ni supprimé.`,
    en: (p) => `Credit note ${p.number} is issued: it can no longer be changed or deleted.`,
  }),
  'billing.quote-not-draft': entry({
    example: { number: 'D-2026-00012' },
    fr: (p) => `Le devis ${p.number} a été envoyé au client : il ne peut plus être modifié ni supprimé. Faites un nouveau devis si besoin.`,
    en: (p) => `Quote ${p.number} was sent to the client: it can no longer be changed or deleted. Make a new quote if needed.`,
  }),
  'billing.no-lines': {
    fr: 'Le document n\'a aucune ligne : ajoutez au moins une ligne avant de l\'émettre.',
    en: 'The document has no line: add at least one line before issuing it.',
  },
  'billing.negative-total': {
    fr: 'Le total d\'une facture ne peut pas être négatif : pour rembourser ou annuler un montant, émettez un avoir sur la facture concernée.',
    en: 'An invoice total cannot be negative: to refund or cancel an amount, issue a credit note on the invoice concerned.',
  },
  'billing.period-order': {
    fr: 'La fin de la période doit être le même jour ou après son début.',
    en: 'The end of the period must be on or after its start.',
  },
  'billing.invoice-status': entry({
    example: { action: 'send' as 'send' | 'pay' | 'credit' | 'overdue' | 'apply-credit', status: 'draft' },
    fr: (p) => {
      const what = { send: 'envoyée', pay: 'recevoir un paiement', credit: 'recevoir un avoir', overdue: 'passer en retard', 'apply-credit': 'recevoir un avoir client' }[p.action];
      if (p.status === 'draft') return p.action === 'send' ? 'Une facture brouillon ne peut pas être envoyée : émettez-la d\'abord (elle reçoit alors son numéro).' : `Une facture brouillon ne peut pas ${what} : émettez-la d'abord.`;
      if (p.status === 'cancelled') return `Cette facture est annulée par avoir : elle ne peut plus ${p.action === 'send' ? 'être envoyée' : what}.`;
      if (p.status === 'paid') return `Cette facture est entièrement réglée : elle ne peut plus ${p.action === 'send' ? 'être envoyée' : what}.`;
      return `Cette facture ne peut pas ${p.action === 'send' ? 'être envoyée' : what} dans son état actuel.`;
    },
    en: (p) => {
      const what = { send: 'be sent', pay: 'receive a payment', credit: 'receive a credit note', overdue: 'become overdue', 'apply-credit': 'receive account credit' }[p.action];
      if (p.status === 'draft') return p.action === 'send' ? 'A draft invoice cannot be sent: issue it first (it then gets its number).' : `A draft invoice cannot ${what}: issue it first.`;
      if (p.status === 'cancelled') return `This invoice is cancelled by a credit note: it can no longer ${what}.`;
      if (p.status === 'paid') return `This invoice is paid in full: it can no longer ${what}.`;
      return `This invoice cannot ${what} as it stands.`;
    },
  }),
  'billing.payment-over-due': entry({
    example: { amountCents: 150_000, dueCents: 120_000 },
    fr: (p, f) => `Ce paiement (${f.money(p.amountCents)}) dépasse le reste dû de la facture (${f.money(p.dueCents)}) : enregistrez au plus ${f.money(p.dueCents)}. Un trop-perçu se rend par un avoir.`,
    en: (p, f) => `This payment (${f.money(p.amountCents)}) is more than the invoice's amount due (${f.money(p.dueCents)}): record at most ${f.money(p.dueCents)}. An overpayment is returned through a credit note.`,
  }),
  'billing.credit-over-creditable': entry({
    example: { amountCents: 150_000, creditableCents: 120_000 },
    fr: (p, f) => `Cet avoir (${f.money(p.amountCents)} TTC) dépasse ce qui reste à créditer sur la facture (${f.money(p.creditableCents)} TTC).`,
    en: (p, f) => `This credit note (${f.money(p.amountCents)} incl. VAT) is more than what remains creditable on the invoice (${f.money(p.creditableCents)} incl. VAT).`,
  }),
  'billing.credit-not-positive': {
    fr: 'Le total d\'un avoir doit être positif : ses lignes disent ce qui est rendu au client.',
    en: 'A credit note\'s total must be positive: its lines say what is given back to the client.',
  },
  'billing.credit-note-invoice-not-issued': {
    fr: 'Un avoir corrige une facture émise : cette facture est encore un brouillon (modifiez-la ou supprimez-la).',
    en: 'A credit note corrects an issued invoice: this invoice is still a draft (change or delete it).',
  },
  'billing.credit-lines-required': {
    fr: 'Cette facture a déjà un avoir partiel : indiquez les lignes de ce nouvel avoir.',
    en: 'This invoice already has a partial credit note: give the lines of this new one.',
  },
  'billing.payment-terms': entry({
    example: { days: 30, dueDate: '2026-04-30' as string | null },
    fr: (p, f) => (p.days === 0 ? 'Paiement à réception' : `Paiement à ${p.days} jours`) + (p.dueDate ? `, au plus tard le ${f.date(p.dueDate)}` : ''),
    en: (p, f) => (p.days === 0 ? 'Payment on receipt' : `Payment within ${p.days} days`) + (p.dueDate ? `, by ${f.date(p.dueDate)} at the latest` : ''),
  }),
  'billing.credit-note-terms': entry({
    example: { invoice: 'F-2026-00042' },
    fr: (p) => `Montant déduit de la facture ${p.invoice} ; le surplus déjà payé est porté au crédit du client`,
    en: (p) => `Amount deducted from invoice ${p.invoice}; any surplus already paid is credited to the client's account`,
  }),
  'billing.no-such-invoice': { fr: 'Aucune facture de l\'organisation n\'a cet identifiant.', en: 'No invoice of the organisation has this id.' },
  'billing.no-such-billing-site': { fr: 'Ce site de facturation n\'est pas un site du client choisi.', en: 'This billing site is not one of the chosen client\'s.' },
  'billing.quote-status': entry({
    example: { action: 'accept' as 'send' | 'accept' | 'refuse' | 'expire' | 'final', status: 'draft' },
    fr: (p) => {
      if (p.action === 'send') return 'Ce devis a déjà été envoyé.';
      if (p.action === 'final') return 'Une facture de solde se fait sur un devis accepté.';
      if (p.status === 'draft') return 'Ce devis est un brouillon : envoyez-le au client avant de noter sa réponse.';
      return `Ce devis a déjà une réponse (${{ accepted: 'accepté', refused: 'refusé', expired: 'expiré' }[p.status] ?? p.status}).`;
    },
    en: (p) => {
      if (p.action === 'send') return 'This quote was already sent.';
      if (p.action === 'final') return 'A final invoice is made from an accepted quote.';
      if (p.status === 'draft') return 'This quote is a draft: send it to the client before recording their answer.';
      return `This quote already has an answer (${p.status}).`;
    },
  }),
  'billing.quote-still-valid': entry({
    example: { validUntil: '2026-04-30' },
    fr: (p, f) => `Ce devis est valable jusqu'au ${f.date(p.validUntil)} : il n'expire qu'après cette date.`,
    en: (p, f) => `This quote is valid until ${f.date(p.validUntil)}: it expires only after that day.`,
  }),
  'billing.quote-expired-by-schedule': entry({
    example: { validUntil: '2026-04-30' },
    fr: (p, f) => `Expiré automatiquement : sans réponse du client, ce devis n'était valable que jusqu'au ${f.date(p.validUntil)}.`,
    en: (p, f) => `Expired automatically: with no answer from the client, this quote was valid only until ${f.date(p.validUntil)}.`,
  }),
  'billing.deposit-rate-required': {
    fr: 'Indiquez la part de l\'acompte (depositBasisPoints, par exemple 3000 pour 30 %).',
    en: 'Give the deposit\'s share (depositBasisPoints, e.g. 3000 for 30%).',
  },
  'billing.no-account-credit': {
    fr: 'Ce client n\'a pas d\'avoir disponible à imputer.',
    en: 'This client has no available credit to apply.',
  },
  'billing.credit-over-available': entry({
    example: { amountCents: 50_000, availableCents: 20_000 },
    fr: (p, f) => `Le client n'a que ${f.money(p.availableCents)} d'avoir disponible (demandé : ${f.money(p.amountCents)}).`,
    en: (p, f) => `The client has only ${f.money(p.availableCents)} of credit available (asked: ${f.money(p.amountCents)}).`,
  }),
  'billing.number-format': entry({
    example: { format: 'F-{AAAA}-{#####}' },
    fr: (p, f) => `Le format de numérotation ${f.quote(p.format)} n'est pas valable : du texte fixe (lettres, chiffres, - _ . /), {YYYY}, {YY} ou {MM}, et un compteur {###} de 3 à 10 #, par exemple « F-{YYYY}-{#####} ».`,
    en: (p, f) => `The numbering format ${f.quote(p.format)} is not valid: fixed text (letters, digits, - _ . /), {YYYY}, {YY} or {MM}, and one {###} counter of 3 to 10 #, e.g. "F-{YYYY}-{#####}".`,
  }),
  'billing.number-format-year': entry({
    example: { format: 'F-{#####}' },
    fr: (p, f) => `Avec une numérotation qui repart à 1 chaque année, le format doit contenir l'année ({YYYY} ou {YY}) : ${f.quote(p.format)} donnerait deux fois le même numéro.`,
    en: (p, f) => `With numbering starting again at 1 each year, the format must contain the year ({YYYY} or {YY}): ${f.quote(p.format)} would give the same number twice.`,
  }),
  'billing.forbidden': entry({
    example: { permission: 'billing.payment.create' },
    fr: (p) => `Votre rôle ne permet pas cette action de facturation (il faut la permission ${p.permission}).`,
    en: (p) => `Your role does not allow this billing action (it needs the permission ${p.permission}).`,
  }),
  'billing.deposit-line': entry({
    example: { percent: 3000, quote: 'D-2026-00012', rate: 2000 },
    fr: (p) => `Acompte de ${percent(p.percent, 'fr')} sur le devis ${p.quote} (TVA ${percent(p.rate, 'fr')})`,
    en: (p) => `Deposit of ${percent(p.percent, 'en')} on quote ${p.quote} (VAT ${percent(p.rate, 'en')})`,
  }),
});

export const billingMessage = messagesOf(billingMessages);
