/** Texts of the pre-billing queue (French, the reference). */
const prebillingFr = {
  nav: 'Pré-facturation',
  title: 'Pré-facturation',
  intro: 'Le temps validé des tickets fermés, facturable hors contrat. « Facturer » fait une facture par client, une ligne par ticket.',
  empty: 'Rien à facturer : la file est vide.',
  columns: { ticket: 'Ticket', account: 'Client', duration: 'Temps', amount: 'Montant HT', since: 'Depuis le' },
  selectAll: 'Tout sélectionner',
  selectItem: 'Sélectionner le ticket n° {number}',
  invoice: 'Facturer ({n})',
  issue: 'Émettre les factures aussitôt (sinon : brouillons à vérifier)',
  confirm: 'Facturer les {n} éléments sélectionnés ?',
  exclude: 'Ne pas facturer',
  excludeTitle: 'Ne pas facturer le ticket n° {number}',
  reason: 'Raison (gardée dans l’historique)',
  cancel: 'Annuler',
  confirmExclude: 'Exclure',
  report: 'Résultat : {ok} facturé(s), {failed} refusé(s)',
  invoiced: 'facturé — {invoice}',
  draftInvoice: 'facture en brouillon',
  openInvoice: 'Ouvrir la facture',
  refused: 'refusé : {reason}',
  issueProblem: 'Facture laissée en brouillon : {problem}',
  ticket: 'n° {number} — {title}',
};

export default prebillingFr;
