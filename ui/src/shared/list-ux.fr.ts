/** Texts of the lists' shared behaviour: shortcuts, palette commands, selection (French first). */
const listUxFr = {
  shortcuts: {
    title: 'Raccourcis clavier',
    notWhileTyping: 'Inactifs pendant la saisie dans un champ.',
    move: 'Ligne suivante / précédente',
    open: 'Ouvrir la ligne sélectionnée',
    close: 'Fermer le panneau latéral',
    search: 'Aller à la recherche de la liste',
    palette: 'Recherche et commandes',
    help: 'Afficher cette aide',
    keyEnter: 'Entrée',
    keyEscape: 'Échap',
  },
  palette: {
    commands: 'Commandes',
    recent: 'Fiches récentes',
    recentNote: 'Mémorisées dans ce navigateur',
    recentRecord: 'Fiche récente',
    myTasks: 'Aller à mes tâches',
    newAccount: 'Nouveau compte',
  },
  views: {
    title: 'Vues',
    local: 'Vues locales (dans ce navigateur)',
    localHint: 'Enregistrée dans ce navigateur seulement : partagez le lien pour la montrer à quelqu\'un.',
    none: 'Aucune vue enregistrée',
    save: 'Enregistrer la vue actuelle',
    saveButton: 'Enregistrer',
    name: 'Nom de la vue',
    delete: 'Supprimer la vue {name}',
  },
  selection: {
    selected: '{n} sélectionné | {n} sélectionnés',
    allLoaded: '{n} lignes de cette page sont sélectionnées.',
    selectAllMatching: 'Sélectionner tous ceux qui correspondent au filtre',
    allMatching: 'Tous ceux qui correspondent au filtre sont sélectionnés',
    clear: 'Désélectionner',
    summary: '{ok} réussi(s), {failed} refusé(s)',
    ok: 'fait',
    report: 'Résultat par fiche',
    actions: 'Actions groupées',
  },
};

export default listUxFr;
