import path from 'node:path';
import type { Knex } from 'knex';
import { env } from '../../config/env';
import { withTenant } from '../../db/tenant-scope';
import { localDiskStorage } from '../../integrations/storage/local-disk.storage';
import { idFromKey } from '../core/id-from-key';
import { defaultSecretBox, SecretBoxError } from '../core/secret-box';
import { ConflictError } from '../errors';
import type { RequestContext } from '../core/record-service';
import type { AppAbility } from '../identity/ability';
import type { DemoTenantFacts } from '../modules/vertical-module';
import { demoPdf, rackPhoto } from './capture-demo-files';
import { findingSpec, inventorySpec, observationSpec } from './capture-kinds';
import { createCaptured } from './capture-records';
import { createUpload } from './capture-uploads';
import type { FindingRating } from './capture.schema';

/**
 * The capture's part of Cassandre's demo (issue 16, ADR 0035): on the missions « Sur site » and after,
 * the hardware met (a Windows Server 2012 R2 in the local technique, switches, a Wi-Fi access point, a
 * badge reader…), observations with the people met, findings rated by CVSS or the grid, a photo and a
 * PDF — all through the capture's write paths, so sealed under the tenant's key like the real ones.
 * Each mission gets what its scopes cover; one « Sur site » half of it (the auditors are there now). Ids derive from the mission, so
 * seeding again finds what is there and writes nothing twice; no mission, or no RELAIS_SECRET_KEY
 * (nothing to seal with), nothing seeded.
 */
const STATUSES = ['on_site', 'drafting', 'review', 'delivered'];

/** `scopes`: the mission scopes an item belongs to (any of them); none: every mission. */
interface DemoItem { key: string; site: number; scopes?: readonly string[]; [field: string]: unknown }

const TECHNICAL = ['network', 'servers', 'applications', 'workstations', 'physical_access'];

const INVENTORY: DemoItem[] = [
  { key: 'srv', site: 0, type: 'server', brand: 'Dell', model: 'PowerEdge R720 — Windows Server 2012 R2', serial: 'CZJ4821', location: 'Local technique, baie 1', networkAddress: '10.0.12.4', owner: 'Erwan Le Floch (informatique)', notes: 'Application de paie. Fin de support Microsoft depuis octobre 2023.' },
  { key: 'sw', site: 0, type: 'network', brand: 'HPE Aruba', model: '2530-24G (commutateur)', serial: 'CN7BFP3047', location: 'Local technique, baie 1', networkAddress: '10.0.0.2', notes: 'Interface d’administration en HTTP, compte « manager » par défaut.' },
  { key: 'ap', site: 0, type: 'network', brand: 'Ubiquiti', model: 'UniFi U6 Lite (borne Wi-Fi)', serial: 'F4E2C61B09A7', location: 'Accueil, faux plafond', networkAddress: '10.0.30.11' },
  { key: 'badge', site: 0, type: 'badge_reader', brand: 'HID', model: 'iCLASS SE R10', serial: '0H3A27719', location: 'Entrée du personnel', networkAddress: '10.0.40.21' },
  { key: 'pc', site: 0, type: 'workstation', brand: 'Lenovo', model: 'ThinkCentre M720q — Windows 10 22H2', serial: 'MJ0FZ3LK', location: 'Accueil', networkAddress: '10.0.20.57', owner: 'Nathalie Guéguen (accueil)' },
  { key: 'mfp', site: 0, type: 'printer', brand: 'Ricoh', model: 'IM C3000', serial: '3109R720154', location: 'Couloir du 1er étage', networkAddress: '10.0.20.200', notes: 'Numérisation vers un partage SMBv1.' },
  { key: 'cam', site: 1, type: 'camera', brand: 'Hikvision', model: 'DS-2CD2143G2-I', serial: 'L06421337', location: 'Portail du parking', networkAddress: '10.0.50.3' },
  { key: 'phone', site: 1, type: 'phone', brand: 'Yealink', model: 'T54W', serial: '8010354128', location: 'Bureau du responsable', networkAddress: '10.0.60.14', owner: 'Gwenaël Cariou (atelier)' },
];

const OBSERVATIONS: DemoItem[] = [
  { key: 'baie', site: 0, scopes: ['network', 'physical_access'], body: 'La baie réseau du local technique n’est pas fermée à clé ; le local reste ouvert pendant les heures de bureau.', peopleMet: 'Erwan Le Floch, responsable informatique' },
  { key: 'postes', site: 0, scopes: ['workstations', 'awareness'], body: 'Les postes de l’accueil restent déverrouillés pendant les absences ; aucun verrouillage automatique n’est configuré.', peopleMet: 'Nathalie Guéguen, agent d’accueil' },
  { key: 'sauvegardes', site: 0, scopes: ['servers', 'documentation'], body: 'Sauvegarde quotidienne sur un NAS du même réseau ; le dernier test de restauration date de 2024.', peopleMet: 'Erwan Le Floch, responsable informatique' },
  { key: 'portail', site: 1, scopes: ['physical_access'], body: 'La caméra du portail enregistre sur un enregistreur dont le mot de passe est collé sur le boîtier.', peopleMet: 'Gwenaël Cariou, chef d’atelier' },
];

/** `library`: the finding library's entry it starts from (the catalogue area's demo), linked when there. */
const FINDINGS: Array<DemoItem & { rating: FindingRating; library: string }> = [
  {
    key: 'w2012', site: 0, scopes: ['servers', 'applications'], library: 'Serveurs sous un système d’exploitation en fin de support', title: 'Serveur sous Windows Server 2012 R2, hors support', rating: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    description: 'Le serveur de paie fonctionne sous Windows Server 2012 R2, dont le support étendu a pris fin le 10 octobre 2023 : il ne reçoit plus de correctifs de sécurité.',
    risk: 'Une vulnérabilité publiée après cette date (exécution de code à distance) resterait exploitable, avec accès aux données de paie des agents.',
    recommendation: 'Migrer l’application de paie vers un serveur maintenu (Windows Server 2022) ; d’ici là, isoler le serveur dans un VLAN dédié et filtrer ses flux.',
  },
  {
    key: 'smb1', site: 0, scopes: ['network', 'servers'], library: 'Protocole SMBv1 activé', title: 'SMBv1 activé sur le réseau interne', rating: { method: 'cvss', vector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    description: 'Le copieur numérise vers un partage qui n’accepte que SMBv1 ; le protocole est donc activé sur le serveur de fichiers.',
    risk: 'SMBv1 est la porte d’entrée de rançongiciels connus (WannaCry, NotPetya).',
    recommendation: 'Mettre à jour le micrologiciel du copieur ou numériser vers la messagerie, puis désactiver SMBv1.',
  },
  {
    key: 'wifi', site: 0, scopes: ['network'], library: 'Wi-Fi invités relié au réseau interne', title: 'Réseau Wi-Fi invités non cloisonné', rating: { method: 'grid', likelihood: 3, impact: 3 },
    description: 'Le Wi-Fi « Invites » donne accès au serveur de fichiers et aux imprimantes.',
    risk: 'Un visiteur, ou quiconque depuis le parking, atteint les partages internes.',
    recommendation: 'Placer le Wi-Fi invités dans un VLAN séparé, sortant vers Internet seulement.',
  },
  {
    key: 'baie', site: 0, scopes: ['physical_access', 'network'], library: 'Salle serveurs accessible sans contrôle', title: 'Baie réseau accessible sans contrôle', rating: { method: 'grid', likelihood: 2, impact: 3 },
    description: 'Le local technique et sa baie ne sont pas fermés à clé.',
    risk: 'Branchement d’un équipement malveillant, coupure volontaire ou accidentelle.',
    recommendation: 'Fermer le local à clé (badge), tenir la liste des personnes autorisées.',
  },
  {
    key: 'visiteurs', site: 1, scopes: ['physical_access', 'awareness'], library: 'Visiteurs non accompagnés', title: 'Absence de registre des visiteurs', rating: { method: 'grid', likelihood: 2, impact: 2 },
    description: 'Aucun registre des visiteurs : les auditeurs ont circulé seuls dans les ateliers.',
    risk: 'Impossible de savoir qui était présent lors d’un incident.', recommendation: 'Tenir un registre à l’accueil et accompagner les visiteurs.',
  },
];

const PDF_LINES = ['Releve de configuration - commutateur HPE Aruba 2530-24G', 'Interface d\'administration : HTTP (port 80), HTTPS desactive', 'Compte par defaut : manager (mot de passe inchange)', 'SNMP v2c, communaute : public'];

/** An item seeded before with other content (the demo changed since, or someone edited it) is left as it is. */
async function leftAlone(write: Promise<unknown>): Promise<void> {
  await write.catch((error: unknown) => { if (!(error instanceof ConflictError)) throw error; });
}

/** The items of a mission's scopes; half of them for a mission on site now. */
function pick<T extends DemoItem>(list: T[], scopes: readonly string[], onSite: boolean): T[] {
  const mine = list.filter((item) => !item.scopes || item.scopes.some((s) => scopes.includes(s)));
  return onSite ? mine.slice(0, Math.ceil(mine.length / 2)) : mine;
}

export async function seedCaptureDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  // Read before env(): the test run's global setup seeds before it sets the key (and env() reads once).
  if (!process.env.RELAIS_SECRET_KEY) return;
  let storage;
  try {
    defaultSecretBox();
    storage = localDiskStorage(path.resolve(env().RELAIS_DATA_DIR, 'documents'));
  } catch (error) {
    // The configuration was read before the key was set (env() reads once): nothing to seal with, nothing seeded.
    if (error instanceof SecretBoxError) return;
    throw error;
  }
  const missions = await admin('auditMissions').where({ tenantId: tenant.tenantId }).whereIn('status', STATUSES).orderBy('number')
    .select('id', 'status', 'scopes', 'leadId', 'auditorIds') as Array<{ id: string; status: string; scopes: string[]; leadId: string | null; auditorIds: string[] }>;
  for (const mission of missions) {
    const sites = (await admin('auditMissionSites').where({ tenantId: tenant.tenantId, missionId: mission.id }).orderBy('createdAt').select('siteId') as Array<{ siteId: string }>).map((s) => s.siteId);
    if (!sites.length) continue;
    const userId = mission.auditorIds[0] ?? mission.leadId ?? tenant.userIds['mission-lead'];
    if (!userId) continue;
    const onSite = mission.status === 'on_site';
    const technical = mission.scopes.some((s) => TECHNICAL.includes(s));
    const siteAt = (index: number) => sites[index] ?? sites[0]!;
    const id = (kind: string, key: string) => idFromKey(`audits-capture-demo/${tenant.tenantId}/${mission.id}/${kind}/${key}`);
    await withTenant({ tenantId: tenant.tenantId, userId }, async (trx) => {
      // The demo acts as the mission's first auditor, with a mission lead's reach (delivered missions included).
      const ctx: RequestContext = { trx, principal: { userId, tenantId: tenant.tenantId, type: 'internal', accountId: null, roles: ['mission-lead'], grants: [] }, ability: undefined as unknown as AppAbility, requestId: 'demo-seed' };
      for (const { key, site, scopes: _scopes, ...item } of technical ? pick(INVENTORY, mission.scopes, onSite) : []) {
        await leftAlone(createCaptured(ctx, inventorySpec, mission.id, { ...item, id: id('inventory', key), siteId: siteAt(site) }, 'demo'));
      }
      for (const { key, site, scopes: _scopes, ...item } of pick(OBSERVATIONS, mission.scopes, onSite)) {
        await leftAlone(createCaptured(ctx, observationSpec, mission.id, { ...item, id: id('observation', key), siteId: siteAt(site) }, 'demo'));
      }
      const library = new Map((await trx('auditLibraryFindings').select('id', 'title') as Array<{ id: string; title: string }>).map((f) => [f.title, f.id]));
      for (const { key, site, scopes: _scopes, library: title, ...item } of pick(FINDINGS, mission.scopes, onSite)) {
        const status = mission.status === 'delivered' && key === 'visiteurs' ? { status: 'accepted' } : {};
        await leftAlone(createCaptured(ctx, findingSpec, mission.id, { ...item, ...status, libraryFindingId: library.get(title) ?? null, id: id('finding', key), siteId: siteAt(site) }, 'demo'));
      }
      if (technical) await leftAlone(createUpload(ctx, storage, mission.id, { id: id('upload', 'rack'), siteId: siteAt(0), caption: 'Baie réseau du local technique, porte ouverte' },
        { originalname: 'baie.png', mimetype: 'image/png', buffer: rackPhoto() }, 'demo'));
      if (!onSite) {
        await leftAlone(createUpload(ctx, storage, mission.id, { id: id('upload', 'switch'), siteId: siteAt(0), caption: 'Relevé de configuration du commutateur' },
          { originalname: 'releve-commutateur.pdf', mimetype: 'application/pdf', buffer: demoPdf(PDF_LINES) }, 'demo'));
      }
    }, admin);
  }
}
