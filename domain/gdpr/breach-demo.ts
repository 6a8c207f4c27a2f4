import type { Knex } from 'knex';
import { withTenant } from '../../db/tenant-scope';
import type { RequestContext } from '../core/record-service';
import { buildAbility } from '../identity/ability';
import { loadPrincipal } from '../identity/principal';
import type { DemoTenantFacts } from '../modules/vertical-module';
import type { BreachDeclareInput } from './breach.schema';
import { declareBreach, recordNotification, updateBreach } from './breaches';

/**
 * The breach register's demo (ADR 0025), written by the organisation's data protection officer through the
 * register's actions: at the MSP a technician's laptop lost on a train, assessed as a risk and notified to the
 * CNIL within 72 hours; at Epic Events a mail with a guest list sent to the wrong caterer, documented without
 * notification. Their processes are asked for and end at once (nothing awaited). Seeded once: an organisation
 * with a breach is left alone.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const facts = (over: Partial<BreachDeclareInput> & Pick<BreachDeclareInput, 'title' | 'nature' | 'discoveredAt'>): BreachDeclareInput => ({
  description: '', startedAt: null, dataCategories: [], peopleCategories: [], approxPeople: null, approxRecords: null,
  consequences: '', measuresTaken: '', measuresProposed: '', contactIds: [], ...over,
});

export async function seedBreachDemo(admin: Knex, tenant: DemoTenantFacts): Promise<void> {
  if (tenant.slug !== 'msp' && tenant.slug !== 'epic-events') return;
  const dpo = tenant.userIds.dpo;
  if (!dpo) return;
  await withTenant({ tenantId: tenant.tenantId }, async (trx) => {
    if (await trx('gdprBreaches').where({ tenantId: tenant.tenantId }).first('id')) return;
    const principal = (await loadPrincipal(trx, tenant.tenantId, dpo))!;
    const ctx: RequestContext = { trx, principal, ability: buildAbility(principal) };
    const now = new Date();
    if (tenant.slug === 'msp') {
      const discovered = new Date(now.getTime() - 20 * DAY);
      const laptop = await declareBreach(ctx, facts({
        title: 'Perte d’un ordinateur portable de technicien', nature: ['confidentiality'], discoveredAt: discovered.toISOString(),
        startedAt: new Date(discovered.getTime() - 14 * HOUR).toISOString(),
        description: 'Un ordinateur portable d’intervention a été oublié dans un TER Nantes – Rennes. Il contenait des exports de tickets et le carnet d’adresses des contacts clients ; le disque n’était pas chiffré.',
        dataCategories: ['identity', 'contact', 'professional'], peopleCategories: ['Contacts des entreprises clientes'], approxPeople: 180, approxRecords: 420,
        consequences: 'Risque d’hameçonnage ciblé des contacts clients au nom de l’infogérant.',
        measuresTaken: 'Mots de passe et jetons d’accès du technicien révoqués ; effacement à distance demandé ; plainte déposée.',
        measuresProposed: 'Chiffrement intégral des disques de tous les postes d’intervention avant fin du mois.',
      }), discovered);
      await updateBreach(ctx, laptop.id, { riskLevel: 'risk', authorityDecision: 'notify', peopleDecision: 'not-required', peopleReason: 'Risque non élevé : données de contact professionnelles uniquement' }, '*', new Date(discovered.getTime() + 20 * HOUR));
      await recordNotification(ctx, laptop.id, { phase: 'initial', notifiedAt: new Date(discovered.getTime() + 30 * HOUR).toISOString(), reference: 'CNIL-NOT-2026-004217', delayReason: null }, new Date(discovered.getTime() + 30 * HOUR));
    } else {
      const discovered = new Date(now.getTime() - 6 * DAY);
      const mail = await declareBreach(ctx, facts({
        title: 'Liste d’invités envoyée au mauvais traiteur', nature: ['confidentiality'], discoveredAt: discovered.toISOString(),
        description: 'La liste des invités d’un mariage (noms et régimes alimentaires) a été envoyée par erreur à un autre traiteur partenaire, qui l’a supprimée le jour même à notre demande.',
        dataCategories: ['identity'], peopleCategories: ['Invités des clients'], approxPeople: 85, approxRecords: 85,
        consequences: 'Aucune conséquence probable : destinataire professionnel lié par contrat, message supprimé.',
        measuresTaken: 'Suppression confirmée par écrit par le destinataire.', measuresProposed: 'Vérification du destinataire avant tout envoi de liste.',
      }), discovered);
      await updateBreach(ctx, mail.id, {
        riskLevel: 'none', authorityDecision: 'not-required',
        authorityReason: 'Destinataire professionnel de confiance lié par une clause de confidentialité ; suppression confirmée par écrit le jour même : violation non susceptible d’engendrer un risque.',
      }, '*', new Date(discovered.getTime() + 4 * HOUR));
    }
  }, admin);
}
