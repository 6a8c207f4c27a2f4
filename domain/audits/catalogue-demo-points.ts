import type { AuditScope } from './catalogue.schema';

/**
 * The demo's control catalogue (issue 16): real check points of a French SME audit, referenced to the
 * ANSSI « Guide d'hygiène informatique » (42 mesures, 2017), ISO/IEC 27002:2022 and the CNIL's « Guide de
 * la sécurité des données personnelles » (2024). One row: code, title, guidance, references, expected evidence, hints.
 */
type Point = [code: string, title: string, guidance: string, references: string[], evidence: string, appliesTo: string[]];

const H = (n: number) => `ANSSI Guide d’hygiène informatique, mesure ${n}`;
const ISO = (c: string) => `ISO/IEC 27002:2022 ${c}`;
const CNIL = (fiche: string) => `CNIL, Guide de la sécurité des données personnelles (2024), fiche « ${fiche} »`;

export const DEMO_CHECK_POINTS: Record<AuditScope, Point[]> = {
  network: [
    ['RES-01', 'Schéma du réseau à jour', 'Demander le schéma d’architecture et le comparer au relevé sur site (baies, commutateurs, liens vers l’extérieur).', [H(4), ISO('5.9')], 'Schéma daté de moins d’un an', ['reseau', 'switch', 'firewall']],
    ['RES-02', 'Réseau segmenté en zones cloisonnées', 'Vérifier la présence de VLAN distincts (serveurs, postes, téléphonie, équipements IoT) et de règles de filtrage entre eux.', [H(19), ISO('8.22')], 'Configuration des VLAN et matrice de flux', ['vlan', 'switch', 'firewall']],
    ['RES-03', 'Wi-Fi invités séparé du réseau interne', 'Se connecter au Wi-Fi invités et tenter d’atteindre un serveur interne ; vérifier le chiffrement WPA2/WPA3 du Wi-Fi interne.', [H(20), ISO('8.20')], 'Test de connexion depuis le réseau invités', ['wifi', 'borne-wifi', 'guest']],
    ['RES-04', 'Administration des équipements depuis un réseau dédié', 'Les interfaces d’administration (commutateurs, pare-feu, hyperviseurs) ne doivent pas être joignables depuis le réseau des postes.', [H(28), ISO('8.22')], 'Test d’accès aux interfaces d’administration depuis un poste', ['switch', 'firewall', 'hyperviseur']],
    ['RES-05', 'Pare-feu en coupure avec Internet et règles revues', 'Relever la politique de filtrage : pas de règle « any/any », règles nommées et revues au moins une fois par an.', [H(22), ISO('8.20')], 'Export de la politique du pare-feu et date de dernière revue', ['firewall', 'internet']],
    ['RES-06', 'Services exposés sur Internet cloisonnés (DMZ)', 'Lister les ports ouverts depuis Internet ; tout service exposé doit être en DMZ, sans accès direct au réseau interne.', [H(23), ISO('8.22')], 'Scan externe des adresses publiques', ['dmz', 'internet', 'nat']],
    ['RES-07', 'Accès distant protégé par une authentification forte', 'Le VPN ou le bureau à distance exige un second facteur ; aucun RDP exposé directement sur Internet.', [H(13), H(32), ISO('8.5')], 'Configuration du VPN et test de connexion', ['vpn', 'rdp', 'teletravail', 'mfa']],
    ['RES-08', 'Protocoles d’administration chiffrés', 'Telnet, HTTP et SNMP v1/v2 désactivés sur les équipements au profit de SSH, HTTPS et SNMP v3.', [H(21), ISO('8.21')], 'Configuration des équipements réseau', ['switch', 'telnet', 'snmp']],
  ],
  servers: [
    ['SRV-01', 'Systèmes d’exploitation maintenus par leur éditeur', 'Relever les versions : Windows Server 2008/2012 ou une distribution Linux sans support sont des non-conformités.', [H(35), ISO('8.8')], 'Inventaire des serveurs avec leur version et leur date de fin de support', ['windows-server', 'linux', 'fin-de-support']],
    ['SRV-02', 'Correctifs de sécurité appliqués régulièrement', 'Vérifier la date du dernier correctif installé et l’outil de déploiement (WSUS, gestionnaire de paquets).', [H(34), ISO('8.8')], 'Historique des mises à jour des trois derniers mois', ['windows-server', 'linux', 'wsus']],
    ['SRV-03', 'Protocole SMBv1 désactivé', 'Sur chaque serveur Windows : Get-SmbServerConfiguration | Select EnableSMB1Protocol doit répondre False.', [H(21), ISO('8.9')], 'Résultat de la commande sur chaque serveur de fichiers', ['windows-server', 'smb', 'partage']],
    ['SRV-04', 'Sauvegardes hors ligne et restauration testée', 'Au moins une copie déconnectée ou immuable (règle 3-2-1) ; demander le procès-verbal du dernier test de restauration.', [H(37), ISO('8.13'), CNIL('Sauvegarder')], 'Rapport de sauvegarde et procès-verbal de restauration de moins de six mois', ['sauvegarde', 'nas', 'backup']],
    ['SRV-05', 'Journaux des serveurs activés et conservés', 'Journaux de sécurité (connexions, élévations de privilèges) activés, centralisés et conservés au moins six mois.', [H(36), ISO('8.15'), CNIL('Tracer les opérations')], 'Configuration de la journalisation et durée de conservation', ['journaux', 'syslog', 'windows-server']],
    ['SRV-06', 'Salle ou baie serveurs protégée (onduleur, climatisation)', 'Onduleur testé, température surveillée, pas de stockage de matériel inflammable à proximité.', [ISO('7.11'), ISO('7.5')], 'Photos de la baie et rapport de l’onduleur', ['onduleur', 'baie', 'salle-serveur']],
    ['SRV-07', 'Antivirus ou EDR actif et à jour sur les serveurs', 'Vérifier l’état de la console : signatures du jour, aucun serveur hors supervision.', [ISO('8.7')], 'Capture de la console de l’antivirus', ['antivirus', 'edr', 'windows-server']],
    ['SRV-08', 'Hyperviseur à jour et console d’administration non exposée', 'Version de l’hyperviseur (VMware ESXi, Hyper-V, Proxmox) maintenue, interface d’administration joignable seulement depuis le réseau d’administration.', [H(28), H(34), ISO('8.8')], 'Version de l’hyperviseur et règle de filtrage', ['hyperviseur', 'esxi', 'proxmox']],
  ],
  applications: [
    ['APP-01', 'Inventaire des applications métier et de leurs données', 'Lister les applications, leurs éditeurs, les données personnelles traitées et leur hébergement.', [H(4), ISO('5.9'), CNIL('Piloter la sécurité des données')], 'Inventaire applicatif', ['logiciel-metier', 'saas']],
    ['APP-02', 'Versions des applications supportées par l’éditeur', 'Comparer les versions installées aux versions maintenues par l’éditeur ; noter les applications abandonnées.', [H(35), ISO('8.8')], 'Liste des versions et contrats de maintenance', ['logiciel-metier', 'fin-de-support']],
    ['APP-03', 'Comptes par défaut des applications désactivés', 'Tester les identifiants par défaut (admin/admin) des applications web internes et des équipements.', [H(12), ISO('5.17')], 'Résultat du test des identifiants par défaut', ['web', 'logiciel-metier', 'mot-de-passe']],
    ['APP-04', 'Applications web exposées en HTTPS avec un certificat valide', 'Certificat valide, TLS 1.2 minimum, redirection HTTP vers HTTPS, en-têtes de sécurité présents.', [H(18), ISO('8.24'), CNIL('Sécuriser les sites web')], 'Analyse TLS des sites exposés', ['web', 'https', 'tls']],
    ['APP-05', 'Authentification forte sur la messagerie et les services en ligne', 'Microsoft 365, Google Workspace et applications SaaS : second facteur imposé à tous les comptes.', [H(13), H(24), ISO('8.5')], 'Stratégie d’accès conditionnel ou paramètres du tenant', ['messagerie', 'microsoft-365', 'saas', 'mfa']],
    ['APP-06', 'Messagerie protégée contre l’usurpation (SPF, DKIM, DMARC)', 'Vérifier les enregistrements DNS du domaine et le filtrage antispam et antivirus de la messagerie.', [H(24), ISO('8.21')], 'Enregistrements DNS SPF, DKIM et DMARC', ['messagerie', 'dns']],
    ['APP-07', 'Données de production absentes des environnements de test', 'Les copies de bases utilisées pour les tests ou les formations sont anonymisées.', [ISO('8.31'), ISO('8.33')], 'Description des environnements et procédure de copie', ['base-de-donnees', 'test']],
    ['APP-08', 'Contrats d’hébergement et de sous-traitance encadrant la sécurité', 'Clauses de sécurité, de localisation des données et de réversibilité ; accord de sous-traitance (art. 28 du RGPD).', [H(3), ISO('5.19'), ISO('5.23'), CNIL('Gérer la sous-traitance')], 'Contrats et annexes de sécurité', ['saas', 'hebergeur', 'infogerance']],
  ],
  workstations: [
    ['PST-01', 'Systèmes des postes maintenus (pas de Windows 7, 8.1 ou 10 hors support)', 'Relever les versions dans l’inventaire ou sur un échantillon de postes.', [H(35), ISO('8.8')], 'Inventaire des postes avec version du système', ['windows', 'poste', 'fin-de-support']],
    ['PST-02', 'Mots de passe des administrateurs locaux uniques (LAPS)', 'Vérifier que Windows LAPS ou un équivalent est déployé : deux postes ne partagent jamais le même mot de passe administrateur.', [H(11), H(29), ISO('8.2')], 'Stratégie LAPS et attribut de mot de passe renseigné', ['windows', 'laps', 'active-directory']],
    ['PST-03', 'Utilisateurs sans droits d’administration sur leur poste', 'Les comptes du quotidien ne sont pas membres du groupe Administrateurs local.', [H(29), ISO('8.2')], 'Membres du groupe Administrateurs local sur un échantillon', ['windows', 'poste']],
    ['PST-04', 'Disques des portables chiffrés', 'BitLocker ou FileVault actif, clés de recouvrement conservées hors du poste.', [H(31), ISO('8.24'), CNIL('Sécuriser l’informatique mobile')], 'État du chiffrement et emplacement des clés', ['portable', 'bitlocker', 'chiffrement']],
    ['PST-05', 'Pare-feu local activé sur les postes', 'Pare-feu Windows actif sur tous les profils, géré par stratégie de groupe.', [H(17), ISO('8.20')], 'Stratégie de groupe du pare-feu', ['windows', 'poste', 'firewall']],
    ['PST-06', 'Supports amovibles maîtrisés', 'Exécution automatique désactivée, analyse antivirale des clés USB, blocage des supports non autorisés si nécessaire.', [H(15), ISO('7.10')], 'Stratégie de groupe des supports amovibles', ['usb', 'poste']],
    ['PST-07', 'Verrouillage automatique de session', 'Verrouillage après quinze minutes d’inactivité au plus ; écrans non visibles du public.', [ISO('7.7'), CNIL('Sécuriser les postes de travail')], 'Paramètre de verrouillage et observation sur site', ['poste', 'accueil']],
    ['PST-08', 'Politique de sécurité des postes gérée de manière centralisée', 'Postes joints au domaine ou à un outil de gestion (Intune, GPO) appliquant une configuration de référence.', [H(14), H(16), ISO('8.9')], 'Console de gestion et configuration de référence', ['active-directory', 'intune', 'poste']],
  ],
  physical_access: [
    ['PHY-01', 'Accès aux locaux contrôlé par badge ou clé nominative', 'Les entrées sont fermées en dehors des heures d’ouverture ; les badges sont nominatifs.', [ISO('7.1'), ISO('7.2'), CNIL('Protéger les locaux')], 'Liste des badges et plan des accès', ['badge', 'locaux']],
    ['PHY-02', 'Journal des accès par badge conservé et consulté', 'Les passages sont journalisés, conservés pour une durée limitée (trois mois recommandés) et consultés en cas d’incident.', [ISO('7.4'), CNIL('Protéger les locaux')], 'Extrait du journal et durée de conservation', ['badge', 'journaux']],
    ['PHY-03', 'Visiteurs enregistrés et accompagnés', 'Registre des visiteurs à l’accueil, badge visiteur distinct, accompagnement dans les zones non publiques.', [ISO('7.2')], 'Registre des visites et observation à l’accueil', ['accueil', 'visiteur']],
    ['PHY-04', 'Salle serveurs et locaux techniques fermés à clé', 'Accès réservé aux personnes habilitées, liste des détenteurs de clés ou de badges tenue à jour.', [H(26), ISO('7.3')], 'Liste des personnes habilitées et observation', ['salle-serveur', 'baie', 'locaux']],
    ['PHY-05', 'Badges des partants désactivés le jour du départ', 'Comparer la liste des badges actifs à celle du personnel présent.', [H(6), ISO('7.2'), ISO('5.18')], 'Rapprochement badges actifs et effectif', ['badge', 'depart']],
    ['PHY-06', 'Matériel réformé effacé de manière sûre', 'Disques effacés par un outil reconnu ou détruits, avec procès-verbal.', [ISO('7.14'), ISO('8.10'), CNIL('Encadrer la maintenance et la fin de vie des matériels et des logiciels')], 'Procès-verbaux de destruction ou d’effacement', ['disque', 'recyclage']],
    ['PHY-07', 'Baies réseau dans les étages fermées', 'Les baies de brassage ne sont pas accessibles au public (couloirs, salles de réunion).', [H(26), ISO('7.8'), ISO('7.12')], 'Photos des baies', ['baie', 'switch']],
  ],
  awareness: [
    ['SEN-01', 'Sensibilisation de tout le personnel à la sécurité', 'Une action au moins une fois par an, à l’arrivée de chaque nouvel arrivant, et suivie des présences.', [H(2), ISO('6.3'), CNIL('Impliquer et former les utilisateurs')], 'Supports et feuilles de présence', ['formation', 'personnel']],
    ['SEN-02', 'Exercices d’hameçonnage réalisés et suivis', 'Au moins une campagne par an, résultats analysés, actions de suivi pour les personnes piégées.', [H(2), ISO('6.3')], 'Rapport de la dernière campagne', ['phishing', 'messagerie']],
    ['SEN-03', 'Équipes informatiques formées à la sécurité', 'Les administrateurs et le prestataire d’infogérance ont suivi une formation sécurité adaptée.', [H(1), ISO('6.3')], 'Attestations de formation', ['administrateur', 'infogerance']],
    ['SEN-04', 'Signalement des incidents connu du personnel', 'Interroger trois personnes : savent-elles qui prévenir en cas de message suspect ou de perte d’un poste ?', [H(40), ISO('6.8')], 'Entretiens et procédure affichée', ['incident', 'personnel']],
    ['SEN-05', 'Référent sécurité désigné et connu', 'Un référent en sécurité des systèmes d’information est nommé et connu du personnel.', [H(39), ISO('5.2')], 'Note de désignation', ['gouvernance']],
    ['SEN-06', 'Règles de bureau propre et d’écran verrouillé appliquées', 'Tour des bureaux : pas de mot de passe affiché, pas de document sensible laissé sur les bureaux.', [ISO('7.7')], 'Observation lors de la visite', ['locaux', 'poste']],
    ['SEN-07', 'Règles du télétravail connues', 'Usage du VPN, pas d’équipement personnel pour les données de l’entité, confidentialité des écrans en lieu public.', [H(32), ISO('6.7')], 'Charte ou note sur le télétravail', ['teletravail', 'vpn', 'portable']],
  ],
  documentation: [
    ['DOC-01', 'Politique de sécurité des systèmes d’information approuvée', 'Document approuvé par la direction, daté, revu depuis moins de deux ans.', [ISO('5.1'), CNIL('Piloter la sécurité des données')], 'PSSI signée', ['gouvernance', 'politique']],
    ['DOC-02', 'Politique de mots de passe documentée et appliquée', 'Longueur et complexité conformes à la recommandation de la CNIL ; vérifier la stratégie de mots de passe du domaine.', [H(10), ISO('5.17'), 'CNIL, délibération n° 2022-100 (recommandation relative aux mots de passe)'], 'Politique écrite et stratégie du domaine', ['mot-de-passe', 'active-directory']],
    ['DOC-03', 'Charte informatique annexée au règlement intérieur', 'Charte signée ou opposable, à jour des usages actuels (messagerie, télétravail, outils en ligne).', [ISO('5.10'), CNIL('Définir un cadre pour les utilisateurs')], 'Charte et preuve de diffusion', ['charte', 'personnel']],
    ['DOC-04', 'Plan de continuité et de reprise d’activité', 'Scénarios (rançongiciel, incendie, panne du fournisseur), durées d’interruption admissibles, test annuel.', [ISO('5.29'), ISO('5.30'), CNIL('Prévoir la continuité et la reprise d’activité')], 'PCA/PRA et compte rendu du dernier test', ['continuite', 'sauvegarde']],
    ['DOC-05', 'Procédure de gestion des incidents de sécurité', 'Qui alerter, comment isoler, notification à la CNIL sous 72 heures en cas de violation de données.', [H(40), ISO('5.24'), ISO('5.26'), CNIL('Gérer les incidents et les violations')], 'Procédure écrite et registre des incidents', ['incident', 'rgpd']],
    ['DOC-06', 'Registre des traitements de données personnelles tenu', 'Registre à jour (art. 30 du RGPD), traitements sensibles identifiés.', [ISO('5.34')], 'Registre des traitements', ['rgpd', 'donnees-personnelles']],
    ['DOC-07', 'Analyse de risques formalisée', 'Une analyse de risques (EBIOS Risk Manager ou méthode simplifiée) a été menée et revue.', [H(41), ISO('5.7')], 'Dernière analyse de risques', ['gouvernance', 'risques']],
    ['DOC-08', 'Procédures d’exploitation écrites', 'Sauvegarde, restauration, création de comptes, mises à jour : procédures écrites et accessibles.', [ISO('5.37')], 'Procédures d’exploitation', ['exploitation', 'infogerance']],
  ],
  access_rights: [
    ['DRT-01', 'Comptes nominatifs, pas de compte partagé', 'Chaque personne a son propre compte ; les comptes génériques sont justifiés et inventoriés.', [H(8), ISO('5.16')], 'Export des comptes de l’annuaire', ['active-directory', 'compte']],
    ['DRT-02', 'Comptes des partants désactivés', 'Rapprocher la liste des comptes actifs des départs des douze derniers mois.', [H(6), ISO('5.18'), CNIL('Gérer les habilitations')], 'Liste des départs et état des comptes', ['active-directory', 'depart', 'compte']],
    ['DRT-03', 'Revue périodique des droits d’accès', 'Revue annuelle des droits sur les partages et applications sensibles, validée par les responsables.', [H(9), ISO('5.18')], 'Compte rendu de la dernière revue', ['partage', 'droits']],
    ['DRT-04', 'Inventaire des comptes à privilèges tenu', 'Membres des groupes Admins du domaine, administrateurs des applications et des équipements, à jour.', [H(5), ISO('8.2')], 'Membres des groupes privilégiés', ['active-directory', 'administrateur']],
    ['DRT-05', 'Comptes d’administration distincts des comptes du quotidien', 'Les administrateurs utilisent un compte dédié, sans messagerie ni navigation Internet.', [H(8), H(27), ISO('8.2')], 'Liste des comptes d’administration', ['administrateur', 'active-directory']],
    ['DRT-06', 'Mots de passe par défaut changés', 'Équipements (imprimantes, caméras, bornes Wi-Fi) et logiciels : identifiants par défaut remplacés.', [H(12), ISO('5.17')], 'Test des identifiants par défaut', ['imprimante', 'camera', 'borne-wifi', 'mot-de-passe']],
    ['DRT-07', 'Procédure d’arrivée, de mobilité et de départ', 'Les droits sont ouverts sur demande du responsable et retirés au départ ou au changement de fonction.', [H(6), ISO('5.16'), ISO('6.5')], 'Procédure et exemple de demande', ['arrivee', 'depart', 'droits']],
    ['DRT-08', 'Accès des prestataires encadrés et tracés', 'Comptes des prestataires nominatifs, activés pour la durée de l’intervention, connexions journalisées.', [H(3), ISO('5.19'), ISO('8.15')], 'Liste des accès prestataires et journaux', ['infogerance', 'prestataire', 'vpn']],
  ],
};
