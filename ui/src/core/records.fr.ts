/** Texts of the core records' creation and of the account's related records (French, the reference). */
const recordsFr = {
  account: {
    new: 'Nouveau compte',
    createTitle: 'Nouveau compte client',
    createHint: 'Vous en serez le responsable. Le reste se complète ensuite dans la fiche.',
    created: 'Compte « {name} » créé',
  },
  contact: {
    new: 'Ajouter un contact',
    createTitle: 'Nouveau contact du compte',
    assign: 'Affecter ce contact',
    assignTitle: 'Affecter {name}',
    assignHint: 'Un contact est créé sur le compte, puis affecté à un site, à la facturation, au support…',
    fields: { firstName: 'Prénom', lastName: 'Nom', jobTitle: 'Fonction', email: 'E-mail', phone: 'Téléphone', mobile: 'Mobile' },
  },
  site: {
    new: 'Ajouter un site',
    createTitle: 'Nouveau site du compte',
    search: 'Rechercher un site',
    count: '{n} site | {n} sites',
    all: 'Tous les sites',
    open: 'Ouvrir le site {name}',
    noneMatch: 'Aucun site ne correspond.',
    contacts: 'Contacts du site',
    noContacts: 'Aucun contact affecté à ce site',
    assignTitle: 'Affecter un contact à « {name} »',
    billing: 'Site de facturation',
    noBilling: 'Aucun site de facturation',
    fields: { name: 'Nom du site', billingSiteId: 'Site de facturation', addressLine1: 'Adresse', postalCode: 'Code postal', city: 'Ville', phone: 'Téléphone', accessNotes: "Consignes d'accès" },
  },
  billingSite: {
    new: 'Ajouter un site de facturation',
    createTitle: 'Nouveau site de facturation',
    fields: { name: 'Nom', externalRef: 'Référence de facturation (CFAST, Pennylane…)', billingEmail: 'E-mail de facturation', addressLine1: 'Adresse', postalCode: 'Code postal', city: 'Ville' },
  },
  assignment: {
    purpose: 'Affecter à',
    site: 'Site',
    billingSite: 'Site de facturation',
    purposes: {
      site: 'Un site',
      billing: 'La facturation',
      support: 'Le support',
      communications: 'Les communications',
      tickets: 'Les tickets',
      deployments: 'Les déploiements',
    },
    short: { site: 'Site', billing: 'Facturation', support: 'Support', communications: 'Communications', tickets: 'Tickets', deployments: 'Déploiements' },
    submit: 'Affecter',
    remove: 'Retirer une affectation de {name}',
    removeFromSite: 'Retirer {name} du site {site}',
    removeTitle: 'Retirer l\'affectation ?',
    removeText: '{name} ne sera plus affecté(e) à : {target}. Le retrait est noté dans l\'historique du compte.',
    removeSubmit: 'Retirer',
  },
};

export default recordsFr;
