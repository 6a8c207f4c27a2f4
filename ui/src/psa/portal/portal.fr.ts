/** Texts of the client portal (French, the reference): `psa.portal.*`. */
const portalFr = {
  title: 'Mes demandes',
  search: 'Rechercher une demande',
  create: 'Nouvelle demande',
  count: '{count} demande | {count} demandes',
  none: 'Aucune demande pour l’instant',
  created: 'Demande n° {number} envoyée : notre équipe la prend en charge.',
  hours: {
    title: 'Mes heures de support',
    remaining: '{hours} restantes',
    of: 'sur {hours} achetées',
    none: 'Aucune banque d’heures en cours.',
  },
  invoices: {
    title: 'Mes factures',
    due: 'Reste à payer : {amount}',
    paid: 'Payée',
    none: 'Aucune facture.',
    all: 'Toutes mes factures',
  },
};

export default portalFr;
