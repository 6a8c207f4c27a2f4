import type { LibraryFindingCreate } from './catalogue.schema';

/** The demo's finding library (issue 16): the firm's usual findings, ready to insert into a report. */
const H = (n: number) => `ANSSI Guide d’hygiène informatique, mesure ${n}`;
const ISO = (c: string) => `ISO/IEC 27002:2022 ${c}`;

export const DEMO_LIBRARY_FINDINGS: LibraryFindingCreate[] = [
  {
    title: 'Serveurs sous un système d’exploitation en fin de support',
    description: 'Un ou plusieurs serveurs fonctionnent sous un système que l’éditeur ne maintient plus (par exemple Windows Server 2012 R2, hors support depuis octobre 2023).',
    risk: 'Les vulnérabilités découvertes après la fin du support ne sont plus corrigées : un attaquant peut les exploiter pour prendre le contrôle du serveur et des données qu’il héberge.',
    recommendation: 'Planifier la migration vers une version maintenue ; d’ici là, isoler ces serveurs dans une zone filtrée et limiter les services exposés.',
    references: [H(35), ISO('8.8')], defaultSeverity: 'high', scopes: ['servers'], tags: ['windows-server', 'fin-de-support'],
  },
  {
    title: 'Protocole SMBv1 activé',
    description: 'Le protocole de partage de fichiers SMBv1, obsolète, est activé sur des serveurs ou des postes.',
    risk: 'SMBv1 a été exploité par les rançongiciels WannaCry et NotPetya (vulnérabilité EternalBlue) pour se propager sur l’ensemble d’un réseau.',
    recommendation: 'Désactiver SMBv1 par stratégie de groupe (Set-SmbServerConfiguration -EnableSMB1Protocol $false) après avoir vérifié qu’aucun équipement ancien n’en dépend.',
    references: [H(21), ISO('8.9')], defaultSeverity: 'high', scopes: ['servers', 'workstations'], tags: ['smb', 'windows-server', 'windows'],
  },
  {
    title: 'Même mot de passe administrateur local sur tous les postes',
    description: 'Le compte administrateur local des postes a le même mot de passe sur l’ensemble du parc.',
    risk: 'La compromission d’un seul poste donne l’accès à tous les autres (déplacement latéral par « pass-the-hash »).',
    recommendation: 'Déployer Windows LAPS pour rendre ce mot de passe unique et renouvelé automatiquement sur chaque poste.',
    references: [H(11), H(29), ISO('8.2')], defaultSeverity: 'high', scopes: ['workstations', 'access_rights'], tags: ['laps', 'windows', 'active-directory'],
  },
  {
    title: 'Accès distant sans authentification forte',
    description: 'Le VPN ou le bureau à distance n’exige qu’un identifiant et un mot de passe.',
    risk: 'Un mot de passe volé par hameçonnage ou réutilisé suffit pour entrer dans le réseau depuis Internet ; c’est la première porte d’entrée des rançongiciels.',
    recommendation: 'Imposer un second facteur (application d’authentification ou clé de sécurité) à tous les accès distants ; fermer tout RDP exposé directement.',
    references: [H(13), H(32), ISO('8.5')], defaultSeverity: 'critical', scopes: ['network'], tags: ['vpn', 'rdp', 'mfa', 'teletravail'],
  },
  {
    title: 'Sauvegardes sans copie hors ligne ni test de restauration',
    description: 'Les sauvegardes sont stockées sur un NAS joignable depuis le réseau, et aucune restauration n’a été testée récemment.',
    risk: 'Un rançongiciel chiffre aussi les sauvegardes accessibles ; une sauvegarde jamais restaurée peut se révéler inutilisable le jour où elle est nécessaire.',
    recommendation: 'Appliquer la règle 3-2-1 avec une copie déconnectée ou immuable, et restaurer un échantillon chaque trimestre avec un procès-verbal.',
    references: [H(37), ISO('8.13')], defaultSeverity: 'critical', scopes: ['servers', 'documentation'], tags: ['sauvegarde', 'nas', 'backup'],
  },
  {
    title: 'Wi-Fi invités relié au réseau interne',
    description: 'Depuis le Wi-Fi invités, les serveurs et les imprimantes du réseau interne sont joignables.',
    risk: 'Un visiteur, ou une personne à portée du signal depuis la rue, peut attaquer directement les équipements internes.',
    recommendation: 'Placer le Wi-Fi invités dans un VLAN isolé qui n’accède qu’à Internet, avec isolation des clients entre eux.',
    references: [H(20), ISO('8.22')], defaultSeverity: 'high', scopes: ['network'], tags: ['wifi', 'guest', 'vlan'],
  },
  {
    title: 'Réseau à plat, sans segmentation',
    description: 'Postes, serveurs, téléphonie et équipements connectés partagent le même réseau sans filtrage.',
    risk: 'Une infection d’un poste se propage sans obstacle aux serveurs ; un équipement connecté vulnérable expose tout le réseau.',
    recommendation: 'Créer des zones (serveurs, postes, administration, objets connectés) et filtrer les flux entre elles selon le besoin.',
    references: [H(19), ISO('8.22')], defaultSeverity: 'medium', scopes: ['network'], tags: ['vlan', 'switch', 'firewall'],
  },
  {
    title: 'Comptes d’anciens salariés toujours actifs',
    description: 'Des comptes de personnes parties depuis plusieurs mois sont encore actifs dans l’annuaire ou dans les applications.',
    risk: 'Une personne partie, ou quiconque connaît son mot de passe, garde l’accès aux données de l’entité.',
    recommendation: 'Désactiver les comptes le jour du départ sur demande des ressources humaines, et rapprocher chaque trimestre les comptes actifs de l’effectif.',
    references: [H(6), ISO('5.18')], defaultSeverity: 'high', scopes: ['access_rights'], tags: ['active-directory', 'depart', 'compte'],
  },
  {
    title: 'Utilisateurs administrateurs de leur poste',
    description: 'Les comptes utilisés au quotidien sont membres du groupe Administrateurs local de leur poste.',
    risk: 'Un logiciel malveillant ouvert par l’utilisateur s’exécute avec tous les droits et désactive les protections du poste.',
    recommendation: 'Retirer les droits d’administration des comptes du quotidien ; prévoir une procédure d’élévation encadrée pour les installations.',
    references: [H(29), ISO('8.2')], defaultSeverity: 'medium', scopes: ['workstations', 'access_rights'], tags: ['windows', 'poste', 'administrateur'],
  },
  {
    title: 'Portables non chiffrés',
    description: 'Les disques des ordinateurs portables ne sont pas chiffrés.',
    risk: 'La perte ou le vol d’un portable expose toutes les données qu’il contient, y compris des données personnelles à notifier à la CNIL.',
    recommendation: 'Activer BitLocker (ou FileVault) sur tous les portables et conserver les clés de recouvrement dans l’annuaire.',
    references: [H(31), ISO('8.24')], defaultSeverity: 'medium', scopes: ['workstations'], tags: ['portable', 'bitlocker', 'chiffrement'],
  },
  {
    title: 'Absence de sensibilisation du personnel',
    description: 'Aucune action de sensibilisation à la sécurité n’a été menée depuis plus de deux ans.',
    risk: 'Le personnel reconnaît mal les messages d’hameçonnage et les fraudes au président, premières causes d’incident.',
    recommendation: 'Organiser une sensibilisation annuelle courte, une session à chaque arrivée et une campagne d’hameçonnage simulée suivie d’un retour.',
    references: [H(2), ISO('6.3')], defaultSeverity: 'medium', scopes: ['awareness'], tags: ['formation', 'phishing'],
  },
  {
    title: 'Salle serveurs accessible sans contrôle',
    description: 'La salle ou la baie des serveurs est ouverte, ou sa clé est accessible à tous.',
    risk: 'Une personne présente dans les locaux peut débrancher, voler ou brancher un équipement sur les serveurs.',
    recommendation: 'Fermer la salle, limiter les détenteurs de clés ou de badges et tenir la liste à jour.',
    references: [H(26), ISO('7.3')], defaultSeverity: 'medium', scopes: ['physical_access'], tags: ['salle-serveur', 'baie', 'badge'],
  },
  {
    title: 'Visiteurs non accompagnés',
    description: 'Les visiteurs circulent sans badge ni accompagnement au-delà de l’accueil.',
    risk: 'Une personne extérieure peut accéder aux bureaux, aux postes laissés ouverts et aux prises réseau.',
    recommendation: 'Tenir un registre des visiteurs, remettre un badge visiteur et faire accompagner les visiteurs hors des zones publiques.',
    references: [ISO('7.2')], defaultSeverity: 'low', scopes: ['physical_access'], tags: ['visiteur', 'accueil', 'badge'],
  },
  {
    title: 'Politique de mots de passe insuffisante',
    description: 'La stratégie du domaine accepte des mots de passe de moins de 12 caractères, sans blocage après des essais répétés.',
    risk: 'Les mots de passe courts sont retrouvés en quelques heures par force brute ou par pulvérisation de mots de passe courants.',
    recommendation: 'Suivre la recommandation de la CNIL (délibération n° 2022-100) : 12 caractères de quatre types au moins, ou une phrase de passe, avec un blocage temporaire après des échecs.',
    references: [H(10), ISO('5.17'), 'CNIL, délibération n° 2022-100 (recommandation relative aux mots de passe)'], defaultSeverity: 'medium', scopes: ['documentation', 'access_rights'], tags: ['mot-de-passe', 'active-directory'],
  },
  {
    title: 'Absence de procédure de gestion des incidents',
    description: 'Aucune procédure ne dit qui alerter ni comment réagir en cas d’incident de sécurité.',
    risk: 'Les premières heures d’un incident sont perdues, les preuves détruites, et la notification à la CNIL sous 72 heures peut être manquée.',
    recommendation: 'Écrire une procédure d’une page (contacts, isolement, conservation des preuves, notification) et la faire connaître.',
    references: [H(40), ISO('5.26')], defaultSeverity: 'medium', scopes: ['documentation', 'awareness'], tags: ['incident', 'rgpd'],
  },
  {
    title: 'Messagerie sans enregistrement DMARC',
    description: 'Le domaine de messagerie n’a pas d’enregistrement DMARC, ou un DMARC sans politique (p=none).',
    risk: 'Des messages usurpant l’adresse de l’entité peuvent être envoyés aux clients et aux fournisseurs (fraude au virement).',
    recommendation: 'Publier SPF et DKIM, puis une politique DMARC en quarantaine puis en rejet après analyse des rapports.',
    references: [H(24), ISO('8.21')], defaultSeverity: 'low', scopes: ['applications'], tags: ['messagerie', 'dns'],
  },
];
