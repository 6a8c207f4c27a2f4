import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The billing control (spec 002 §7, ADR 0045): imports, runs, anomalies and their fixes, French first (ADR 0010). */
export const controlMessages = defineMessages({
  'telecom.control.forbidden-read': { fr: 'Les anomalies de facturation sont réservées aux rôles qui peuvent « voir anomalies »', en: 'Billing anomalies are for the roles allowed to « see anomalies »' },
  'telecom.control.forbidden-write': { fr: 'Vous ne pouvez pas corriger les anomalies de facturation', en: 'You may not fix billing anomalies' },
  'telecom.control.forbidden-import': { fr: 'Vous ne pouvez pas importer de factures fournisseur', en: 'You may not import supplier invoices' },
  'telecom.control.anomaly-not-found': { fr: 'Cette anomalie n’existe pas dans votre organisation', en: 'This anomaly does not exist in your organisation' },
  'telecom.control.invoice-not-found': { fr: 'Cette facture fournisseur n’existe pas dans votre organisation', en: 'This supplier invoice does not exist in your organisation' },
  'telecom.control.anomaly-closed': entry({
    example: { status: 'resolved' },
    fr: (p) => `Cette anomalie est ${p.status === 'resolved' ? 'résolue' : 'écartée'} : rouvrez-la avant de la corriger`,
    en: (p) => `This anomaly is ${String(p.status)}: reopen it before fixing it`,
  }),
  'telecom.control.fix-not-for-kind': entry({
    example: { action: 'update-catalogue' },
    fr: (p) => `L’action « ${String(p.action)} » ne corrige pas ce genre d’anomalie`,
    en: (p) => `Action "${String(p.action)}" does not fix this kind of anomaly`,
  }),
  'telecom.control.field-period': { fr: 'doit être un mois, comme 2026-11', en: 'must be a month, like 2026-11' },
  'telecom.control.field-operator': { fr: 'doit être la clé d’un opérateur, comme snaic ou alphalink', en: 'must be an operator key, like snaic or alphalink' },
  'telecom.control.csv-empty': { fr: 'Le fichier ne contient aucune ligne de facture', en: 'The file holds no invoice line' },
  'telecom.control.csv-unreadable': entry({
    example: { reason: 'Invalid Closing Quote' },
    fr: (p) => `Le fichier n’est pas un CSV lisible (${String(p.reason)}) : enregistrez-le en CSV séparé par des points-virgules`,
    en: (p) => `The file is not readable CSV (${String(p.reason)}): save it as semicolon-separated CSV`,
  }),
  'telecom.control.csv-too-many-rows': entry({
    example: { max: 50_000 },
    fr: (p) => `Le fichier dépasse ${String(p.max)} lignes : découpez-le par mois ou par compte`,
    en: (p) => `The file has more than ${String(p.max)} rows: split it by month or by account`,
  }),
  'telecom.control.csv-columns': entry({
    example: { row: 3, count: 2 },
    fr: (p) => `Ligne ${String(p.row)} : ${String(p.count)} colonne(s) au lieu de 4 (numéro ou identifiant de ligne ; code produit ; période ; montant)`,
    en: (p) => `Row ${String(p.row)}: ${String(p.count)} column(s) instead of 4 (number or line id; product code; period; amount)`,
  }),
  'telecom.control.csv-no-line': entry({
    example: { row: 3 },
    fr: (p) => `Ligne ${String(p.row)} : ni numéro ni identifiant de ligne opérateur`,
    en: (p) => `Row ${String(p.row)}: neither a number nor an operator line id`,
  }),
  'telecom.control.csv-no-product': entry({
    example: { row: 3 },
    fr: (p) => `Ligne ${String(p.row)} : le code produit manque`,
    en: (p) => `Row ${String(p.row)}: the product code is missing`,
  }),
  'telecom.control.csv-period': entry({
    example: { row: 3, value: '13/2026' },
    fr: (p) => `Ligne ${String(p.row)} : « ${String(p.value)} » n’est pas une période (mois) lisible, comme 2026-11 ou 11/2026`,
    en: (p) => `Row ${String(p.row)}: "${String(p.value)}" is not a readable period (month), like 2026-11 or 11/2026`,
  }),
  'telecom.control.csv-other-period': entry({
    example: { row: 3, value: '2026-10', period: '2026-11' },
    fr: (p) => `Ligne ${String(p.row)} : la période ${String(p.value)} n’est pas celle de la facture (${String(p.period)})`,
    en: (p) => `Row ${String(p.row)}: period ${String(p.value)} is not the invoice's (${String(p.period)})`,
  }),
  'telecom.control.csv-amount': entry({
    example: { row: 3, value: '12,5x' },
    fr: (p) => `Ligne ${String(p.row)} : « ${String(p.value)} » n’est pas un montant en euros, comme 12,50`,
    en: (p) => `Row ${String(p.row)}: "${String(p.value)}" is not an amount in euros, like 12.50`,
  }),
  'telecom.control.csv-refused': entry({
    example: { count: 2 },
    fr: (p) => `Rien n’a été importé : ${String(p.count)} ligne(s) du fichier sont à corriger`,
    en: (p) => `Nothing was imported: ${String(p.count)} row(s) of the file need fixing`,
  }),
  'telecom.control.vendor-unavailable': {
    fr: 'Le système de l’opérateur ou de facturation ne répond pas pour le moment : rien n’a été enregistré, réessayez dans quelques minutes',
    en: 'The operator’s or billing system does not answer at the moment: nothing was saved, try again in a few minutes',
  },
  'telecom.control.port-no-invoices': entry({
    example: { operatorKey: 'alphalink' },
    fr: (p) => `L’opérateur ${String(p.operatorKey)} ne fournit pas ses factures par API : importez son fichier CSV`,
    en: (p) => `Operator ${String(p.operatorKey)} does not offer its invoices through its API: import its CSV file`,
  }),
});

export const controlMessage = messagesOf(controlMessages);
