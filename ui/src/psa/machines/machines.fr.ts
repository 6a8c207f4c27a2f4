/** Machines and the mail intake's triage (French, the reference). */
const machinesFr = {
  account: {
    title: 'Machines',
    empty: 'Aucune machine enregistrée.',
    openTickets: '{count} ticket ouvert | {count} tickets ouverts',
    add: 'Ajouter une machine',
    hostname: 'Nom de la machine',
    os: 'Système',
    save: 'Ajouter',
  },
  inbox: {
    nav: 'Courriels à trier',
    title: 'Courriels à trier',
    intro: 'Les courriels reçus à {address} dont l\'expéditeur ne correspond à aucun client attendent ici : classez-les chez un client (un ticket s\'ouvre) ou écartez-les.',
    empty: 'Aucun courriel à trier.',
    from: 'De',
    received: 'Reçu le',
    noSubject: '(sans objet)',
    account: 'Client',
    assign: 'Ouvrir le ticket',
    discard: 'Écarter',
    failed: 'Non traité',
    assigned: 'Ticket n° {number} ouvert.',
  },
};

export default machinesFr;
