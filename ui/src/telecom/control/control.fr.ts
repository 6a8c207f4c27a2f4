/** Texts of the telecom control screens (French, the reference). */
export default {
  nav: { control: 'Contrôle facturation' },
  title: 'Contrôle facturation',
  tabs: { anomalies: 'Anomalies', report: 'Rapport du mois', import: 'Import facture fournisseur' },
  kinds: { 'terminated-still-billed': 'Ligne résiliée encore facturée', 'purchase-price-gap': 'Écart de prix d’achat' },
  statuses: { open: 'Ouverte', fixing: 'En correction', resolved: 'Résolue', dismissed: 'Écartée' },
  sources: { 'billing-system': 'Par le système de facturation', 'operator-invoice': 'Sur la facture de l’opérateur {operator}' },
  fixes: { 'terminate-billing': 'Arrêter la facturation', dispute: 'Contester auprès de l’opérateur', 'update-catalogue': 'Mettre à jour le catalogue' },
  columns: { kind: 'Anomalie', line: 'Ligne', account: 'Client', since: 'Depuis', monthlyLoss: 'Perte mensuelle', status: 'Statut' },
  none: 'Aucune anomalie ne correspond',
  more: 'Afficher plus',
  account: { title: 'Anomalies de facturation', summary: '{n} anomalie(s) à corriger, {loss} de perte mensuelle', month: 'mois' },
  panel: {
    source: 'Constatée', product: 'Produit', billed: 'Facturé', expected: 'Attendu', lossToDate: 'Perte cumulée', periods: 'Mois constatés', fix: 'Correction',
    recovered: 'Récupéré', openDeployment: 'Ouvrir le déploiement', note: 'Note (réclamation, avoir…)', recoveredInput: 'Montant récupéré',
    resolve: 'Marquer résolue', dismiss: 'Écarter', reopen: 'Rouvrir', badAmount: 'Le montant récupéré doit être en euros, comme 29,90',
    fixStarted: 'Correction lancée : un déploiement de la ligne est créé.', resolvedDone: 'Anomalie résolue.', dismissedDone: 'Anomalie écartée.', reopenedDone: 'Anomalie rouverte.',
  },
  report: {
    period: 'Mois', run: 'Lancer le contrôle', ranDone: 'Contrôle fait : {found} anomalie(s) constatée(s), {opened} nouvelle(s), {resolved} résolue(s).',
    lastRun: 'Dernier contrôle : {at}', noRun: 'Aucun contrôle de ce mois pour l’instant', recovered: 'Argent récupéré ce mois',
    resolvedCount: '{n} anomalie(s) résolue(s)', savings: '{amount} de perte mensuelle évitée', openLoss: 'Perte mensuelle encore ouverte',
    found: 'Constatées', invoices: 'Factures fournisseur contrôlées', invoiceLine: '{rows} ligne(s), {total}', noInvoice: 'Aucune facture fournisseur importée pour ce mois',
  },
  import: {
    help: 'Le fichier CSV tel que l’opérateur l’envoie : séparé par des points-virgules, montants à la française (12,50). Par ligne : numéro ou identifiant de ligne opérateur ; code produit ; période ; montant. Une ligne fautive et rien n’est importé.',
    operator: 'Opérateur', reference: 'Référence de la facture', file: 'Fichier CSV', submit: 'Importer le fichier', fetch: 'Lire par l’API de l’opérateur',
    noFile: 'Choisissez le fichier CSV de l’opérateur', done: 'Facture importée : {rows} ligne(s), {total}.',
  },
};
